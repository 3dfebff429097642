"""Write published documents into the live tables that the public API and the matcher read."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, delete, select, update
from sqlmodel import Session, SQLModel

from api.citations.models import Citation, CitationDocument
from api.db import insert_returning_ids, insert_rows
from api.designations.models import OutletDesignation
from api.notes.models import ReaderNote
from api.organizations.models import Organization, OrganizationDocument, OutletDomain
from api.people.models import Person, PersonDocument
from api.profiles.documents import citation_keys
from api.relations.models import ClaimCitation, Relation

CHUNK = 500
SCAN = 10 * CHUNK  # past this many keys, one read of the whole table beats chunked lookups
BATCH = 5000  # profiles whose claims are written together
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """Split a sequence so no statement exceeds the database's parameter limits."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def table(model: type[SQLModel]) -> Table:
    """Return the Core table behind a SQLModel table class."""
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def ids_by(
    session: Session, model: type[SQLModel], column: str, values: Iterable[str]
) -> dict[str, int]:
    """Map values of a unique column to row ids, in parameter-limit-sized chunks."""
    t = table(model)
    wanted = sorted(set(values))
    if len(wanted) > SCAN:
        every = set(wanted)
        rows = session.execute(select(t.c[column], t.c.id))
        return {value: row_id for value, row_id in rows if value in every}
    found: dict[str, int] = {}
    for part in chunks(wanted):
        rows = session.execute(select(t.c[column], t.c.id).where(t.c[column].in_(part)))
        found.update((value, row_id) for value, row_id in rows)
    return found


def _insert_returning_ids(
    session: Session, model: type[SQLModel], rows: list[dict[str, Any]]
) -> list[int]:
    return insert_returning_ids(session, table(model), rows)


def _upsert(
    session: Session, model: type[SQLModel], column: str, rows: list[dict[str, Any]]
) -> tuple[dict[str, int], list[int]]:
    """Insert new rows and update existing ones by a unique column; return ids and updated ids."""
    existing = ids_by(session, model, column, (row[column] for row in rows))
    new = [row for row in rows if row[column] not in existing]
    changed = [{**row, "id": existing[row[column]]} for row in rows if row[column] in existing]
    ids = dict(existing)
    ids.update(
        zip((row[column] for row in new), _insert_returning_ids(session, model, new), strict=True)
    )
    if changed:
        session.execute(update(model), changed)
    return ids, [row["id"] for row in changed]


def _citation_row(doc: CitationDocument, now: datetime) -> dict[str, Any]:
    return {**doc.model_dump(), "updated_at": now}


def _organization_row(doc: OrganizationDocument, actor: str, now: datetime) -> dict[str, Any]:
    category = doc.category
    return {
        "slug": doc.slug,
        "name": doc.name,
        "kind": str(doc.kind),
        "country": doc.country,
        "wikidata": doc.wikidata,
        "website": doc.website,
        "description": doc.description,
        "aliases": list(doc.aliases),
        "exclude": list(doc.exclude),
        "category": str(category.value) if category else None,
        "category_as_of": category.as_of if category else None,
        "reviewed_by": actor,
        "reviewed_at": now,
    }


def _person_row(doc: PersonDocument, actor: str, now: datetime) -> dict[str, Any]:
    return {
        "slug": doc.slug,
        "name": doc.name,
        "aliases": list(doc.aliases),
        "exclude": list(doc.exclude),
        "match_surname": doc.match_surname,
        "description": doc.description,
        "country": doc.country,
        "wikidata": doc.wikidata,
        "reviewed_by": actor,
        "reviewed_at": now,
    }


def _clear_children(session: Session, org_ids: list[int], person_ids: list[int]) -> None:
    """Remove the claims of profiles about to be rewritten (their citations cascade)."""
    for part in chunks(org_ids):
        session.execute(
            delete(table(OutletDomain)).where(table(OutletDomain).c.organization_id.in_(part))
        )
        session.execute(delete(table(Relation)).where(table(Relation).c.subject_org_id.in_(part)))
        session.execute(
            delete(table(ClaimCitation)).where(table(ClaimCitation).c.organization_id.in_(part))
        )
        session.execute(
            delete(table(ReaderNote)).where(table(ReaderNote).c.organization_id.in_(part))
        )
        session.execute(
            delete(table(OutletDesignation)).where(
                table(OutletDesignation).c.organization_id.in_(part)
            )
        )
    for part in chunks(person_ids):
        session.execute(
            delete(table(Relation)).where(table(Relation).c.subject_person_id.in_(part))
        )
        session.execute(
            delete(table(ClaimCitation)).where(table(ClaimCitation).c.person_id.in_(part))
        )
        session.execute(delete(table(ReaderNote)).where(table(ReaderNote).c.person_id.in_(part)))


class _Claims:
    """Collects claim rows for one projection run and writes them in bulk."""

    def __init__(
        self, session: Session, citation_ids: dict[str, int], org_ids: dict[str, int]
    ) -> None:
        self.session = session
        self.citation_ids = citation_ids
        self.org_ids = org_ids
        self.links: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []

    def cite(self, keys: list[str], claim: str, **target: int) -> None:
        for position, key in enumerate(keys):
            self.links.append(
                {
                    "citation_id": self.citation_ids[key],
                    "claim": claim,
                    "organization_id": None,
                    "person_id": None,
                    "domain_id": None,
                    "relation_id": None,
                    "designation_id": None,
                    "position": position,
                    **target,
                }
            )

    def add_profile(
        self, doc: OrganizationDocument | PersonDocument, subject: str, subject_id: int
    ) -> list[tuple[dict[str, Any], list[str]]]:
        """Queue identity citations and notes; return relation rows with their citation keys."""
        self.cite(doc.citations, "identity", **{subject: subject_id})
        for lang, text in sorted(doc.notes.items()):
            self.notes.append(
                {
                    "organization_id": None,
                    "person_id": None,
                    subject: subject_id,
                    "lang": lang,
                    "text": text,
                }
            )
        column = "subject_org_id" if subject == "organization_id" else "subject_person_id"
        return [
            (
                {
                    "subject_org_id": None,
                    "subject_person_id": None,
                    column: subject_id,
                    "object_id": self.org_ids[rel.object],
                    "type": str(rel.type),
                    "role": rel.role,
                    "start": rel.start,
                    "end": rel.end,
                    "position": position,
                },
                rel.citations,
            )
            for position, rel in enumerate(doc.relations)
        ]

    def flush(self) -> None:
        insert_rows(self.session, table(ClaimCitation), self.links)
        insert_rows(self.session, table(ReaderNote), self.notes)


@dataclass(frozen=True, slots=True)
class Ids:
    """Row ids by citation key and by slug: what claims point at."""

    citations: dict[str, int]
    organizations: dict[str, int]
    people: dict[str, int]


def project(
    session: Session,
    documents: Sequence[Any],
    *,
    actor: str,
    now: datetime,
    on_progress: Callable[[int], None] | None = None,
) -> None:
    """Make `documents` the live, public content of their entities (insert or replace).

    Main rows go first, so claims may point at any organization in the set; claims are then
    written in batches, and `on_progress` hears how many documents each step completed.
    """
    written = project_rows(session, documents, actor=actor, now=now)
    if on_progress:
        on_progress(sum(isinstance(d, CitationDocument) for d in documents))
    profiles = [d for d in documents if not isinstance(d, CitationDocument)]
    # Looked up once for every batch: the rows just written, and what the profiles name.
    ids = named_ids(session, profiles, known=written)
    for batch in chunks(profiles, BATCH):
        project_claims(session, batch, ids)
        if on_progress:
            on_progress(len(batch))


def project_rows(session: Session, documents: Sequence[Any], *, actor: str, now: datetime) -> Ids:
    """Insert or update the main rows of `documents` and clear the claims of the ones that
    existed; `project_claims` then writes their claims (once every row they name exists).
    Return the ids of the rows written."""
    citations = [d for d in documents if isinstance(d, CitationDocument)]
    orgs = [d for d in documents if isinstance(d, OrganizationDocument)]
    people = [d for d in documents if isinstance(d, PersonDocument)]
    citation_ids, _ = _upsert(session, Citation, "key", [_citation_row(d, now) for d in citations])
    org_ids, changed_orgs = _upsert(
        session, Organization, "slug", [_organization_row(d, actor, now) for d in orgs]
    )
    person_ids, changed_people = _upsert(
        session, Person, "slug", [_person_row(d, actor, now) for d in people]
    )
    _clear_children(session, changed_orgs, changed_people)
    return Ids(citation_ids, org_ids, person_ids)


def named_ids(
    session: Session,
    profiles: Sequence[OrganizationDocument | PersonDocument],
    known: Ids | None = None,
) -> Ids:
    """The ids of some profiles and of every citation and organization they name, looked up
    in the database where `known` does not hold them."""
    known = known or Ids({}, {}, {})

    def look_up(
        model: type[SQLModel], column: str, wanted: set[str], have: dict[str, int]
    ) -> dict[str, int]:
        found = ids_by(session, model, column, wanted - have.keys())
        found.update((key, have[key]) for key in wanted & have.keys())
        return found

    cited = {key for doc in profiles for key in citation_keys(doc)}
    orgs = {rel.object for doc in profiles for rel in doc.relations}
    orgs |= {d.slug for d in profiles if isinstance(d, OrganizationDocument)}
    people = {d.slug for d in profiles if isinstance(d, PersonDocument)}
    return Ids(
        look_up(Citation, "key", cited, known.citations),
        look_up(Organization, "slug", orgs, known.organizations),
        look_up(Person, "slug", people, known.people),
    )


def project_claims(
    session: Session,
    profiles: Sequence[OrganizationDocument | PersonDocument],
    ids: Ids | None = None,
) -> None:
    """Write the claims of profiles whose main rows `project_rows` wrote, and of every
    citation and organization they name (`ids`, when known, else looked up)."""
    ids = ids or named_ids(session, profiles)
    _write_claims(_Claims(session, ids.citations, ids.organizations), profiles, ids)


def _write_claims(
    claims: _Claims,
    profiles: Sequence[OrganizationDocument | PersonDocument],
    ids: Ids,
) -> None:
    """Write the domains, category, relations, notes and citation links of some profiles."""
    relation_rows: list[tuple[dict[str, Any], list[str]]] = []
    domain_rows: list[tuple[dict[str, Any], list[str]]] = []
    designation_rows: list[tuple[dict[str, Any], list[str]]] = []
    for doc in profiles:
        if isinstance(doc, PersonDocument):
            relation_rows += claims.add_profile(doc, "person_id", ids.people[doc.slug])
            continue
        org_id = ids.organizations[doc.slug]
        relation_rows += claims.add_profile(doc, "organization_id", org_id)
        if doc.category is not None:
            claims.cite(doc.category.citations, "category", organization_id=org_id)
        domain_rows += [
            (
                {"organization_id": org_id, "host": d.host, "path_prefix": d.path_prefix or ""},
                d.citations,
            )
            for d in doc.domains
        ]
        designation_rows += [
            (
                {
                    "organization_id": org_id,
                    "scheme": str(d.scheme),
                    "value": d.value,
                    "attributed_to": d.attributed_to,
                    "as_of": d.as_of,
                    "position": position,
                },
                d.citations,
            )
            for position, d in enumerate(doc.designations)
        ]
    for claim, model, rows in (
        ("domain", OutletDomain, domain_rows),
        ("relation", Relation, relation_rows),
        ("designation", OutletDesignation, designation_rows),
    ):
        new_ids = _insert_returning_ids(claims.session, model, [row for row, _ in rows])
        for row_id, (_, keys) in zip(new_ids, rows, strict=True):
            claims.cite(keys, claim, **{f"{claim}_id": row_id})
    claims.flush()


def unproject(session: Session, model: type[SQLModel], column: str, value: str) -> None:
    """Remove one entity from the live tables (its claims cascade)."""
    t = table(model)
    session.execute(delete(t).where(t.c[column] == value))
