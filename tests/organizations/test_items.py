"""Small edits: one alias, one exclude phrase or one domain, without sending whole lists."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"


@pytest.fixture
def daily(client: TestClient, staff: Staff) -> dict[str, Any]:
    propose_and_publish(client, staff, "citations", citation("src"))
    return propose_and_publish(client, staff, "organizations", outlet("daily", "src"))


def test_one_alias_and_one_exclude_phrase_in_one_request_each(
    client: TestClient, staff: Staff, daily: dict[str, Any]
) -> None:
    alias = client.post(
        f"{ORGS}/daily/aliases",
        json={"value": "Daily Ledger", "reason": "seen"},
        headers=staff["cora"],
    )
    assert check(alias, 201)["document"]["aliases"] == ["Daily Ledger"]
    twice = client.post(
        f"{ORGS}/daily/aliases",
        json={"value": "daily ledger", "reason": "seen"},
        headers=staff["cora"],
    )
    assert check(twice, 409)["error"]["fields"] == [
        {"loc": "value", "message": "already in aliases"}
    ]
    phrase = client.post(
        f"{ORGS}/daily/exclude",
        json={"value": "Daily Mail", "reason": "not them"},
        headers=staff["cliff"],
    )
    body = check(phrase, 201)
    assert body["document"]["aliases"] == ["Daily Ledger"]
    assert body["document"]["exclude"] == ["Daily Mail"]
    removed = client.delete(
        f"{ORGS}/daily/aliases/Daily Ledger?reason=wrong", headers=staff["cora"]
    )
    assert check(removed)["document"]["aliases"] == []
    missing = client.delete(f"{ORGS}/daily/aliases/Nope?reason=wrong", headers=staff["cora"])
    assert (
        check(missing, 404)["error"]["message"] == "organization 'daily' has no 'Nope' in aliases"
    )
    stale = client.post(
        f"{ORGS}/daily/exclude",
        json={"value": "x y", "reason": "seen"},
        headers={**staff["cora"], "If-Match": daily["etag"]},
    )
    assert stale.status_code == 412
    assert check(
        client.post(
            f"{ORGS}/daily/exclude", json={"value": "", "reason": "x y"}, headers=staff["cora"]
        ),
        422,
    )


def test_one_domain_without_if_match(
    client: TestClient, staff: Staff, daily: dict[str, Any]
) -> None:
    added = client.post(
        f"{ORGS}/daily/domains",
        json={"host": "daily.example.net", "citations": ["src"], "reason": "mirror"},
        headers=staff["cora"],
    )
    assert [d["host"] for d in check(added, 201)["document"]["domains"]] == [
        "daily.example",
        "daily.example.net",
    ]


@pytest.mark.parametrize("sent", ["", "   "])
def test_an_empty_if_match_is_refused_not_taken_as_none(
    client: TestClient, staff: Staff, daily: dict[str, Any], sent: str
) -> None:
    for method, path, extra in (
        ("POST", f"{ORGS}/daily/aliases", {"json": {"value": "Daily Ledger", "reason": "seen"}}),
        ("DELETE", f"{ORGS}/daily/aliases/Daily", {"params": {"reason": "gone now"}}),
    ):
        refused = client.request(method, path, headers={**staff["cora"], "If-Match": sent}, **extra)
        assert "If-Match" in check(refused, 428)["error"]["message"]
    assert client.get(f"{ORGS}/daily", headers=staff["cora"]).json()["head"] == daily["head"]


def test_people_get_one_alias_or_exclude_phrase_at_a_time(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    person = {"slug": "ana", "name": "Ana Lee", "description": "An analyst", "citations": ["src"]}
    propose_and_publish(client, staff, "people", person)
    added = client.post(
        "/admin/v1/people/ana/aliases",
        json={"value": "Анна Ли", "reason": "Cyrillic"},
        headers=staff["cora"],
    )
    assert check(added, 201)["document"]["aliases"] == ["Анна Ли"]
    phrase = client.post(
        "/admin/v1/people/ana/exclude",
        json={"value": "Ana Lee Street", "reason": "a street"},
        headers=staff["cora"],
    )
    assert check(phrase, 201)["document"]["exclude"] == ["Ana Lee Street"]


def test_country_is_optional_and_new_kinds_exist(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    for kind in ("legislature", "network"):
        body = {"slug": f"x-{kind}", "name": f"X {kind}", "kind": kind, "citations": ["src"]}
        live = propose_and_publish(client, staff, "organizations", body)
        assert live["document"]["kind"] == kind
        assert "country" not in live["document"]
    card = check(client.get("/v1/entities/x-legislature"))
    assert card["country"] is None
