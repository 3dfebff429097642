"""Build public cards for organizations and people from the live tables."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session

from api.annotate.snapshot import Snapshot
from api.cards.models import (
    AffiliationPublic,
    CardPublic,
    CategoryPublic,
    DomainPublic,
    NotePublic,
)
from api.cards.store import (
    Edge,
    citations_for,
    designations_for,
    domains_for,
    edges_from,
    entities_by_slug,
    notes_for,
    organizations_by_id,
)
from api.cards.ties import derive
from api.citations.models import CitationPublic
from api.designations.models import DesignationPublic
from api.errors import NotFound
from api.organizations.models import CATEGORY_LABELS, OrganizationRef
from api.relations.models import RELATION_LABELS

FALLBACK_LANG = "en"


def pick_note(notes: dict[str, str], lang: str | None) -> NotePublic | None:
    """Choose the reader note in `lang` (or its base language), else English, else any."""
    if not notes:
        return None
    wanted = [lang, lang.split("-")[0]] if lang else []
    for candidate in [*wanted, FALLBACK_LANG, sorted(notes)[0]]:
        if candidate and candidate in notes:
            return NotePublic(lang=candidate, text=notes[candidate])
    return None


def _count_sources(*groups: Iterable[CitationPublic]) -> int:
    return len({c.url for group in groups for c in group})


class CardBuilder:
    """Builds cards for many entities with a bounded number of queries."""

    def __init__(
        self, session: Session, lang: str | None = None, today: date | None = None
    ) -> None:
        self.session = session
        self.lang = lang
        self.today = today or date.today()
        self._orgs: dict[int, dict[str, Any]] = {}
        self._org_edges: dict[int, list[Edge]] = {}

    def orgs(self, ids: set[int]) -> dict[int, dict[str, Any]]:
        missing = ids - set(self._orgs)
        if missing:
            self._orgs.update(organizations_by_id(self.session, missing))
        return {i: self._orgs[i] for i in ids if i in self._orgs}

    def org_edges(self, ids: set[int]) -> dict[int, list[Edge]]:
        missing = ids - set(self._org_edges)
        if missing:
            grouped: dict[int, list[Edge]] = defaultdict(list)
            for edge in edges_from(self.session, "subject_org_id", missing):
                grouped[edge.subject_id].append(edge)
            for org_id in missing:
                self._org_edges[org_id] = grouped.get(org_id, [])
        return {i: self._org_edges[i] for i in ids}

    def cards(self, slugs: Iterable[str]) -> dict[str, CardPublic]:
        """Return the cards of the live entities among `slugs` (unknown slugs are left out)."""
        orgs, people = entities_by_slug(self.session, slugs)
        self._orgs.update({o["id"]: o for o in orgs})
        out: dict[str, CardPublic] = {}
        out.update(self._organization_cards(orgs))
        out.update(self._person_cards(people))
        return out

    def _organization_cards(self, orgs: list[dict[str, Any]]) -> dict[str, CardPublic]:
        ids = [o["id"] for o in orgs]
        identity = citations_for(self.session, "organization_id", ids, "identity")
        category = citations_for(self.session, "organization_id", ids, "category")
        notes = notes_for(self.session, "organization_id", ids)
        domains = domains_for(self.session, ids)
        designations = designations_for(self.session, ids)
        edges = self.org_edges(set(ids))
        out = {}
        for org in orgs:
            cat = None
            if org["category"]:
                cat = CategoryPublic(
                    value=org["category"],
                    label=CATEGORY_LABELS.get(org["category"], org["category"]),
                    as_of=org["category_as_of"],
                    citations=category.get(org["id"], []),
                )
            doms = [
                DomainPublic(
                    host=d["host"], path_prefix=d["path_prefix"] or None, citations=d["citations"]
                )
                for d in domains.get(org["id"], [])
            ]
            out[org["slug"]] = self._card(
                org,
                "organization",
                org["kind"],
                identity.get(org["id"], []),
                notes.get(org["id"], {}),
                edges.get(org["id"], []),
                category=cat,
                designations=designations.get(org["id"], []),
                domains=doms,
            )
        return out

    def _person_cards(self, people: list[dict[str, Any]]) -> dict[str, CardPublic]:
        ids = [p["id"] for p in people]
        identity = citations_for(self.session, "person_id", ids, "identity")
        notes = notes_for(self.session, "person_id", ids)
        grouped: dict[int, list[Edge]] = defaultdict(list)
        for edge in edges_from(self.session, "subject_person_id", ids):
            grouped[edge.subject_id].append(edge)
        return {
            p["slug"]: self._card(
                p,
                "person",
                "person",
                identity.get(p["id"], []),
                notes.get(p["id"], {}),
                grouped.get(p["id"], []),
            )
            for p in people
        }

    def _card(
        self,
        row: dict[str, Any],
        entity_type: str,
        kind: str,
        citations: list[CitationPublic],
        notes: dict[str, str],
        edges: list[Edge],
        category: CategoryPublic | None = None,
        designations: list[DesignationPublic] | None = None,
        domains: list[DomainPublic] | None = None,
    ) -> CardPublic:
        objects = self.orgs({e.object_id for e in edges})
        affiliations = [
            AffiliationPublic(
                type=e.type,
                label=RELATION_LABELS.get(e.type, e.type),
                role=e.role,
                organization=OrganizationRef(
                    **{k: objects[e.object_id][k] for k in ("slug", "name", "kind", "country")}
                ),
                start=e.start,
                end=e.end,
                current=e.is_current(self.today),
                citations=list(e.citations),
            )
            for e in edges
            if e.object_id in objects
        ]
        ties = (
            []
            if kind in ("government", "ministry", "state_agency")
            else derive(row["name"], row["slug"], edges, self.org_edges, self.orgs, self.today)
        )
        groups: list[Iterable[CitationPublic]] = [
            citations,
            *(a.citations for a in affiliations),
            *(h.citations for t in ties for h in t.hops),
        ]
        if category is not None:
            groups.append(category.citations)
        groups += [d.citations for d in designations or []]
        return CardPublic(
            slug=row["slug"],
            type=entity_type,
            kind=kind,
            name=row["name"],
            aliases=list(row["aliases"]),
            country=row["country"],
            description=row["description"],
            website=row.get("website"),
            url=f"/v1/entities/{row['slug']}",
            note=pick_note(notes, self.lang),
            category=category,
            designations=designations or [],
            citations=citations,
            affiliations=affiliations,
            state_ties=ties,
            domains=domains or [],
            sources=_count_sources(*groups),
            reviewed_at=row["reviewed_at"],
        )


def cards_for(
    session: Session, snapshot: Snapshot, slugs: Iterable[str], lang: str | None
) -> dict[str, CardPublic]:
    """Return cards for `slugs`, from the snapshot's cache where possible."""
    out: dict[str, CardPublic] = {}
    missing: list[str] = []
    for slug in dict.fromkeys(slugs):
        card = snapshot.cached_card(slug, lang)
        if card is None:
            missing.append(slug)
        else:
            out[slug] = card
    if missing:
        for slug, card in CardBuilder(session, lang).cards(missing).items():
            snapshot.remember_card(slug, lang, card)
            out[slug] = card
    return out


def entity_card(session: Session, snapshot: Snapshot, slug: str, lang: str | None) -> CardPublic:
    """Return one published card, or raise NotFound."""
    card = cards_for(session, snapshot, [slug], lang).get(slug)
    if card is None:
        raise NotFound(f"no published profile has the slug '{slug}'")
    return card
