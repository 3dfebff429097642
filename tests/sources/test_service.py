"""The dead-source rule, and the queue of claims whose every source is dead."""

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from api.sources import queue, service
from api.sources.models import Outcome, SourceCheck
from api.sources.probe import Probe
from tests import factories as f
from tests.staff import Staff

T0 = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
GONE = Probe(Outcome.gone, 404, "answers 404")
DOWN = Probe(Outcome.timeout, None, "no answer in time")
UP = Probe(Outcome.ok, 200, "answers 200")
ROBOTS = Probe(Outcome.robots, None, "robots.txt disallows it")


def _run(
    session: Session, probes: dict[str, Probe], day: int = 0, dead_after: int = 3
) -> service.Tally:
    citations = service.published_citations(session)
    return service.record(session, citations, probes, T0 + timedelta(days=day), dead_after)


def _row(session: Session, key: str) -> SourceCheck:
    return session.exec(select(SourceCheck).where(SourceCheck.citation_key == key)).one()


def test_a_404_is_dead_at_once_and_errors_only_after_n_consecutive_checks(session: Session) -> None:
    gone, flaky = f.citation(), f.citation()
    f.seed(session, citations=[gone, flaky], people=[f.person([gone["key"], flaky["key"]])])
    probes = {gone["url"]: GONE, flaky["url"]: DOWN}
    first = _run(session, probes)
    assert first.dead == first.newly_dead == [gone["key"]]
    assert _row(session, flaky["key"]).failures == 1
    _run(session, {flaky["url"]: ROBOTS}, day=1)  # says nothing: the run of failures goes on
    assert (_row(session, flaky["key"]).failures, _row(session, flaky["key"]).outcome) == (
        1,
        "robots",
    )
    _run(session, probes, day=2)
    third = _run(session, probes, day=3)
    assert sorted(third.newly_dead) == [flaky["key"]]
    row = _row(session, flaky["key"])
    assert (row.dead, row.failures, row.failing_since, row.checked_at) == (
        True,
        3,
        T0,
        T0 + timedelta(days=3),
    )
    _run(session, {flaky["url"]: UP}, day=4)
    row = _row(session, flaky["key"])
    assert (row.dead, row.failures, row.failing_since, row.last_ok_at) == (
        False,
        0,
        None,
        T0 + timedelta(days=4),
    )


def test_a_citation_whose_url_changed_starts_afresh(session: Session) -> None:
    cite = f.citation()
    f.seed(session, citations=[cite], people=[f.person([cite["key"]])])
    _run(session, {cite["url"]: GONE})
    assert _row(session, cite["key"]).dead
    moved = {**cite, "url": cite["url"] + "-new"}
    f.seed(session, citations=[moved])
    assert queue.dead_claims(session) == []  # the dead result was about the old URL
    _run(session, {moved["url"]: DOWN}, day=1)
    row = _row(session, cite["key"])
    assert (row.url, row.dead, row.failures) == (moved["url"], False, 1)


def test_only_claims_whose_every_source_is_dead_are_queued(session: Session) -> None:
    dead = f.citation(archive_url="https://web.archive.org/web/2024/https://example.org/x")
    also_dead, alive = f.citation(), f.citation()
    owner = f.organization([alive["key"]], slug=f.unique("owner"), name="Owner Holding")
    outlet = f.outlet(
        [alive["key"]],
        slug=f.unique("outlet"),
        name="Zeta Outlet",
        relations=[{"type": "owned_by", "object": owner["slug"], "citations": [also_dead["key"]]}],
    )
    lone = f.person([dead["key"]], name="Anna Lone")
    backed = f.person([dead["key"], alive["key"]], name="Bob Backed")
    f.seed(
        session,
        citations=[dead, also_dead, alive],
        organizations=[owner, outlet],
        people=[lone, backed],
    )
    _run(session, {dead["url"]: GONE, also_dead["url"]: GONE, alive["url"]: UP})
    items = queue.dead_claims(session)
    summary = [(i.slug, i.claim, i.about, i.archived, [s.key for s in i.sources]) for i in items]
    assert summary == [
        (outlet["slug"], "relation", "owned by Owner Holding", False, [also_dead["key"]]),
        (lone["slug"], "identity", "who they are", True, [dead["key"]]),
    ]
    assert items[1].sources[0].archive_url == dead["archive_url"]


def test_the_admin_api_lists_dead_source_claims_for_curators(
    client: TestClient, session: Session, staff: Staff
) -> None:
    cite = f.citation()
    person = f.person([cite["key"]])
    f.seed(session, citations=[cite], people=[person])
    _run(session, {cite["url"]: GONE})
    answer = client.get("/admin/v1/source-health", headers=staff["cora"])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == 1
    item = body["items"][0]
    assert (item["slug"], item["claim"], item["sources"][0]["url"]) == (
        person["slug"],
        "identity",
        cite["url"],
    )
    assert (item["sources"][0]["outcome"], item["sources"][0]["http_status"]) == ("gone", 404)
    assert client.get("/admin/v1/source-health").status_code == 401
    paged = client.get("/admin/v1/source-health?page=2&per_page=1", headers=staff["cora"]).json()
    assert (paged["items"], paged["total"]) == ([], 1)


def test_records_of_citations_no_longer_published_are_forgotten(session: Session) -> None:
    kept, dropped = f.citation(), f.citation()
    f.seed(session, citations=[kept, dropped], people=[f.person([kept["key"]])])
    _run(session, {kept["url"]: UP, dropped["url"]: GONE})
    session.execute(text("DELETE FROM citation WHERE key = :key"), {"key": dropped["key"]})
    service.forget_unpublished(session)
    keys = session.exec(select(SourceCheck.citation_key)).all()
    assert keys == [kept["key"]]


def test_a_citations_latest_check_is_shown_to_curators(
    client: TestClient, session: Session, staff: Staff
) -> None:
    cite, unchecked = f.citation(), f.citation()
    f.seed(session, citations=[cite, unchecked], people=[f.person([cite["key"]])])
    _run(session, {cite["url"]: DOWN})
    shown = client.get(f"/admin/v1/source-health/citations/{cite['key']}", headers=staff["cora"])
    assert shown.status_code == 200, shown.text
    body = shown.json()
    assert (body["url"], body["current"], body["outcome"], body["failures"], body["dead"]) == (
        cite["url"],
        True,
        "timeout",
        1,
        False,
    )
    for key, words in ((unchecked["key"], "no check yet"), ("nope", "no published citation")):
        missing = client.get(f"/admin/v1/source-health/citations/{key}", headers=staff["cora"])
        assert missing.status_code == 404
        assert words in missing.json()["error"]["message"]
