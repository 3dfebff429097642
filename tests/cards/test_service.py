"""Cards in bulk: a bounded number of reads, and one cache entry per entity and note language."""

from contextlib import nullcontext
from datetime import date
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.annotate.snapshot import SnapshotHolder, build_snapshot
from api.cards import build
from api.cards.build import CardBuilder, OrgGraph
from api.cards.service import cards_for
from api.db import transaction
from api.seeding import service as seeding
from tests import factories as f


def _people(session: Session, count: int) -> list[str]:
    """`count` people, each employed by their own institute that a ministry controls."""
    c = f.citation()["key"]
    ministry = f.organization([c], kind="ministry")
    orgs, people = [ministry], []
    for _ in range(count):
        institute = f.organization(
            [c], relations=[{"type": "controlled_by", "object": ministry["slug"], "citations": [c]}]
        )
        orgs.append(institute)
        people.append(
            f.person(
                [c],
                notes={"en": "A note", "tr": "Bir not"},
                relations=[{"type": "employed_by", "object": institute["slug"], "citations": [c]}],
            )
        )
    f.seed(session, citations=[f.citation(key=c)], organizations=orgs, people=people)
    return [p["slug"] for p in people]


def _statements(session: Session, slugs: list[str]) -> int:
    builder = CardBuilder(session, OrgGraph())
    cards = builder.cards(slugs)
    assert set(cards) == set(slugs)
    assert all(card.body["state_ties"] for card in cards.values())
    return builder.reader.statements


def test_cards_take_the_same_reads_for_three_entities_as_for_forty(session: Session) -> None:
    slugs = _people(session, 40)
    few, many = _statements(session, slugs[:3]), _statements(session, slugs)
    assert many == few
    assert many <= 12


def test_a_graph_that_knows_the_owners_needs_only_the_entity_reads(session: Session) -> None:
    slugs = _people(session, 6)
    graph = OrgGraph()
    CardBuilder(session, graph).cards(slugs[:3])
    second = CardBuilder(session, graph)
    second.cards(slugs[3:])
    third = CardBuilder(session, graph)
    third.cards(slugs[3:])
    assert third.reader.statements <= second.reader.statements


def test_any_lang_without_a_note_reuses_the_fallback_rendering(session: Session) -> None:
    [slug] = _people(session, 1)
    snapshot = build_snapshot(session)
    for lang in ["en", "de", "fr-CA", "xx-1", "xx-2", None, "EN"]:
        [card] = cards_for(snapshot, lambda: nullcontext(session), [slug]).values()
        card.whole(lang)
        card.compact(lang)
    assert card.note_lang("de") == card.note_lang(None) == "en"
    assert card.note_lang("tr-TR") == "tr"
    assert snapshot.cards_kept == 1
    assert card.renderings == 2  # whole and compact, in English only
    card.whole("tr-TR")
    assert card.renderings == 3


def test_a_graph_read_whole_searches_state_ties_without_reads(session: Session) -> None:
    slugs = _people(session, 6)
    lazy, whole = CardBuilder(session, OrgGraph()), CardBuilder(session, OrgGraph.read(session))
    expected, found = lazy.cards(slugs), whole.cards(slugs)
    assert {s: c.body for s, c in found.items()} == {s: c.body for s, c in expected.items()}
    assert all(card.body["state_ties"] for card in found.values())
    one = CardBuilder(session, OrgGraph.read(session))
    one.cards(slugs[:1])
    # the entities' own reads only, whatever their number: none per level of the tie search
    assert whole.reader.statements == one.reader.statements < lazy.reader.statements


def test_organizations_the_graph_holds_are_not_read_again(session: Session) -> None:
    people = _people(session, 3)
    graph = OrgGraph.read(session)
    orgs = sorted(graph.by_slug)[:2]
    slugs = [*people, *orgs, "no-such-profile"]
    lazy, whole = CardBuilder(session, OrgGraph()), CardBuilder(session, graph)
    expected, found = lazy.cards(slugs), whole.cards(slugs)
    assert list(found) == list(expected) == [*orgs, *sorted(people)]
    assert {s: c.body for s, c in found.items()} == {s: c.body for s, c in expected.items()}
    known = CardBuilder(session, graph)
    known.cards([*people, *orgs])  # every slug a person or an organization the graph holds
    assert known.reader.statements == whole.reader.statements - 1  # no organization read


def _tied(until: str | None) -> dict[str, list[dict[str, Any]]]:
    """A person employed by an institute that a ministry controls `until` then."""
    c = f.citation(key="tie-source")
    ministry = f.organization([c["key"]], slug="tie-ministry", kind="ministry")
    control = {"type": "controlled_by", "object": "tie-ministry", "citations": [c["key"]]}
    institute = f.organization([c["key"]], slug="tie-institute", relations=[control])
    if until:
        control["end"] = until
    employed = {"type": "employed_by", "object": "tie-institute", "citations": [c["key"]]}
    person = f.person([c["key"]], slug="tie-person", relations=[employed])
    return {"citations": [c], "organizations": [ministry, institute], "people": [person]}


def _ties(cards: dict[str, Any]) -> list[str]:
    return [t["reaches"] for t in cards["tie-person"].body["state_ties"]]


def test_chains_a_graph_keeps_are_its_data_version_s(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db

    def publish(records: dict[str, list[dict[str, Any]]]) -> None:
        with transaction(engine) as session:
            plan = seeding.plan(session, f.records(**records))
            seeding.apply(session, plan, author="test", reason="tie cache test")

    def sessions() -> Any:
        return Session(engine)

    publish(_tied(until=None))
    holder = SnapshotHolder(engine, poll_seconds=3600)
    first = holder.current()
    assert _ties(cards_for(first, sessions, ["tie-person"])) == ["tie-ministry"]
    assert first.graph.tails_kept > 0
    publish(_tied(until="2001"))  # a curator ends the control: a new data version
    assert holder.refresh() is True
    fresh = holder.current()
    assert fresh.graph is not first.graph
    assert _ties(cards_for(fresh, sessions, ["tie-person"])) == []
    # the old version's graph still answers as that version did, for the requests it serves
    with Session(engine) as session:
        assert _ties(CardBuilder(session, first.graph).cards(["tie-person"])) == ["tie-ministry"]


def test_chains_a_graph_keeps_are_the_day_s(session: Session) -> None:
    f.seed(session, **_tied(until="2030"))
    graph = OrgGraph.read(session)
    before = CardBuilder(session, graph, today=date(2029, 12, 31)).cards(["tie-person"])
    assert _ties(before) == ["tie-ministry"]
    kept = graph.tails_kept
    assert kept > 0
    after = CardBuilder(session, graph, today=date(2031, 1, 1)).cards(["tie-person"])
    assert _ties(after) == []  # the control ended in between: not the chain kept the day before
    again = CardBuilder(session, graph, today=date(2031, 1, 1)).cards(["tie-person"])
    assert {s: c.body for s, c in again.items()} == {s: c.body for s, c in after.items()}


def test_kept_chains_give_the_cards_a_new_graph_gives_and_stay_bounded(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "TAILS_KEPT", 3)
    slugs = _people(session, 6)
    graph = OrgGraph.read(session)
    first = CardBuilder(session, graph).cards(slugs)
    assert graph.tails_kept == 3
    again = CardBuilder(session, graph).cards(slugs)  # some chains kept, some found again
    fresh = CardBuilder(session, OrgGraph.read(session)).cards(slugs)
    assert {s: c.body for s, c in again.items()} == {s: c.body for s, c in fresh.items()}
    assert {s: c.body for s, c in first.items()} == {s: c.body for s, c in fresh.items()}
