"""Build cards for many entities at once, in a bounded number of queries."""

import threading
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session

from api.cards.card import Card
from api.cards.provenance import dispute_of, review_of
from api.cards.store import (
    Claims,
    Edge,
    Reader,
    designations,
    domains,
    edges,
    entities_by_slug,
    every_organization,
    notes,
    org_relation_claims,
    org_relations,
    organizations_by_id,
    published_revisions,
    read_claims,
    relations,
    shown_replies,
)
from api.cards.ties import MAX_HOPS, Tail, Tie, derive, reachable, tails
from api.designations.models import designation_public
from api.organizations.models import CATEGORY_LABELS
from api.relations.models import RELATION_LABELS

NO_TIES = ("government", "ministry", "state_agency")
TAILS_KEPT = 65_536  # chains to the state a graph keeps: by organization and length
TailKey = tuple[int, int]  # (organization id, most hops)


class OrgGraph:
    """Organization rows and their outgoing relations (with the sources those cite), read once
    per data version and shared by every request: cards keep meeting the same owners.

    `read` loads the whole graph in four statements, so state ties are searched in memory; an
    empty graph (or one missing organizations published since) reads what it lacks as cards
    meet it. What it holds of an organization is never changed, so the chains to the state
    searched from an organization are kept too (for the day they were searched on: relations
    end), up to TAILS_KEPT organizations."""

    def __init__(self) -> None:
        self.orgs: dict[int, dict[str, Any]] = {}
        self.by_slug: dict[str, dict[str, Any]] = {}
        self.edges: dict[int, list[Edge]] = {}
        self.sources: dict[int, dict[str, Any]] = {}  # every source read, by citation id
        self._summaries: dict[str, dict[str, Any]] = {}
        self._tails: dict[TailKey, tuple[Tail, ...]] = {}
        self._tails_day: date | None = None
        self._lock = threading.Lock()

    @classmethod
    def read(cls, session: Session) -> "OrgGraph":
        """Every organization and its relations, with their citations, as the session sees
        them (in its transaction)."""
        graph, reader = cls(), Reader(session)
        graph.add(every_organization(reader))
        claims = org_relation_claims(reader, Claims(graph.sources))
        graph.add_edges(graph.orgs, edges(org_relations(reader), claims))
        return graph

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.orgs[row["id"]] = row
            self.by_slug[row["slug"]] = row

    def add_edges(self, org_ids: Iterable[int], found: dict[Any, list[Edge]]) -> None:
        for org_id in org_ids:
            self.edges[org_id] = found.get(("org", org_id), [])

    def summary(self, slug: str) -> dict[str, Any]:
        """The name, kind and country of an organization, as cards list the ones they link to
        (the same object for every card: not to be changed)."""
        found = self._summaries.get(slug)
        if found is None:
            row = self.by_slug[slug]
            found = self._summaries[slug] = {k: row[k] for k in ("name", "kind", "country")}
        return found

    @property
    def tails_kept(self) -> int:
        """How many organizations' chains to the state (of one most length) the graph keeps."""
        return len(self._tails)

    def cached_tails(self, key: TailKey, today: date) -> tuple[Tail, ...] | None:
        """An organization's chains to the state of at most so many hops, found on `today`,
        if kept."""
        with self._lock:
            return self._tails.get(key) if today == self._tails_day else None

    def keep_tails(self, key: TailKey, today: date, found: tuple[Tail, ...]) -> None:
        """Keep an organization's chains, forgetting those of another day and the oldest
        beyond TAILS_KEPT."""
        with self._lock:
            if today != self._tails_day:
                self._tails, self._tails_day = {}, today
            self._tails[key] = found
            if len(self._tails) > TAILS_KEPT:
                del self._tails[next(iter(self._tails))]


def starting_at(shown: list[Edge], tie: Tie) -> dict[str, Any]:
    """Write a tie as `via` (the index of the first of the card's affiliations, the relations
    `shown`, that says what its first step says) and the hops after that one, so the first step
    is not written twice."""
    first = tie.first
    step = (first.type, first.object_id, first.role, first.citations)
    for i, e in enumerate(shown):
        if e is first or (e.type, e.object_id, e.role, e.citations) == step:
            tail = tie.tail
            return {"reaches": tail.reaches, "why": tail.why, "via": i, "hops": tail.hops}
    raise ValueError(f"a state tie starts with no affiliation of the card: {first}")


class CardBuilder:
    """Builds the cards of many entities: eight reads whatever their number, plus three per
    level of state-tie search for organizations the graph has not met yet, plus one after each
    claim read that cites sources the graph has not met yet."""

    def __init__(self, session: Session, graph: OrgGraph, today: date | None = None) -> None:
        self.reader = Reader(session)
        self.graph = graph
        self.today = today or date.today()
        self.claims = Claims(graph.sources)
        self.revisions: dict[tuple[str, str], dict[str, Any]] = {}
        self.replies: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def orgs(self, ids: set[int]) -> dict[int, dict[str, Any]]:
        known = self.graph.orgs
        missing = {i for i in ids if i not in known}  # not `ids - known.keys()`: it walks known
        if missing:
            self.graph.add(organizations_by_id(self.reader, missing))
        return {i: known[i] for i in ids if i in known}

    def org_edges(self, ids: set[int]) -> dict[int, list[Edge]]:
        known = self.graph.edges
        missing = {i for i in ids if i not in known}
        if missing:
            rows = relations(self.reader, org_ids=missing)
            claims = read_claims(
                self.reader, Claims(self.graph.sources), relation_id=[r[0] for r in rows]
            )
            self.graph.add_edges(missing, edges(rows, claims))
        return {i: self.graph.edges[i] for i in ids}

    def tails(self, org_id: int, hops: int = MAX_HOPS - 1) -> tuple[Tail, ...]:
        """The chains to the state from an organization (after a card's own relation to it:
        MAX_HOPS - 1 hops at most), found once per graph and day."""
        key = (org_id, hops)
        found = self.graph.cached_tails(key, self.today)
        if found is None:
            found = tails(org_id, hops, self._org, self._edges_of, self.tails, self.today)
            self.graph.keep_tails(key, self.today, found)
        return found

    def _org(self, org_id: int) -> dict[str, Any] | None:
        found = self.graph.orgs.get(org_id)
        return found if found is not None else self.orgs({org_id}).get(org_id)

    def _edges_of(self, org_id: int) -> list[Edge]:
        found = self.graph.edges.get(org_id)
        return found if found is not None else self.org_edges({org_id})[org_id]

    def cards(self, slugs: Iterable[str]) -> dict[str, Card]:
        """Return the cards of the live entities among `slugs` (unknown slugs are left out)."""
        reader, claims, graph = self.reader, self.claims, self.graph
        orgs, people = entities_by_slug(reader, slugs, graph.by_slug)
        graph.add(orgs)
        org_ids, person_ids = [o["id"] for o in orgs], [p["id"] for p in people]
        new_orgs = [i for i in org_ids if i not in graph.edges]
        rows = relations(reader, org_ids=new_orgs, person_ids=person_ids)
        outlet_domains = domains(reader, org_ids)
        designated = designations(reader, org_ids)
        read_claims(
            reader,
            claims,
            organization_id=org_ids,
            person_id=person_ids,
            relation_id=[r[0] for r in rows],
            domain_id=[d[0] for d in outlet_domains],
            designation_id=[d["id"] for d in designated],
        )
        designations_of: dict[int, list[dict[str, Any]]] = {}
        for row in designated:
            shown = designation_public(row, []).model_dump()
            shown["citations"] = claims.of("designation_id", row["id"], "designation")
            designations_of.setdefault(row["organization_id"], []).append(shown)
        notes_of = notes(reader, org_ids, person_ids)
        slugs = [e["slug"] for e in (*orgs, *people)]
        self.revisions = published_revisions(reader, slugs)
        self.replies = shown_replies(reader, slugs)
        found = edges(rows, claims)
        graph.add_edges(new_orgs, found)
        own = {("org", i): graph.edges[i] for i in org_ids}
        own |= {("person", i): found.get(("person", i), []) for i in person_ids}
        first = [e for group in own.values() for e in group]
        self.orgs({e.object_id for e in first})
        unsearched = [
            e for e in first if graph.cached_tails((e.object_id, MAX_HOPS - 1), self.today) is None
        ]
        reachable(unsearched, self.org_edges, self.orgs, self.today)
        domains_of: dict[int, list[dict[str, Any]]] = {}
        for did, org_id, host, prefix in outlet_domains:
            keys = claims.of("domain_id", did, "domain")
            domains_of.setdefault(org_id, []).append(
                {"host": host, "path_prefix": prefix or None, "citations": keys}
            )
        out = {
            o["slug"]: self._card(
                o,
                "organization",
                notes_of.get(("organization_id", o["id"]), {}),
                own[("org", o["id"])],
                domains_of.get(o["id"], []),
                designations_of.get(o["id"], []),
            )
            for o in orgs
        }
        for p in people:
            note = notes_of.get(("person_id", p["id"]), {})
            out[p["slug"]] = self._card(p, "person", note, own[("person", p["id"])], [], [])
        return out

    def _card(
        self,
        row: dict[str, Any],
        entity_type: str,
        notes: dict[str, str],
        edges: list[Edge],
        domains: list[dict[str, Any]],
        designated: list[dict[str, Any]],
    ) -> Card:
        column = "organization_id" if entity_type == "organization" else "person_id"
        kind = row["kind"] if entity_type == "organization" else "person"
        known = self.graph.orgs  # `cards` read every organization these edges lead to
        shown = [e for e in edges if e.object_id in known]
        category = None
        if entity_type == "organization" and row["category"]:
            category = {
                "value": row["category"],
                "label": CATEGORY_LABELS.get(row["category"], row["category"]),
                "as_of": row["category_as_of"],
                "citations": self.claims.of(column, row["id"], "category"),
            }
        affiliations = [
            {
                "type": e.type,
                "label": RELATION_LABELS.get(e.type, e.type),
                "role": e.role,
                "organization": known[e.object_id]["slug"],
                "start": e.start,
                "end": e.end,
                "current": e.is_current(self.today),
                "citations": list(e.citations),
            }
            for e in shown
        ]
        ties = [] if kind in NO_TIES else derive(edges, self.tails, known, self.today)
        identity = self.claims.of(column, row["id"], "identity")
        cited = [
            *identity,
            *(k for a in affiliations for k in a["citations"]),
            *(k for t in ties for h in t.tail.hops for k in h["citations"]),  # the first: above
            *(category["citations"] if category else ()),
            *(k for d in designated for k in d["citations"]),
        ]
        every = [*cited, *(k for d in domains for k in d["citations"])]
        sources = {k: self.claims.sources[k] for k in every}
        review = review_of(row["slug"], self.revisions.get((entity_type, row["slug"])))
        linked = {a["organization"] for a in affiliations}
        linked |= {h["to"] for t in ties for h in t.tail.hops}
        body = {
            "slug": row["slug"],
            "type": entity_type,
            "kind": kind,
            "name": row["name"],
            "aliases": list(row["aliases"]),
            "country": row["country"],
            "description": row["description"],
            "website": row.get("website"),
            "url": f"/v1/entities/{row['slug']}",
            "category": category,
            "designations": designated,
            "citations": identity,
            "affiliations": affiliations,
            "state_ties": [starting_at(shown, t) for t in ties],
            "sources": len({sources[k]["url"] for k in cited}),
            "reviewed_at": review["published_at"] if review and review["reviewed_by"] else None,
            "review": review,
            "dispute": dispute_of(row["slug"], self.replies.get((entity_type, row["slug"]), [])),
        }
        organizations = {slug: self.graph.summary(slug) for slug in sorted(linked)}
        cited_once = tuple(dict.fromkeys(cited))
        return Card(row["slug"], body, notes, domains, sources, organizations, cited_once)
