"""Wikidata items become one changeset of drafts; once a reviewer publishes it, pages annotate."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session
from typer.testing import CliRunner

from api.auth.models import Actor, Role
from api.cli import app
from api.importers.wikidata.service import import_entities
from api.importers.wikidata_cli import read_all
from api.organizations.models import Organization
from api.profiles.projection import table
from tests import factories as f
from tests.staff import Staff, check

FILES = Path(__file__).resolve().parents[1] / "fixtures/wikidata"
ALL = [FILES / n for n in ("entitydata.json", "dump-subset.json", "sparql-results.json")]
CORA = Actor(name="cora", role=Role.curator)


def _curated_holding(session: Session) -> None:
    """A hand-written profile already linked to the holding's Wikidata item."""
    cite = f.citation(key="holding-register", url="https://register.example/northwind")
    holding = f.organization(
        [cite["key"]],
        slug="northwind-holding",
        name="Northwind Holding",
        kind="company",
        country="RU",
        wikidata="Q990002",
        description="A media holding (curator's words).",
    )
    f.seed(session, citations=[cite], organizations=[holding])


def _import(session: Session):
    return import_entities(
        session, CORA, read_all(ALL), reason="test import", accessed="2026-12-01"
    )


def _import_and_publish(client: TestClient, session: Session, staff: Staff) -> None:
    """Cora imports the files; reviewer Rita publishes the changeset."""
    changeset, _ = _import(session)
    assert changeset is not None
    check(client.post(f"/admin/v1/changesets/{changeset.id}/publish", headers=staff["rita"]), 200)


def test_items_become_drafts_in_one_changeset_never_published_directly(
    client: TestClient, session: Session, staff: Staff
) -> None:
    _curated_holding(session)
    changeset, prepared = _import(session)
    assert changeset is not None
    assert changeset.status == "open"
    assert "+ create organization northwind-agency (Q990001): Northwind Agency" in prepared.lines
    assert any(
        line.startswith("~ update organization northwind-holding (Q990002)")
        for line in prepared.lines
    )
    # Nothing is live yet.
    assert client.get("/v1/entities/northwind-agency").status_code == 404
    orgs = table(Organization)
    linked = select(func.count()).select_from(orgs).where(orgs.c.wikidata == "Q990002")
    assert session.execute(linked).scalar_one() == 1
    body = check(client.get(f"/admin/v1/changesets/{changeset.id}", headers=staff["rita"]), 200)
    slugs = {d["slug"] for d in body["drafts"]}
    assert {"northwind-agency", "northwind-holding", "irina-testova", "eastwind-daily"} <= slugs
    assert "northwind-media-holding" not in slugs  # linked by QID: updated, not duplicated


def test_a_published_import_annotates_as_expected(
    client: TestClient, session: Session, staff: Staff
) -> None:
    _curated_holding(session)
    _import_and_publish(client, session, staff)
    holding = client.get("/v1/entities/northwind-holding").json()
    assert holding["name"] == "Northwind Holding"  # the curator's words stay
    assert holding["description"] == "A media holding (curator's words)."
    assert "Медиахолдинг Нордвинд" in holding["aliases"]
    assert {c["url"] for c in holding["citations"]} == {
        "https://register.example/northwind",
        "https://www.wikidata.org/w/index.php?title=Q990002&oldid=2251230001",
    }

    text = (
        "Агентство Нордвинд reported the figures on Monday. "
        "Ирина Тестова, an economist, said the forecast was cautious; Testova added more."
    )
    answer = client.post(
        "/v1/annotate", json={"url": "https://en.northwind-agency.test/news/1", "blocks": [text]}
    ).json()
    assert answer["outlet"] == "northwind-agency"
    found = {(m["text"], tuple(m["entities"])) for m in answer["mentions"]}
    assert ("Агентство Нордвинд", ("northwind-agency",)) in found
    assert ("Ирина Тестова", ("irina-testova",)) in found
    assert ("Testova", ("irina-testova",)) in found  # the surname after the full name
    irina = answer["entities"]["irina-testova"]
    employer = next(a for a in irina["affiliations"] if a["type"] == "employed_by")
    assert (employer["organization"], employer["start"]) == ("examplia-state-university", "2015")
    source = answer["citations"][str(employer["citations"][0])]
    assert source["url"].endswith("title=Q990020&oldid=2250000020")
    ended = next(a for a in irina["affiliations"] if a["type"] == "affiliated_with")
    assert ended["end"] == "2020-01-31"
    assert not ended.get("current")
    (tie,) = irina["state_ties"]
    assert tie["reaches"] == "ministry-of-science-of-examplia"
    agency = answer["entities"]["northwind-agency"]
    owner = next(a for a in agency["affiliations"] if a["type"] == "owned_by")
    assert owner["organization"] == "northwind-holding"


def test_a_second_import_of_the_same_files_changes_nothing(
    client: TestClient, session: Session, staff: Staff
) -> None:
    _import_and_publish(client, session, staff)
    again, prepared = _import(session)
    assert again is None
    assert all(line.startswith(("=", "-", "!")) for line in prepared.lines), prepared.lines


def test_the_cli_dry_run_reports_and_a_real_run_opens_a_changeset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "wd.db"
    monkeypatch.setenv("PROVNOTES_DATABASE_URL", f"sqlite:///{db}")  # restored afterwards
    args = [
        "import-source",
        "wikidata",
        *map(str, ALL),
        "--db",
        str(db),
        "--accessed",
        "2026-12-01",
    ]
    dry = CliRunner().invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "+ create person irina-testova (Q990020): Irina Testova" in dry.output
    assert "nothing written" in dry.output
    real = CliRunner().invoke(app, [*args, "--author", "cora"])
    assert real.exit_code == 0, real.output
    assert "changeset 1 opened with" in real.output
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    refused = CliRunner().invoke(app, ["import-source", "wikidata", str(bad), "--db", str(db)])
    assert refused.exit_code == 1
    assert "an EntityData file has an 'entities' object" in refused.output


@pytest.fixture(autouse=True)
def _settings_cache() -> Iterator[None]:
    from api.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_the_admin_api_takes_exported_files_and_opens_a_changeset(
    client: TestClient, staff: Staff
) -> None:
    import json

    files = [
        json.loads((FILES / n).read_text()) for n in ("entitydata.json", "sparql-results.json")
    ]
    body = {"reason": "items exported from Wikidata", "files": files, "accessed": "2026-12-01"}
    assert client.post("/admin/v1/imports/wikidata", json=body).status_code == 401
    created = check(
        client.post("/admin/v1/imports/wikidata", json=body, headers=staff["cora"]), 201
    )
    assert created["status"] == "open"
    assert {"northwind-agency", "eastwind-daily"} <= {d["slug"] for d in created["drafts"]}
    bad = {"reason": "broken export", "files": [{"entities": {"Q1": {"id": "X1"}}}]}
    refused = client.post("/admin/v1/imports/wikidata", json=bad, headers=staff["cora"])
    assert refused.status_code == 422
    assert "files[0]: entities.Q1: not a Wikidata item" in refused.json()["error"]["message"]
