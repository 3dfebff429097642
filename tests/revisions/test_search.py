"""Search that curators need before they create: names, aliases, domains by host or URL,
citation URLs and titles, folded for accents and case."""

import pytest
from fastapi.testclient import TestClient

from tests import factories as f
from tests.staff import Staff, check, citation, propose_and_publish


@pytest.fixture
def profiled(client: TestClient, staff: Staff) -> None:
    propose_and_publish(
        client, staff, "citations", citation("about", url="https://sputniknews.africa/about/")
    )
    africa = f.outlet(
        ["about"],
        slug="sputnik-africa",
        name="Sputnik Afrique",
        domains=[{"host": "fr.sputniknews.africa", "citations": ["about"]}],
    )
    propose_and_publish(client, staff, "organizations", africa)
    check(
        client.post(
            "/admin/v1/people",
            json={**f.person(["about"], slug="bas", name="Cenk Başlamış"), "reason": "draft"},
            headers=staff["cora"],
        ),
        201,
    )


def slugs(client: TestClient, staff: Staff, family: str, q: str) -> list[str]:
    page = check(client.get(f"/admin/v1/{family}", params={"q": q}, headers=staff["cora"]))
    return [item["slug"] for item in page["items"]]


@pytest.mark.parametrize(
    "q",
    [
        "sputniknews.africa",
        "fr.sputniknews.africa",
        "https://www.fr.sputniknews.africa/20240101/story.html",
        "SPUTNIK AFRIQUE",
    ],
)
def test_outlets_are_found_by_domain_host_url_or_name(
    client: TestClient, staff: Staff, profiled: None, q: str
) -> None:
    assert slugs(client, staff, "organizations", q) == ["sputnik-africa"]


def test_citations_are_found_by_url_and_title(
    client: TestClient, staff: Staff, profiled: None
) -> None:
    assert slugs(client, staff, "citations", "https://sputniknews.africa/about/") == ["about"]
    assert slugs(client, staff, "citations", "source ABOUT") == ["about"]


def test_drafts_are_found_without_accents(client: TestClient, staff: Staff, profiled: None) -> None:
    assert slugs(client, staff, "people", "baslamis") == ["bas"]
    assert slugs(client, staff, "people", "nobody at all") == []
