"""Why a card is shown: its live revision, who reviewed it and when, and which rule fired."""

from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories as f
from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"


def test_a_reviewed_card_names_its_reviewer_revision_and_publish_time(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    first = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    check(
        client.patch(
            f"{ORGS}/daily",
            json={"name": "Daily Two", "reason": "renamed"},
            headers={**staff["cliff"], "If-Match": first["etag"]},
        )
    )
    check(client.post("/admin/v1/revisions/organization/daily/2/publish", headers=staff["remy"]))
    history = check(client.get("/v1/entities/daily/history"))["revisions"][0]

    card = check(client.get("/v1/entities/daily"))
    assert card["review"] == {
        "revision": 2,
        "status": "reviewed",
        "reviewed_by": "remy",
        "published_at": history["published_at"],
        "history": "/v1/entities/daily/history",
    }
    assert card["reviewed_at"] == history["published_at"]
    assert "@" not in str(card["review"])

    annotated = check(
        client.post("/v1/annotate", json={"url": "https://daily.example/a", "blocks": []})
    )
    assert annotated["entities"]["daily"]["review"] == {
        k: v for k, v in card["review"].items() if k != "history"
    }
    assert annotated["entities"]["daily"]["reviewed_at"] == card["reviewed_at"]


def test_a_seeded_card_says_so_and_claims_no_review(client: TestClient, session: Session) -> None:
    cite = f.citation()
    f.seed(session, citations=[cite], organizations=[f.outlet([cite["key"]], slug="seeded")])
    card = check(client.get("/v1/entities/seeded"))
    review = card["review"]
    assert (review["revision"], review["status"], review["reviewed_by"]) == (1, "seeded", None)
    assert datetime.fromisoformat(review["published_at"])
    assert card["reviewed_at"] is None
    compact = check(
        client.post("/v1/annotate", json={"url": "https://seeded.example/", "blocks": []})
    )["entities"]["seeded"]
    assert "reviewed_at" not in compact
    assert compact["review"]["status"] == "seeded"


def test_each_mention_and_the_outlet_say_which_rule_fired(
    client: TestClient, session: Session
) -> None:
    cite = f.citation()
    news = f.outlet(
        [cite["key"]],
        slug="wire",
        name="Wire Agency",
        aliases=["WireA"],
        domains=[
            {"host": "wire.example", "citations": [cite["key"]]},
            {"host": "world.wire.example", "path_prefix": "/tr/", "citations": [cite["key"]]},
        ],
    )
    expert = f.person([cite["key"]], slug="gevorg-testyan", name="Gevorg Testyan")
    f.seed(session, citations=[cite], organizations=[news], people=[expert])
    blocks = ["Gevorg Testyan told WireA that Testyan agrees, Wire Agency said."]

    def annotate(url: str) -> Any:
        return check(client.post("/v1/annotate", json={"url": url, "blocks": blocks}))

    body = annotate("https://news.wire.example/a")
    assert [(m["text"], m["rule"], m["match"]) for m in body["mentions"]] == [
        ("Gevorg Testyan", "name", "name"),
        ("WireA", "cited_outlet", "alias"),
        ("Testyan", "surname", "surname"),
        ("Wire Agency", "cited_outlet", "name"),
    ]
    assert body["outlet_match"] == {
        "host": "wire.example",
        "path_prefix": None,
        "rule": "registrable_domain",
    }
    assert annotate("https://world.wire.example/tr/x")["outlet_match"] == {
        "host": "world.wire.example",
        "path_prefix": "/tr/",
        "rule": "path_prefix",
    }
    assert annotate("https://wire.example/x")["outlet_match"]["rule"] == "host"
    assert annotate("https://elsewhere.example/x")["outlet_match"] is None
