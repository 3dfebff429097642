"""GET /v1/dump and `provnotes dump`: typed NDJSON with a licence, a seed file that
round-trips into an empty database with `provnotes import`, and an ETag."""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from api.cli import app as cli
from api.main import create_app
from tests import factories as f
from tests.support import make_settings

ASD = "asd-state-media-matrix-test"
ARCHIVED = "https://web.archive.org/web/2025/https://example.org/sources/dump"


def _data(session: Session) -> list[str]:
    """Seed a citation (with an archived copy), an ASD-cited outlet, a plain organization and a
    person; return slugs."""
    cite, asd = f.citation(archive_url=ARCHIVED), f.citation(key=ASD)
    outlet = f.outlet([cite["key"], ASD])
    owner = f.organization([cite["key"]])
    person = f.person([cite["key"]])
    f.seed(session, citations=[cite, asd], organizations=[outlet, owner], people=[person])
    return [outlet["slug"], owner["slug"], person["slug"]]


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if not k.endswith("_at")}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def test_the_ndjson_dump_has_a_licensed_header_typed_records_and_an_end(
    client: TestClient, session: Session
) -> None:
    slugs = _data(session)
    response = client.get("/v1/dump")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert 'rel="license"' in response.headers["link"]
    records = _records(response.text)
    header, *body, end = records
    assert header["type"] == "header"
    assert header["licence"]["name"] == "CC BY-SA 4.0"
    assert "ASD-at-GMF" in header["third_party"][0]["notice"]
    assert end == {
        "type": "end",
        "counts": {"citation": 2, "organization": 2, "person": 1, "revision": 5},
    }
    profiles = {r["slug"]: r for r in body if r["type"] in ("organization", "person")}
    assert sorted(profiles) == sorted(slugs)
    assert profiles[slugs[0]]["licence"] == "MIT (ASD)"
    assert profiles[slugs[1]]["licence"] == "CC BY-SA 4.0"
    assert profiles[slugs[2]]["document"]["name"]
    history = [r for r in body if r["type"] == "revision"]
    assert {(r["entity_type"], r["number"], r["action"]) for r in history} == {
        (t, 1, "create") for t in ("citation", "citation", "organization", "organization", "person")
    }
    assert all(r["reason"] == "test data" and r["published_at"] for r in history)


def test_the_dump_etag_follows_the_data_version(client: TestClient, session: Session) -> None:
    _data(session)
    first = client.get("/v1/dump")
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    assert client.get("/v1/dump", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/v1/dump?format=seed").headers["etag"] != etag
    f.seed(session, citations=[f.citation()])
    changed = client.get("/v1/dump", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag


def test_an_unknown_format_is_a_422(client: TestClient) -> None:
    response = client.get("/v1/dump?format=csv")
    assert response.status_code == 422
    assert "format" in response.text


def test_the_seed_dump_round_trips_into_an_empty_database(
    client: TestClient,
    session: Session,
    fresh_db: tuple[str, Engine],
    cli_sandbox: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    slugs = _data(session)
    seed_file = tmp_path / "dump.json"
    seed_file.write_bytes(client.get("/v1/dump?format=seed").content)

    url, engine = fresh_db
    monkeypatch.setenv("PROVNOTES_DATABASE_URL", url)
    imported = CliRunner().invoke(cli, ["import", str(seed_file)])
    assert imported.exit_code == 0, imported.output
    assert "5 created" in imported.output

    with TestClient(create_app(make_settings(database_url=url), engine=engine)) as copy:
        for slug in slugs:
            original = client.get(f"/v1/entities/{slug}")
            assert original.status_code == 200
            assert _without_times(copy.get(f"/v1/entities/{slug}").json()) == _without_times(
                original.json()
            )
        assert copy.get("/v1/dump?format=seed").content == seed_file.read_bytes()
        assert ARCHIVED in copy.get(f"/v1/entities/{slugs[-1]}").text
        documents = [
            _without_times(r)
            for r in _records(copy.get("/v1/dump").text)
            if r["type"] in ("citation", "organization", "person")
        ]
    assert documents == [
        _without_times(r)
        for r in _records(client.get("/v1/dump").text)
        if r["type"] in ("citation", "organization", "person")
    ]


def test_provnotes_dump_writes_a_file_or_stdout(cli_sandbox: None, tmp_path: Path) -> None:
    cite = f.citation()
    f.write_seed(tmp_path / "seed", "a.yaml", citations=[cite], people=[f.person([cite["key"]])])
    db = tmp_path / "a.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["seed", str(tmp_path / "seed"), "--db", str(db)]).exit_code == 0
    target = tmp_path / "daily.ndjson"
    result = runner.invoke(cli, ["dump", "--out", str(target), "--db", str(db)])
    assert result.exit_code == 0, result.output
    types = [r["type"] for r in _records(target.read_text(encoding="utf-8"))]
    assert types == ["header", "citation", "person", "revision", "revision", "end"]
    seed = runner.invoke(cli, ["dump", "--format", "seed", "--db", str(db)])
    assert seed.exit_code == 0, seed.output
    assert json.loads(seed.stdout)["people"][0]["slug"]
    missing = runner.invoke(cli, ["dump", "--out", str(tmp_path / "no" / "x"), "--db", str(db)])
    assert missing.exit_code == 1
    assert "does not exist" in missing.output
