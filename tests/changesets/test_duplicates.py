"""Possible duplicates on create: a 409 naming the candidates, until the curator acknowledges."""

from fastapi.testclient import TestClient

from tests import factories as f
from tests.staff import Staff, check, citation, outlet, propose_and_publish


def test_a_second_person_with_the_same_folded_name_needs_an_acknowledgement(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(
        client, staff, "people", f.person(["src"], slug="cenk", name="Cenk Başlamış")
    )
    twin = {**f.person(["src"], slug="cenk-2", name="CENK BASLAMIS"), "reason": "new expert"}
    warned = client.post("/admin/v1/people", json=twin, headers=staff["cora"])
    error = check(warned, 409)["error"]
    assert error["code"] == "possible_duplicates"
    assert error["candidates"] == [
        {
            "document": "body",
            "entity_type": "person",
            "slug": "cenk",
            "label": "Cenk Başlamış",
            "matched": "name 'CENK BASLAMIS'",
        }
    ]
    assert "acknowledge_duplicates" in error["message"]
    created = client.post(
        "/admin/v1/people", json={**twin, "acknowledge_duplicates": True}, headers=staff["cora"]
    )
    assert check(created, 201)["slug"] == "cenk-2"


def test_changesets_warn_on_aliases_domains_and_citation_urls(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(
        client, staff, "organizations", outlet("daily", "src", aliases=["The Daily"])
    )
    body = {
        "reason": "profile a paper",
        "citations": [citation("src-copy", url="https://example.org/src")],
        "organizations": [
            outlet("daily-2", "src-copy", name="Other", aliases=["the daily"], domains=[]),
        ],
    }
    warned = client.post("/admin/v1/changesets", json=body, headers=staff["cora"])
    matched = {
        (c["document"], c["slug"], c["matched"]) for c in check(warned, 409)["error"]["candidates"]
    }
    assert matched == {
        ("citations[0]", "src", "URL 'https://example.org/src'"),
        ("organizations[0]", "daily", "alias 'the daily'"),
    }
    acknowledged = client.post(
        "/admin/v1/changesets", json={**body, "acknowledge_duplicates": True}, headers=staff["cora"]
    )
    assert len(check(acknowledged, 201)["drafts"]) == 2


def test_updates_are_not_duplicates_of_themselves(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    body = {
        "reason": "reword",
        "organizations": [{**outlet("daily", "src"), "description": "A paper"}],
    }
    check(client.post("/admin/v1/changesets", json=body, headers=staff["cora"]), 201)
