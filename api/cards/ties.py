"""Derive state ties: the shortest cited chains from an entity to the state."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.cards.store import Edge
from api.organizations.models import STATE_CONTROLLED_CATEGORIES, STATE_KINDS
from api.relations.models import RELATION_LABELS

MAX_HOPS = 4
MAX_TIES = 5

EdgeLoader = Callable[[set[int]], dict[int, list[Edge]]]
OrgLoader = Callable[[set[int]], dict[int, dict[str, Any]]]


def state_reason(org: dict[str, Any]) -> str | None:
    """Say why an organization counts as the state, or None."""
    if org["kind"] in STATE_KINDS:
        return "government"
    if org.get("category") in STATE_CONTROLLED_CATEGORIES:
        return "state_controlled_outlet"
    return None


@dataclass(frozen=True, slots=True)
class Tail:
    """The chain from an organization to one organization that counts as the state (itself,
    with no hops, when it does), rendered: the same for every card that reaches it through
    that organization, so one data version derives it once. `hops` is shared by those cards
    and is not to be changed."""

    end: int  # the organization id of `reaches`
    reaches: str
    why: str
    hops: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Tie:
    """A card's state tie: its first step (one of the card's own relations), then `tail`."""

    first: Edge
    tail: Tail


OneOrg = Callable[[int], dict[str, Any] | None]
OneOrgEdges = Callable[[int], list[Edge]]
TailLoader = Callable[[int, int], tuple[Tail, ...]]


def tails(
    start: int,
    hops: int,
    load_org: OneOrg,
    load_edges: OneOrgEdges,
    load_tails: TailLoader,
    today: date,
) -> tuple[Tail, ...]:
    """The shortest chains of at most `hops` current relations from an organization to each
    organization that counts as the state (itself, when it does), the first found among equally
    short ones, in any order. Governments end a chain; state-controlled outlets do not.

    Built from the chains of the organizations it relates to (`load_tails`, of one hop less):
    the shortest through any of them, then the one through the earliest relation — what a
    breadth-first search from the organization finds first (a chain back through the
    organization itself is never the shortest)."""
    org = load_org(start)
    if org is None:
        return ()
    why = state_reason(org)
    own = (Tail(start, org["slug"], why, []),) if why is not None else ()
    if org["kind"] in STATE_KINDS or hops == 0:
        return own
    best: dict[int, tuple[int, Edge | None, Tail]] = {t.end: (0, None, t) for t in own}
    for edge in load_edges(start):
        if not edge.is_current(today):
            continue
        for tail in load_tails(edge.object_id, hops - 1):
            length = len(tail.hops) + 1
            found = best.get(tail.end)
            if found is None or length < found[0]:
                best[tail.end] = (length, edge, tail)
    out = []
    for _, step, tail in best.values():
        if step is None:
            out.append(tail)
            continue
        to = load_org(step.object_id)
        if to is not None:  # always: it has chains, so it exists
            out.append(Tail(tail.end, tail.reaches, tail.why, [_hop(step, to["slug"]), *tail.hops]))
    return tuple(out)


def derive(
    first_edges: list[Edge],
    load_tails: Callable[[int], tuple[Tail, ...]],
    orgs: Mapping[int, dict[str, Any]],
    today: date,
) -> list[Tie]:
    """The state ties of an entity with these relations: breadth-first over current relations,
    at most MAX_HOPS deep, the first found among equally short chains to the same end.

    Governments end a chain. State-controlled outlets end a chain only when no government is
    reachable, so a reader sees "… → Rossiya Segodnya → Government of Russia" when it is cited.
    Each tie names its end and its hops' organizations by slug (the card resolves the names).

    A chain is the entity's own relation followed by the shortest chain from that relation's
    organization (`load_tails`), so the search from each organization is shared by every card
    that reaches it; the shortest, then the one through the earliest relation, wins — the
    chain a search from the entity itself finds first. `orgs` holds every organization the
    relations lead to that exists.
    """
    best: dict[int, tuple[int, Tie]] = {}
    for edge in first_edges:
        if edge.object_id not in orgs or not edge.is_current(today):
            continue
        for tail in load_tails(edge.object_id):
            found = best.get(tail.end)
            if found is None or len(tail.hops) < found[0]:
                best[tail.end] = (len(tail.hops), Tie(edge, tail))
    ties = [tie for _, tie in best.values()]
    chosen = [t for t in ties if t.tail.why == "government"]
    chosen = chosen or [t for t in ties if t.tail.why == "state_controlled_outlet"]
    chosen.sort(key=lambda t: (len(t.tail.hops), t.tail.reaches))
    return chosen[:MAX_TIES]


def reachable(
    first_edges: list[Edge], load_edges: EdgeLoader, load_orgs: OrgLoader, today: date
) -> None:
    """Load, level by level, everything `derive` will look at for all these edges at once."""
    seen: set[int] = set()
    frontier = {e.object_id for e in first_edges if e.is_current(today)}
    for _ in range(MAX_HOPS):
        frontier -= seen
        if not frontier:
            return
        seen |= frontier
        orgs = load_orgs(frontier)
        onward = {i for i in frontier if i in orgs and orgs[i]["kind"] not in STATE_KINDS}
        edges = load_edges(onward)
        frontier = {e.object_id for i in onward for e in edges.get(i, []) if e.is_current(today)}


def _hop(edge: Edge, to: str) -> dict[str, Any]:
    return {
        "type": edge.type,
        "label": RELATION_LABELS.get(edge.type, edge.type),
        "role": edge.role,
        "to": to,
        "citations": list(edge.citations),
    }
