"""Derive state ties: the shortest cited chains from an entity to the state."""

from collections.abc import Callable
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
class _Path:
    edges: tuple[Edge, ...]


def derive(
    first_edges: list[Edge], load_edges: EdgeLoader, load_orgs: OrgLoader, today: date
) -> list[dict[str, Any]]:
    """Breadth-first search over current relations, at most MAX_HOPS deep.

    Governments end a chain. State-controlled outlets end a chain only when no government is
    reachable, so a reader sees "… → Rossiya Segodnya → Government of Russia" when it is cited.
    Each tie names its end and its hops' organizations by slug (the card resolves the names).
    """
    orgs: dict[int, dict[str, Any]] = {}
    best: dict[int, _Path] = {}
    frontier = [_Path((edge,)) for edge in first_edges if edge.is_current(today)]
    for depth in range(MAX_HOPS):
        if not frontier:
            break
        new_ids = {p.edges[-1].object_id for p in frontier} - set(orgs)
        orgs.update(load_orgs(new_ids))
        next_paths: list[_Path] = []
        for path in frontier:
            target = path.edges[-1].object_id
            if target in best or target not in orgs:
                continue
            best[target] = path
            if orgs[target]["kind"] in STATE_KINDS or depth == MAX_HOPS - 1:
                continue
            next_paths.append(path)
        if not next_paths:
            break
        edges = load_edges({p.edges[-1].object_id for p in next_paths})
        frontier = [
            _Path((*p.edges, e))
            for p in next_paths
            for e in edges.get(p.edges[-1].object_id, [])
            if e.is_current(today)
        ]
    return _select(best, orgs)


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


def _select(best: dict[int, _Path], orgs: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    governments = [t for t in best if orgs[t]["kind"] in STATE_KINDS]
    controlled = [t for t in best if state_reason(orgs[t]) == "state_controlled_outlet"]
    chosen = governments or controlled
    chosen.sort(key=lambda t: (len(best[t].edges), orgs[t]["slug"]))
    return [_render(best[t], orgs) for t in chosen[:MAX_TIES]]


def _render(path: _Path, orgs: dict[int, dict[str, Any]]) -> dict[str, Any]:
    hops = [
        {
            "type": edge.type,
            "label": RELATION_LABELS.get(edge.type, edge.type),
            "role": edge.role,
            "to": orgs[edge.object_id]["slug"],
            "citations": list(edge.citations),
        }
        for edge in path.edges
    ]
    end = orgs[path.edges[-1].object_id]
    return {"reaches": end["slug"], "why": state_reason(end) or "government", "hops": hops}
