"""Export → import into an empty database → export is identical; import is all-or-nothing and
idempotent under an Idempotency-Key."""

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session
from typer.testing import CliRunner

from api.cli import app as cli
from tests.staff import Staff, check, citation, outlet
from tests.support import ROOT

SEED = ROOT / "seed_data"


def seed_files() -> list[dict[str, object]]:
    import yaml

    files = []
    for path in sorted(SEED.rglob("*.yaml")):
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        files.append({"name": str(path.relative_to(ROOT)), **content})
    return files


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    runner = CliRunner()
    first_db, second_db = tmp_path / "a.db", tmp_path / "b.db"
    seeded = runner.invoke(cli, ["seed", str(SEED), "--db", str(first_db)])
    assert seeded.exit_code == 0, seeded.output
    exported = tmp_path / "export.json"
    assert (
        runner.invoke(cli, ["export", "--out", str(exported), "--db", str(first_db)]).exit_code == 0
    )
    imported = runner.invoke(cli, ["import", str(exported), "--db", str(second_db)])
    assert imported.exit_code == 0, imported.output
    again = runner.invoke(cli, ["export", "--db", str(second_db)])
    assert again.exit_code == 0
    assert again.output == exported.read_text(encoding="utf-8")
    data = json.loads(again.output)
    assert data["organizations"]
    assert data["people"]
    assert data["citations"]
    assert [o["slug"] for o in data["organizations"]] == sorted(
        o["slug"] for o in data["organizations"]
    )
    reimport = runner.invoke(cli, ["import", str(exported), "--db", str(second_db)])
    assert "0 created, 0 updated" in reimport.output


def test_the_api_import_and_export_round_trip(client: TestClient, staff: Staff) -> None:
    result = check(
        client.post("/admin/v1/import", json={"files": seed_files()}, headers=staff["ada"])
    )
    assert result["created"] > 10
    assert not result["dry_run"]
    exported = check(client.get("/admin/v1/export", headers=staff["cora"]))
    replay = check(
        client.post("/admin/v1/import", json={"files": [exported]}, headers=staff["ada"])
    )
    assert (replay["created"], replay["updated"]) == (0, 0)
    assert check(client.get("/admin/v1/export", headers=staff["cora"])) == exported


def test_import_is_all_or_nothing(client: TestClient, staff: Staff, session: Session) -> None:
    bad = {
        "name": "upload.json",
        "citations": [citation("src")],
        "organizations": [outlet("good", "src"), outlet("bad", "missing")],
    }
    error = check(client.post("/admin/v1/import", json={"files": [bad]}, headers=staff["ada"]), 422)
    assert (
        "upload.json: organizations[1].citations[0]: unknown citation 'missing'"
        in (error["error"]["message"])
    )
    assert session.execute(text("SELECT count(*) FROM citation")).scalar_one() == 0
    dry = check(
        client.post(
            "/admin/v1/import",
            params={"dry_run": "true"},
            json={"files": [{**bad, "organizations": bad["organizations"][:1]}]},
            headers=staff["ada"],
        )
    )
    assert dry["dry_run"]
    assert dry["created"] == 2
    assert session.execute(text("SELECT count(*) FROM organization")).scalar_one() == 0


def test_a_retried_import_is_applied_once(
    client: TestClient, staff: Staff, session: Session
) -> None:
    body = {"files": [{"citations": [citation("src")], "organizations": [outlet("daily", "src")]}]}
    key = {"Idempotency-Key": "import-0001-abcdef"}
    first = client.post("/admin/v1/import", json=body, headers={**staff["ada"], **key})
    assert check(first)["created"] == 2
    assert "Idempotent-Replayed" not in first.headers
    second = client.post("/admin/v1/import", json=body, headers={**staff["ada"], **key})
    assert check(second) == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    revisions = session.execute(text("SELECT count(*) FROM revision")).scalar_one()
    assert revisions == 2
    other = {"files": [{"citations": [citation("other")]}]}
    reused = client.post("/admin/v1/import", json=other, headers={**staff["ada"], **key})
    assert check(reused, 409)["error"]["fields"][0]["loc"] == "header.Idempotency-Key"


def test_only_admins_import(client: TestClient, staff: Staff) -> None:
    response = client.post("/admin/v1/import", json={"files": [{}]}, headers=staff["rita"])
    assert response.status_code == 403


def test_export_cli_writes_yaml_that_seeds(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "y.db"
    assert runner.invoke(cli, ["seed", str(SEED), "--db", str(db)]).exit_code == 0
    out = tmp_path / "export.yaml"
    assert runner.invoke(cli, ["export", "--out", str(out), "--db", str(db)]).exit_code == 0
    dry = runner.invoke(cli, ["seed", str(out), "--dry-run", "--db", str(tmp_path / "z.db")])
    assert dry.exit_code == 0
    assert "nothing written" in dry.output
