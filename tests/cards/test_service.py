"""Cards in bulk: a bounded number of reads, and one cache entry per entity and note language."""

from contextlib import nullcontext

from sqlmodel import Session

from api.annotate.snapshot import build_snapshot
from api.cards.build import CardBuilder, OrgGraph
from api.cards.service import cards_for
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
