"""`POST /v1/feedback`: counted per profile and revision, rule-checked, size- and rate-limited,
and never a change to the published data."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.config import Settings
from tests.staff import check
from tests.support import make_settings

DEAD = {"entity": "daily", "vote": "not_helpful", "reasons": ["source_dead"]}


@pytest.fixture
def app_settings() -> Settings:
    return make_settings(feedback_per_hour=4)


def _stored(session: Session) -> list[tuple[Any, ...]]:
    rows = session.execute(
        text(
            "SELECT entity, revision, helpful, not_helpful, outdated, wrong_person, source_dead,"
            " unfair_wording, other FROM feedback_tally ORDER BY entity"
        )
    )
    return [tuple(row) for row in rows]


@pytest.mark.usefixtures("profiles")
def test_votes_are_counted_on_the_published_revision(client: TestClient, session: Session) -> None:
    receipt = check(client.post("/v1/feedback", json=DEAD), 202)
    assert (receipt["entity"], receipt["revision"], receipt["vote"]) == ("daily", 1, "not_helpful")
    check(
        client.post(
            "/v1/feedback", json={**DEAD, "revision": 1, "reasons": ["outdated", "source_dead"]}
        ),
        202,
    )
    check(client.post("/v1/feedback", json={"entity": "ann-writer", "vote": "helpful"}), 202)
    assert _stored(session) == [
        ("ann-writer", 1, 1, 0, 0, 0, 0, 0, 0),
        ("daily", 1, 0, 2, 1, 0, 2, 0, 0),
    ]


@pytest.mark.usefixtures("profiles")
def test_nothing_that_names_a_reader_is_stored(client: TestClient, session: Session) -> None:
    words = "The archive link is gone as well."
    body = {**DEAD, "reasons": ["other"], "text": words}
    check(client.post("/v1/feedback", json=body, headers={"User-Agent": "Reader/1.0"}), 202)
    comment = session.execute(text("SELECT * FROM feedback_comment")).mappings().one()
    assert set(comment) == {
        "id",
        "entity_type",
        "entity",
        "revision",
        "reasons",
        "text",
        "received_on",
    }
    assert (comment["text"], comment["reasons"]) == (words, "other")
    tally = session.execute(text("SELECT * FROM feedback_tally")).mappings().one()
    assert set(tally) == {"id", "entity_type", "entity", "revision", "helpful", "not_helpful",
                          "outdated", "wrong_person", "source_dead", "unfair_wording", "other",
                          "last_on"}  # fmt: skip
    dumped = " ".join(str(v) for v in (*comment.values(), *tally.values()))
    assert "testclient" not in dumped
    assert "Reader/1.0" not in dumped
    audit = session.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
    assert audit == 0, "a vote is not an audited event with a request id"


@pytest.mark.usefixtures("profiles")
def test_feedback_never_changes_a_published_note(client: TestClient, session: Session) -> None:
    before = check(client.get("/v1/entities/daily"))
    version = session.execute(text("SELECT version FROM data_version")).scalar_one()
    revisions = session.execute(text("SELECT count(*), max(number) FROM revision")).one()
    for reasons in (["source_dead"], ["outdated", "wrong_person"], ["unfair_wording"]):
        check(client.post("/v1/feedback", json={**DEAD, "reasons": reasons}), 202)
    assert check(client.get("/v1/entities/daily")) == before
    assert session.execute(text("SELECT version FROM data_version")).scalar_one() == version
    assert session.execute(text("SELECT count(*), max(number) FROM revision")).one() == revisions
    assert (
        session.execute(text("SELECT count(*) FROM revision WHERE status = 'draft'")).scalar_one()
        == 0
    )


@pytest.mark.usefixtures("profiles")
@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({**DEAD, "reasons": []}, "body.reasons"),
        ({**DEAD, "reasons": ["source_dead", "source_dead"]}, "body.reasons"),
        ({**DEAD, "reasons": ["other"]}, "body.text"),
        ({"entity": "daily", "vote": "helpful", "reasons": ["outdated"]}, "body.reasons"),
        ({"entity": "daily", "vote": "helpful", "text": "great"}, "body.text"),
        ({**DEAD, "reasons": ["too_long"]}, "body.reasons[0]"),
        ({**DEAD, "vote": "meh"}, "body.vote"),
        ({**DEAD, "entity": "Not A Slug"}, "body.entity"),
        ({**DEAD, "revision": 0}, "body.revision"),
        ({**DEAD, "revision": 2**31}, "body.revision"),
        ({**DEAD, "reasons": ["other"], "text": "   "}, "body.text"),
        ({**DEAD, "reasons": ["other"], "text": "x" * 1001}, "body.text"),
        ({**DEAD, "page_url": "https://example.org/article"}, "body.page_url"),
    ],
)
def test_bad_feedback_names_the_field(client: TestClient, body: dict[str, Any], loc: str) -> None:
    error = check(client.post("/v1/feedback", json=body), 422)["error"]
    assert error["fields"][0]["loc"] == loc, error


def test_text_no_column_can_hold_is_refused(client: TestClient) -> None:
    raw = '{"entity": "daily", "vote": "not_helpful", "reasons": ["other"], "text": "a\\u0000b"}'
    response = client.post(
        "/v1/feedback", content=raw, headers={"Content-Type": "application/json"}
    )
    assert check(response, 422)["error"]["fields"][0]["loc"] == "body.text"
    lone = raw.replace("\\u0000", "\\ud800")
    response = client.post(
        "/v1/feedback", content=lone, headers={"Content-Type": "application/json"}
    )
    assert check(response, 422)["error"]["fields"][0]["loc"] == "body.text"


@pytest.mark.usefixtures("profiles")
def test_unknown_profiles_and_revisions_are_404(client: TestClient) -> None:
    missing = check(client.post("/v1/feedback", json={**DEAD, "entity": "nobody"}), 404)
    assert "nobody" in missing["error"]["message"]
    future = check(client.post("/v1/feedback", json={**DEAD, "revision": 7}), 404)
    assert "no published revision 7" in future["error"]["message"]


def test_large_bodies_are_refused(client: TestClient) -> None:
    body = {**DEAD, "reasons": ["other"], "text": "x" * 5000}
    assert (
        check(client.post("/v1/feedback", json=body), 413)["error"]["code"] == "payload_too_large"
    )


@pytest.mark.usefixtures("profiles")
def test_each_address_is_rate_limited(client: TestClient, session: Session) -> None:
    for _ in range(4):
        check(client.post("/v1/feedback", json=DEAD), 202)
    refused = client.post("/v1/feedback", json=DEAD)
    assert check(refused, 429)["error"]["code"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) > 0
    assert _stored(session)[0][3] == 4, "the refused vote is not counted"
    # Corrections keep a bucket of their own.
    correction = {"entity": "daily", "message": "The about page moved to a new address."}
    check(client.post("/v1/corrections", json=correction), 202)
