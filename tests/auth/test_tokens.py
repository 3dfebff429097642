"""Tokens: shown once, stored as a keyed hash, expiring, revocable; accounts can be disabled."""

import gc
import re
import warnings
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from api.cli import app as cli
from tests.staff import Staff, check


def test_a_token_works_until_it_is_revoked(client: TestClient, staff: Staff) -> None:
    created = check(
        client.post(
            "/admin/v1/accounts", json={"name": "newbie", "role": "curator"}, headers=staff["ada"]
        ),
        201,
    )
    assert created["role"] == "curator"
    token = check(
        client.post(
            "/admin/v1/accounts/newbie/tokens", json={"expires_days": 30}, headers=staff["ada"]
        ),
        201,
    )
    assert token["token"].startswith("pn_")
    assert token["expires_at"]
    bearer = {"Authorization": f"Bearer {token['token']}"}
    assert check(client.get("/admin/v1/me", headers=bearer))["name"] == "newbie"
    listed = check(
        client.get("/admin/v1/tokens", params={"account": "newbie"}, headers=staff["ada"])
    )
    assert "token" not in listed[0]
    assert listed[0]["active"]
    check(client.delete(f"/admin/v1/tokens/{token['id']}", headers=staff["ada"]))
    assert "revoked" in check(client.get("/admin/v1/me", headers=bearer), 401)["error"]["message"]


def test_a_disabled_account_is_locked_out(client: TestClient, staff: Staff) -> None:
    check(client.patch("/admin/v1/accounts/cliff", json={"disabled": True}, headers=staff["ada"]))
    assert client.get("/admin/v1/me", headers=staff["cliff"]).status_code == 401
    check(client.patch("/admin/v1/accounts/cliff", json={"disabled": False}, headers=staff["ada"]))
    assert client.get("/admin/v1/me", headers=staff["cliff"]).status_code == 200


def test_account_names_and_roles_are_checked(client: TestClient, staff: Staff) -> None:
    bad = client.post(
        "/admin/v1/accounts", json={"name": "Bad Name", "role": "god"}, headers=staff["ada"]
    )
    locs = {f["loc"] for f in check(bad, 422)["error"]["fields"]}
    assert locs == {"body.name", "body.role"}
    again = client.post(
        "/admin/v1/accounts", json={"name": "cora", "role": "curator"}, headers=staff["ada"]
    )
    assert again.status_code == 409


def test_the_cli_makes_the_first_admin_token(tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(tmp_path / "t.db")]
    made = runner.invoke(cli, ["token", "create", "--role", "admin", "--name", "alice", *db])
    assert made.exit_code == 0, made.output
    secret = made.output.strip().splitlines()[-1]
    assert secret.startswith("pn_")
    listing = runner.invoke(cli, ["token", "list", *db])
    assert "alice" in listing.output
    assert secret not in listing.output
    wrong = runner.invoke(cli, ["token", "create", "--role", "curator", "--name", "alice", *db])
    assert wrong.exit_code == 1
    assert "is a admin" in wrong.output or "is an admin" in wrong.output
    revoked = runner.invoke(cli, ["token", "revoke", "1", *db])
    assert revoked.exit_code == 0
    assert "revoked" in revoked.output
    assert "revoked" in runner.invoke(cli, ["token", "list", *db]).output


def test_the_cli_leaves_no_database_connection_open(
    cli_sandbox: None, fresh_db: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVNOTES_DATABASE_URL", fresh_db[0])
    runner = CliRunner()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        made = runner.invoke(cli, ["token", "create", "--name", "rw-ann"])
        assert made.exit_code == 0, made.output
        token_id = re.search(r"token (\d+) for rw-ann", made.output)
        assert token_id is not None, made.output
        for args, stdin in (
            (["token", "list"], None),
            (["token", "revoke", token_id[1]], None),
            (["account", "create", "--name", "rw-bob", "--password-stdin"], "a long passphrase\n"),
        ):
            result = runner.invoke(cli, args, input=stdin)
            assert result.exit_code == 0, (args, result.output)
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
