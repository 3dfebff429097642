"""Designations from named schemes: validated, projected, shown on cards apart from SMM codes."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session

from api.organizations.models import OrganizationDocument
from api.seeding.validation import Known, SeedInvalid, validate
from tests import factories as f

VECTOR = Path(__file__).resolve().parents[2] / "extension/test/fixtures/designation-card.json"


def _designated(cite: str, **fields: Any) -> dict[str, Any]:
    """An outlet the State Media Monitor does not classify, named by VIGINUM."""
    doc = f.outlet(
        [cite],
        slug="mirror-network",
        name="Mirror Network",
        country="RU",
        domains=[{"host": "mirror-network.example", "citations": [cite]}],
        designations=[
            {
                "scheme": "viginum",
                "value": "attributed_network",
                "attributed_to": "RU",
                "as_of": "2024-02-12",
                "citations": [cite],
            }
        ],
        **fields,
    )
    doc.pop("category", None)
    return doc


def test_a_designation_must_name_a_value_its_scheme_knows() -> None:
    with pytest.raises(ValidationError, match="'listed' is not a designation of scheme 'viginum'"):
        OrganizationDocument.model_validate(
            _designated("c")
            | {"designations": [{"scheme": "viginum", "value": "listed", "as_of": "2024-01-01"}]}
        )
    with pytest.raises(ValidationError, match="designations are only for outlets"):
        OrganizationDocument.model_validate({**_designated("c"), "kind": "company", "domains": []})


def test_an_uncited_designation_is_refused_with_its_place() -> None:
    cite = f.citation()
    doc = _designated(cite["key"])
    doc["designations"][0]["citations"] = []
    with pytest.raises(SeedInvalid, match=r"designations\[0\]\.citations: cites no source"):
        validate(f.records(citations=[cite], organizations=[doc]), Known())


def test_the_card_shows_the_designation_apart_from_the_smm_category(
    client: TestClient, session: Session
) -> None:
    cite = f.citation(url="https://example.org/viginum-report", publisher="Example Ministry")
    f.seed(session, citations=[cite], organizations=[_designated(cite["key"])])
    card = client.get("/v1/entities/mirror-network").json()
    assert card["category"] is None
    (designation,) = card["designations"]
    assert designation["scheme"] == "viginum"
    assert designation["scheme_name"] == "VIGINUM (France)"
    assert designation["label"].startswith("Part of a network of sites that VIGINUM attributes")
    assert designation["attributed_to"] == "RU"
    assert designation["citations"][0]["url"] == "https://example.org/viginum-report"
    assert card["sources"] == 1
    page = client.get("/v1/lookup", params={"url": "https://mirror-network.example/news/1"})
    assert page.json()["outlet"]["designations"] == card["designations"]


def test_a_designation_is_replaced_when_the_profile_changes(
    session: Session, client: TestClient
) -> None:
    cite = f.citation()
    doc = _designated(cite["key"])
    f.seed(session, citations=[cite], organizations=[doc])
    doc["designations"] = [
        {
            "scheme": "eu_sanctions",
            "value": "broadcast_suspended",
            "as_of": "2024-05-17",
            "citations": [cite["key"]],
        }
    ]
    f.seed(session, citations=[cite], organizations=[doc])
    card = client.get("/v1/entities/mirror-network").json()
    assert [d["scheme"] for d in card["designations"]] == ["eu_sanctions"]
    assert card["designations"][0]["attributed_to"] is None


def test_the_shipped_outlets_carry_designations_with_their_sources(
    client: TestClient, session: Session
) -> None:
    from api.seeding import service as seeding
    from api.seeding.files import read_path

    seed_dir = Path(__file__).resolve().parents[2] / "seed_data"
    seeding.apply(session, seeding.plan(session, read_path(seed_dir)), author="t", reason="t")
    rt = client.get("/v1/entities/rt").json()
    assert rt["category"]["value"] == "state_controlled"
    assert rt["designations"][0]["scheme"] == "eu_sanctions"
    pravda = client.get("/v1/lookup", params={"url": "https://pravda-fr.com/"}).json()["outlet"]
    assert pravda["slug"] == "pravda-network"
    assert pravda["designations"][0]["scheme_name"] == "VIGINUM (France)"
    assert all(c["url"].startswith("https://") for c in pravda["designations"][0]["citations"])
    _check_vector(pravda)


def _check_vector(card: dict[str, Any]) -> None:
    """The extension renders this real card in its tests; Python writes it, JavaScript reads it."""
    card = {**card, "review": {**card["review"], "published_at": "2026-12-01T00:00:00Z"}}
    text = json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("PROVNOTES_WRITE_VECTORS"):
        VECTOR.write_text(text, encoding="utf-8")
    assert VECTOR.read_text(encoding="utf-8") == text, "run with PROVNOTES_WRITE_VECTORS=1"


def test_curators_propose_a_designation_through_the_admin_api(
    client: TestClient, staff: Any
) -> None:
    from tests.staff import check, citation, outlet, propose_and_publish

    propose_and_publish(client, staff, "citations", citation("eu-listing"))
    body = outlet(
        "listed-outlet",
        "eu-listing",
        designations=[
            {
                "scheme": "eu_sanctions",
                "value": "broadcast_suspended",
                "attributed_to": "RU",
                "as_of": "2022-03-02",
                "citations": ["eu-listing"],
            }
        ],
    )
    propose_and_publish(client, staff, "organizations", body)
    card = check(client.get("/v1/entities/listed-outlet"))
    assert card["category"]["value"] == "independent_public"  # the SMM category stays apart
    assert card["designations"][0]["scheme_name"] == "EU sanctions"
    wrong = {**body, "slug": "wrong-outlet", "domains": []}
    wrong["designations"] = [{**body["designations"][0], "value": "sanctioned"}]
    refused = client.post(
        "/admin/v1/organizations", json={**wrong, "reason": "test"}, headers=staff["cora"]
    )
    assert refused.status_code == 422
    assert "is not a designation of scheme 'eu_sanctions'" in refused.text
