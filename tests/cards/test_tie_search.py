"""State ties searched from each organization once give the ties a search from the entity
itself gives: the same ends, chains and order, on random graphs."""

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.cards.store import Edge
from api.cards.ties import MAX_HOPS, MAX_TIES, Tail, Tie, derive, state_reason, tails
from api.organizations.models import STATE_KINDS
from api.relations.models import RELATION_LABELS

pytestmark = pytest.mark.sqlite_run  # no database: one run covers it

TODAY = date(2026, 6, 1)
KINDS = ["government", "ministry", "outlet", "outlet", "company", "university", "legislature"]
CATEGORIES = [None, None, "state_controlled", "independent"]


def _hop(edge: Edge, orgs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": edge.type,
        "label": RELATION_LABELS.get(edge.type, edge.type),
        "role": edge.role,
        "to": orgs[edge.object_id]["slug"],
        "citations": list(edge.citations),
    }


def entity_search(
    first_edges: list[Edge], edges: dict[int, list[Edge]], orgs: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The search from the entity itself, level by level over paths (the earlier way)."""
    best: dict[int, tuple[Edge, ...]] = {}
    frontier = [(e,) for e in first_edges if e.is_current(TODAY)]
    for depth in range(MAX_HOPS):
        onward = []
        for path in frontier:
            target = path[-1].object_id
            if target in best or target not in orgs:
                continue
            best[target] = path
            if orgs[target]["kind"] not in STATE_KINDS and depth < MAX_HOPS - 1:
                onward.append(path)
        frontier = [
            (*p, e) for p in onward for e in edges.get(p[-1].object_id, []) if e.is_current(TODAY)
        ]
    governments = [t for t in best if orgs[t]["kind"] in STATE_KINDS]
    chosen = governments or [t for t in best if state_reason(orgs[t]) == "state_controlled_outlet"]
    chosen.sort(key=lambda t: (len(best[t]), orgs[t]["slug"]))
    return [
        {
            "reaches": orgs[t]["slug"],
            "why": state_reason(orgs[t]),
            "hops": [_hop(e, orgs) for e in best[t]],
        }
        for t in chosen[:MAX_TIES]
    ]


def as_chain(tie: Tie, orgs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    tail = tie.tail
    return {"reaches": tail.reaches, "why": tail.why, "hops": [_hop(tie.first, orgs), *tail.hops]}


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Edge], dict[int, list[Edge]], dict[int, dict[str, Any]]]:
    n = draw(st.integers(1, 9))
    orgs = {
        i: {
            "slug": f"org-{draw(st.integers(0, 99)):02d}-{i}",
            "kind": draw(st.sampled_from(KINDS)),
            "category": draw(st.sampled_from(CATEGORIES)),
        }
        for i in range(1, n + 1)
        if draw(st.integers(0, 9)) > 0  # a few ids stand for organizations not published
    }

    def edge(subject: int) -> Edge:
        end = draw(st.sampled_from([None, None, None, "2001", "2030-01"]))
        cited = tuple(draw(st.lists(st.integers(1, 4), max_size=2)))
        kind = draw(st.sampled_from(["owned_by", "controlled_by", "part_of"]))
        return Edge(subject, kind, None, None, end, draw(st.integers(1, n)), cited)

    edges = {i: [edge(i) for _ in range(draw(st.integers(0, 3)))] for i in orgs}
    first = [edge(0) for _ in range(draw(st.integers(0, 4)))]
    return first, edges, orgs


@settings(max_examples=400, deadline=None)
@given(graphs())
def test_per_organization_search_finds_the_entity_search_s_ties(
    graph: tuple[list[Edge], dict[int, list[Edge]], dict[int, dict[str, Any]]],
) -> None:
    first, edges, orgs = graph

    kept: dict[tuple[int, int], tuple[Tail, ...]] = {}

    def load_tails(org: int, hops: int = MAX_HOPS - 1) -> tuple[Tail, ...]:
        if (org, hops) not in kept:
            kept[org, hops] = tails(org, hops, orgs.get, lambda i: edges[i], load_tails, TODAY)
        return kept[org, hops]

    found = derive(first, load_tails, orgs, TODAY)
    assert [as_chain(t, orgs) for t in found] == entity_search(first, edges, orgs)
