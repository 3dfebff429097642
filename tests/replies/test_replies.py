"""Right of reply: the subject replies, curators open and decide it, the card shows it."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.config import Settings
from tests.staff import Staff, check, citation, outlet, propose_and_publish
from tests.support import make_settings

ADMIN = "/admin/v1/replies"
REPLY = {
    "name": "Daily News Ltd",
    "role": "representative",
    "text": "We were sold to an independent trust in 2025; the ownership shown is out of date.",
    "evidence": ["https://example.org/press/2025-sale"],
    "contact": "press@example.org",
}


@pytest.fixture
def app_settings() -> Settings:
    return make_settings(replies_per_hour=3)


@pytest.fixture
def daily(client: TestClient, staff: Staff) -> dict[str, Any]:
    propose_and_publish(client, staff, "citations", citation("src"))
    return propose_and_publish(client, staff, "organizations", outlet("daily", "src"))


def _version(session: Session) -> int:
    return int(session.execute(text("SELECT version FROM data_version")).scalar_one())


def _card(client: TestClient) -> dict[str, Any]:
    return check(client.get("/v1/entities/daily"))  # type: ignore[no-any-return]


def _submit(client: TestClient, **fields: Any) -> Any:
    return client.post("/v1/entities/daily/replies", json={**REPLY, **fields})


def test_a_reply_is_hidden_until_a_curator_opens_it_then_the_card_shows_the_dispute(
    client: TestClient, staff: Staff, session: Session, daily: dict[str, Any]
) -> None:
    before = _version(session)
    receipt = check(_submit(client), 202)
    assert (receipt["entity"], receipt["status"]) == ("daily", "submitted")
    assert _version(session) == before, "a submission changes no published data"
    assert "dispute" not in _card(client) or _card(client)["dispute"] is None
    assert check(client.get("/v1/entities/daily/replies"))["replies"] == []

    queue = check(client.get(ADMIN, headers=staff["cora"]))
    assert [(r["id"], r["status"], r["contact"]) for r in queue["items"]] == [
        (receipt["id"], "submitted", "press@example.org")
    ]
    opened = check(client.post(f"{ADMIN}/{receipt['id']}/open", headers=staff["cora"]))
    assert (opened["status"], opened["shown"], opened["opened_by"]) == ("open", True, "cora")
    assert _version(session) == before + 1, "cards are rebuilt"

    dispute = _card(client)["dispute"]
    assert dispute["status"] == "open"
    assert dispute["url"] == "/v1/entities/daily/replies"
    annotated = check(
        client.post("/v1/annotate", json={"url": "https://daily.example/a", "blocks": []})
    )
    assert annotated["entities"]["daily"]["dispute"]["status"] == "open"

    public = check(client.get("/v1/entities/daily/replies"))
    assert public["slug"] == "daily"
    [shown] = public["replies"]
    assert (shown["name"], shown["role"], shown["status"]) == (
        "Daily News Ltd",
        "representative",
        "open",
    )
    assert shown["evidence"] == REPLY["evidence"]
    assert "press@example.org" not in str(public), "the contact is for curators only"


def test_accepted_links_a_published_revision_and_the_card_shows_the_outcome(
    client: TestClient, staff: Staff, daily: dict[str, Any]
) -> None:
    reply = check(_submit(client), 202)["id"]
    check(client.post(f"{ADMIN}/{reply}/open", headers=staff["cora"]))
    check(
        client.patch(
            "/admin/v1/organizations/daily",
            json={"name": "Daily Trust News", "reason": "sold to a trust, as its reply shows"},
            headers={**staff["cliff"], "If-Match": daily["etag"]},
        )
    )
    missing = client.post(
        f"{ADMIN}/{reply}/decide",
        json={"outcome": "accepted", "reason": "corrected", "revision": 2},
        headers=staff["cora"],
    )
    assert missing.status_code == 404, "revision 2 is a draft, not published"
    assert "no published revision 2" in missing.json()["error"]["message"]
    check(client.post("/admin/v1/revisions/organization/daily/2/publish", headers=staff["rita"]))
    decided = check(
        client.post(
            f"{ADMIN}/{reply}/decide",
            json={"outcome": "accepted", "reason": "ownership corrected", "revision": 2},
            headers=staff["cora"],
        )
    )
    assert (decided["status"], decided["revision"], decided["decided_by"]) == (
        "accepted",
        2,
        "cora",
    )
    dispute = _card(client)["dispute"]
    assert (dispute["status"], dispute["revision"], dispute["reason"]) == (
        "accepted",
        2,
        "ownership corrected",
    )
    again = client.post(
        f"{ADMIN}/{reply}/decide",
        json={"outcome": "declined", "reason": "changed my mind"},
        headers=staff["cora"],
    )
    assert again.status_code == 409
    assert "accepted already" in again.json()["error"]["message"]


def test_a_reply_declined_before_it_was_opened_is_never_shown(
    client: TestClient, staff: Staff, session: Session, daily: dict[str, Any]
) -> None:
    reply = check(_submit(client, name="Someone Else"), 202)["id"]
    before = _version(session)
    decided = check(
        client.post(
            f"{ADMIN}/{reply}/decide",
            json={"outcome": "declined", "reason": "not from the outlet"},
            headers=staff["cora"],
        )
    )
    assert (decided["status"], decided["shown"]) == ("declined", False)
    assert _version(session) == before
    assert _card(client).get("dispute") is None
    assert check(client.get("/v1/entities/daily/replies"))["replies"] == []
    assert client.post(f"{ADMIN}/{reply}/open", headers=staff["cora"]).status_code == 409


def test_an_open_reply_declined_shows_the_reason(
    client: TestClient, staff: Staff, daily: dict[str, Any]
) -> None:
    reply = check(_submit(client), 202)["id"]
    check(client.post(f"{ADMIN}/{reply}/open", headers=staff["cora"]))
    check(
        client.post(
            f"{ADMIN}/{reply}/decide",
            json={"outcome": "declined", "reason": "the cited registry still lists the owner"},
            headers=staff["cliff"],
        )
    )
    dispute = _card(client)["dispute"]
    assert (dispute["status"], dispute["reason"]) == (
        "declined",
        "the cited registry still lists the owner",
    )
    [shown] = check(client.get("/v1/entities/daily/replies"))["replies"]
    assert shown["reason"] == "the cited registry still lists the owner"


def test_bad_replies_get_a_4xx_naming_the_field(client: TestClient, daily: dict[str, Any]) -> None:
    def problem(response: Any) -> str:
        assert response.status_code == 422, response.text
        return str(response.json()["error"]["fields"][0]["loc"])

    assert problem(_submit(client, text="too short")) == "body.text"
    assert problem(_submit(client, text=" " * 30)) == "body.text"
    assert problem(_submit(client, text="x" * 4001)) == "body.text"
    assert problem(_submit(client, name="   ")) == "body.name"
    assert problem(_submit(client, role="fan")) == "body.role"
    assert problem(_submit(client, evidence=["ftp://example.org/x"])).startswith("body.evidence")
    assert problem(_submit(client, evidence=["https://example.org/a"] * 2)) == "body.evidence"
    assert problem(_submit(client, evidence=[f"https://e.org/{i}" for i in range(11)])) == (
        "body.evidence"
    )
    assert problem(_submit(client, extra=1)) == "body.extra"
    nul = _submit(client, text="a reply with a NUL \u0000 inside it, long enough")
    assert nul.status_code == 422
    assert "NUL" in nul.json()["error"]["message"]
    unknown = client.post("/v1/entities/nobody/replies", json=REPLY)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "no published profile has the slug 'nobody'"
    assert client.get("/v1/entities/nobody/replies").status_code == 404


def test_replies_are_rate_limited_per_address(client: TestClient, daily: dict[str, Any]) -> None:
    statuses = [_submit(client).status_code for _ in range(4)]
    assert statuses == [202, 202, 202, 429]
    limited = _submit(client)
    assert "at most 3 replies an hour" in limited.json()["error"]["message"]
    assert int(limited.headers["retry-after"]) > 0


def test_moderation_needs_a_curator_and_checks_the_decision(
    client: TestClient, staff: Staff, daily: dict[str, Any]
) -> None:
    reply = check(_submit(client), 202)["id"]
    assert client.get(ADMIN).status_code == 401
    assert client.post(f"{ADMIN}/{reply}/open").status_code == 401
    accepted_alone = client.post(
        f"{ADMIN}/{reply}/decide",
        json={"outcome": "accepted", "reason": "fine"},
        headers=staff["cora"],
    )
    assert accepted_alone.status_code == 422
    assert accepted_alone.json()["error"]["fields"][0]["loc"] == "body.revision"
    declined_with = client.post(
        f"{ADMIN}/{reply}/decide",
        json={"outcome": "declined", "reason": "not from the outlet", "revision": 1},
        headers=staff["cora"],
    )
    assert declined_with.status_code == 422
    assert declined_with.json()["error"]["fields"][0]["loc"] == "body.revision"
    assert client.post(f"{ADMIN}/999999/open", headers=staff["cora"]).status_code == 404
    listed = check(client.get(ADMIN, params={"status": "all"}, headers=staff["cora"]))
    assert listed["total"] == 1
    assert check(client.get(f"{ADMIN}/{reply}", headers=staff["cora"]))["status"] == "submitted"
