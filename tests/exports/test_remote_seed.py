"""`provnotes seed --api URL --token T` seeds a live server through the admin API."""

import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from api.auth import service as auth
from api.auth.models import AccountCreate, Role
from api.cli import app as cli
from api.db import transaction
from tests.live import PEPPER, live_server
from tests.support import ROOT

SEED = ROOT / "seed_data"


def wait_for_domains(base: str, seconds: float = 15.0) -> list[object]:
    """Poll the index until the replica has rebuilt its snapshot (bounded)."""
    deadline = time.monotonic() + seconds
    while True:
        domains: list[object] = httpx.get(f"{base}/v1/index").json()["domains"]
        if domains or time.monotonic() > deadline:
            return domains
        time.sleep(0.2)


def token_for(engine: Engine, name: str, role: Role) -> str:
    with transaction(engine) as session:
        account = auth.create_account(session, AccountCreate(name=name, role=role), "test")
        created = auth.create_token(
            session, account, label="t", expires_days=None, actor="test", pepper=PEPPER
        )
    return created.token


@pytest.fixture
def server(fresh_db: tuple[str, Engine], tmp_path: Path) -> tuple[str, str, str]:
    url, engine = fresh_db
    admin, curator = token_for(engine, "ada", Role.admin), token_for(engine, "cora", Role.curator)
    with live_server(url, tmp_path) as base:
        yield base, admin, curator  # type: ignore[misc]


def test_remote_seed_matches_local_seeding(server: tuple[str, str, str], tmp_path: Path) -> None:
    base, admin, curator = server
    runner = CliRunner()
    local = runner.invoke(cli, ["seed", str(SEED), "--dry-run", "--db", str(tmp_path / "l.db")])
    dry = runner.invoke(cli, ["seed", str(SEED), "--dry-run", "--api", base, "--token", admin])
    assert dry.exit_code == 0, dry.output
    assert dry.output == local.output
    assert httpx.get(f"{base}/v1/index").json()["domains"] == []

    applied = runner.invoke(cli, ["seed", str(SEED), "--api", base, "--token", admin])
    assert applied.exit_code == 0, applied.output
    created = applied.output.strip().splitlines()[-1]
    assert created.endswith("0 updated, 0 unchanged")
    assert not created.startswith("0 created")
    assert wait_for_domains(base)

    again = runner.invoke(cli, ["seed", str(SEED), "--api", base, "--token", admin])
    assert again.output.strip().startswith("0 created, 0 updated")

    refused = runner.invoke(cli, ["seed", str(SEED), "--api", base, "--token", curator])
    assert refused.exit_code == 1
    assert "admin role" in refused.output
    bad_token = runner.invoke(cli, ["seed", str(SEED), "--api", base, "--token", "pn_wrong"])
    assert bad_token.exit_code == 1
    assert "not valid" in bad_token.output


def test_remote_seed_reports_problems_with_file_and_field(
    server: tuple[str, str, str], tmp_path: Path
) -> None:
    base, admin, _ = server
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {slug: x, name: X, description: Someone}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["seed", str(bad), "--api", base, "--token", admin])
    assert result.exit_code == 1
    assert "people[0].citations: cites no source" in result.output
    assert "nothing was written" in result.output
