"""Console page "Replies": a curator opens a reply as a dispute, then records its outcome."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories
from tests.console.conftest import SignIn
from tests.staff import check

REPLY = {
    "name": "R Daily",
    "role": "subject",
    "text": "Our ownership changed last year; see the registry entry linked here.",
    "evidence": ["https://example.org/registry/r-daily"],
    "contact": "desk@example.org",
}


def test_a_curator_opens_then_declines_a_reply_from_the_console(
    client: TestClient, session: Session, sign_in: SignIn
) -> None:
    factories.seed(
        session,
        citations=[factories.citation(key="r-about")],
        organizations=[factories.outlet(["r-about"], slug="r-daily", name="R Daily")],
    )
    reply = check(
        client.post(
            "/v1/entities/r-daily/replies", json={**REPLY, "text": REPLY["text"] + " <b>x</b>"}
        ),
        202,
    )["id"]
    csrf = sign_in("cora")
    html = client.get("/console/replies").text
    assert f'id="reply-{reply}"' in html
    assert "waiting for a first check" in html
    assert "desk@example.org" in html, "curators see the contact"
    assert "&lt;b&gt;x&lt;/b&gt;" in html, "the sender's words are escaped"
    assert '<a href="/console/replies">Replies</a>' in html

    opened = client.post(
        f"/console/replies/{reply}/open", data={"csrf": csrf}, follow_redirects=False
    )
    assert opened.status_code == 303
    assert check(client.get("/v1/entities/r-daily"))["dispute"]["status"] == "open"
    assert "open dispute" in client.get("/console/replies").text

    no_revision = client.post(
        f"/console/replies/{reply}/decide",
        data={"csrf": csrf, "outcome": "accepted", "reason": "corrected", "revision": "7"},
    )
    assert no_revision.status_code == 422
    assert "no published revision 7" in no_revision.text
    declined = client.post(
        f"/console/replies/{reply}/decide",
        data={"csrf": csrf, "outcome": "declined", "reason": "the registry shows no change"},
        follow_redirects=False,
    )
    assert declined.status_code == 303
    assert "No replies are waiting." in client.get("/console/replies").text
    card = check(client.get("/v1/entities/r-daily"))
    assert (card["dispute"]["status"], card["dispute"]["reason"]) == (
        "declined",
        "the registry shows no change",
    )
