"""`GET /admin/v1/feedback`: profiles with the most "not helpful" reasons first, per revision."""

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories
from tests.staff import Staff, check

QUEUE = "/admin/v1/feedback"


def _profiles(session: Session, description: str = "A person in a test") -> None:
    factories.seed(
        session,
        citations=[factories.citation(key="q-about")],
        organizations=[factories.outlet(["q-about"], slug="q-daily", name="Q Daily")],
        people=[
            factories.person(["q-about"], slug=slug, name=name, description=description)
            for slug, name in (("q-ann", "Q Ann"), ("q-bob", "Q Bob"))
        ],
    )


def _vote(client: TestClient, entity: str, *reasons: str, **extra: Any) -> None:
    vote = "not_helpful" if reasons else "helpful"
    body = {"entity": entity, "vote": vote, "reasons": list(reasons), **extra}
    check(client.post("/v1/feedback", json=body), 202)


def test_the_most_not_helpful_reasons_come_first(
    client: TestClient, staff: Staff, session: Session
) -> None:
    _profiles(session)
    _vote(client, "q-daily")
    _vote(client, "q-daily")
    _vote(client, "q-daily", "outdated")
    _vote(client, "q-ann", "source_dead", "wrong_person")
    _vote(client, "q-ann", "source_dead")
    _vote(client, "q-bob", "other", text="Ann and Bob are confused here.")
    queue = check(client.get(QUEUE, headers=staff["cora"]))
    assert queue["total"] == 3
    order = [
        (i["entity"], i["reason_total"], i["not_helpful"], i["helpful"]) for i in queue["items"]
    ]
    assert order == [("q-ann", 3, 2, 0), ("q-bob", 1, 1, 0), ("q-daily", 1, 1, 2)]
    ann = queue["items"][0]
    assert ann["type"] == "person"
    assert ann["name"] == "Q Ann"
    assert ann["reasons"] == {
        "outdated": 0, "wrong_person": 1, "source_dead": 2, "unfair_wording": 0, "other": 0,
    }  # fmt: skip
    assert [(r["revision"], r["current"]) for r in ann["revisions"]] == [(1, True)]
    bob = queue["items"][1]
    assert [(c["reasons"], c["text"]) for c in bob["comments"]] == [
        (["other"], "Ann and Bob are confused here.")
    ]
    second = check(client.get(QUEUE, params={"per_page": 1, "page": 2}, headers=staff["cora"]))
    assert [i["entity"] for i in second["items"]] == ["q-bob"]


def test_counts_stay_with_their_revision(
    client: TestClient, staff: Staff, session: Session
) -> None:
    _profiles(session)
    _vote(client, "q-ann", "outdated")
    _vote(client, "q-ann", "outdated")
    _vote(client, "q-bob", "unfair_wording")
    _profiles(session, description="A person in a test, described anew")  # revision 2 of each
    _vote(client, "q-ann")
    _vote(client, "q-ann", "wrong_person", revision=1)  # a page opened before the update
    every = check(client.get(QUEUE, headers=staff["cora"]))
    ann = next(i for i in every["items"] if i["entity"] == "q-ann")
    assert ann["published_revision"] == 2
    shown = [
        (r["revision"], r["current"], r["helpful"], r["not_helpful"]) for r in ann["revisions"]
    ]
    assert shown == [(2, True, 1, 0), (1, False, 0, 3)]
    assert ann["reason_total"] == 3
    now = check(client.get(QUEUE, params={"current_only": True}, headers=staff["cora"]))
    assert [(i["entity"], i["reason_total"]) for i in now["items"]] == [("q-ann", 0)]


def test_the_queue_is_for_curators(client: TestClient, staff: Staff) -> None:
    assert check(client.get(QUEUE), 401)["error"]["code"] == "unauthorized"
    assert check(client.get(QUEUE, headers=staff["rita"]))["items"] == []
    assert check(client.get(QUEUE, params={"per_page": 0}, headers=staff["cora"]), 422)


def test_each_profile_shows_its_newest_twenty_comments(
    client: TestClient, staff: Staff, session: Session
) -> None:
    _profiles(session)
    for n in range(22):
        _vote(client, "q-ann", "other", text=f"comment {n}")
    _vote(client, "q-bob", "unfair_wording", "other", text="on Bob")
    queue = check(client.get(QUEUE, headers=staff["cora"]))
    ann, bob = queue["items"]
    assert [c["text"] for c in ann["comments"]] == [f"comment {n}" for n in range(21, 1, -1)]
    assert ann["reasons"]["other"] == 22
    assert [(c["reasons"], c["text"]) for c in bob["comments"]] == [
        (["unfair_wording", "other"], "on Bob")
    ]
