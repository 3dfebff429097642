"""Bulk reads of live profile rows: entities, their claims' citations, relations and notes."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.citations.models import Citation, CitationPublic
from api.designations.models import DesignationPublic, OutletDesignation, designation_public
from api.notes.models import ReaderNote
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.profiles.projection import chunks, table
from api.relations.models import ClaimCitation, Relation


@dataclass(frozen=True, slots=True)
class Edge:
    """A live relation with its object and its citations."""

    subject_id: int
    type: str
    role: str | None
    start: str | None
    end: str | None
    object_id: int
    citations: tuple[CitationPublic, ...]

    def is_current(self, today: date) -> bool:
        if self.end is None:
            return True
        padded = self.end + "-12-31"[len(self.end) - 4 :] if len(self.end) < 10 else self.end
        return padded >= today.isoformat()


def rows_by(
    session: Session, model: type[Any], column: str, values: Iterable[Any]
) -> list[dict[str, Any]]:
    """Fetch rows whose `column` is in `values`, as mappings."""
    t = table(model)
    out: list[dict[str, Any]] = []
    for part in chunks(sorted(set(values))):
        out += [
            dict(row)
            for row in session.execute(select(t).where(t.c[column].in_(list(part)))).mappings()
        ]
    return out


def _citation(row: dict[str, Any]) -> CitationPublic:
    return CitationPublic(
        url=row["url"],
        title=row["title"],
        publisher=row["publisher"],
        published=row["published"],
        accessed=row["accessed"],
        archive_url=row["archive_url"],
        quote=row["quote"],
        note=row["note"],
    )


def citations_for(
    session: Session, column: str, ids: Iterable[int], claim: str | None = None
) -> dict[int, list[CitationPublic]]:
    """Map each claim owner id (in `column` of claim_citation) to its citations, in order."""
    links, cites = table(ClaimCitation), table(Citation)
    found: dict[int, list[tuple[int, CitationPublic]]] = defaultdict(list)
    for part in chunks(sorted(set(ids))):
        query = (
            select(links.c[column], links.c.position, cites)
            .join(cites, cites.c.id == links.c.citation_id)
            .where(links.c[column].in_(list(part)))
        )
        if claim is not None:
            query = query.where(links.c.claim == claim)
        for row in session.execute(query).mappings():
            found[row[column]].append((row["position"], _citation(dict(row))))
    return {
        owner: [c for _, c in sorted(items, key=lambda item: item[0])]
        for owner, items in found.items()
    }


def edges_from(session: Session, subject_column: str, ids: Iterable[int]) -> list[Edge]:
    """Load the outgoing relations of organizations or people, with their citations."""
    rows = rows_by(session, Relation, subject_column, ids)
    cited = citations_for(session, "relation_id", (r["id"] for r in rows))
    rows.sort(key=lambda r: (r[subject_column], r["position"]))
    return [
        Edge(
            r[subject_column],
            r["type"],
            r["role"],
            r["start"],
            r["end"],
            r["object_id"],
            tuple(cited.get(r["id"], [])),
        )
        for r in rows
    ]


def organizations_by_id(session: Session, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in rows_by(session, Organization, "id", ids)}


def entities_by_slug(
    session: Session, slugs: Iterable[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the live organizations and people with these slugs."""
    wanted = list(slugs)
    return rows_by(session, Organization, "slug", wanted), rows_by(session, Person, "slug", wanted)


def notes_for(session: Session, column: str, ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Map organization or person ids to their reader notes by language."""
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for row in rows_by(session, ReaderNote, column, ids):
        found[row[column]][row["lang"]] = row["text"]
    return found


def designations_for(
    session: Session, org_ids: Iterable[int]
) -> dict[int, list[DesignationPublic]]:
    """Map outlet ids to their designations from other schemes, each with its citations."""
    rows = rows_by(session, OutletDesignation, "organization_id", org_ids)
    cited = citations_for(session, "designation_id", (r["id"] for r in rows))
    found: dict[int, list[DesignationPublic]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r["position"]):
        found[row["organization_id"]].append(designation_public(row, cited.get(row["id"], [])))
    return found


def domains_for(session: Session, org_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Map outlet ids to their domains, each with its citations."""
    rows = rows_by(session, OutletDomain, "organization_id", org_ids)
    cited = citations_for(session, "domain_id", (r["id"] for r in rows))
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["host"], r["path_prefix"])):
        found[row["organization_id"]].append({**row, "citations": cited.get(row["id"], [])})
    return found
