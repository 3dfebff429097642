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
from api.profiles.documents import Named, citation_keys
from api.relations.models import CLAIM_OWNERS, ClaimCitation, Relation

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
    wanted = set(values)
    if len(wanted) > SCAN:
        rows = session.execute(select(t.c[column], t.c.id))
        return {value: row_id for value, row_id in rows if value in wanted}
    found: dict[str, int] = {}
    for part in chunks(sorted(wanted)):
        rows = session.execute(select(t.c[column], t.c.id).where(t.c[column].in_(part)))
        found.update((value, row_id) for value, row_id in rows)
    return found


Row = tuple[Any, ...]


def _upsert(
    session: Session, model: type[SQLModel], column: str, columns: Sequence[str], rows: list[Row]
) -> tuple[dict[str, int], list[int]]:
    """Insert new rows (tuples in the order of `columns`) and update existing ones by a unique
    column; return ids and updated ids."""
    at = list(columns).index(column)
    existing = ids_by(session, model, column, (row[at] for row in rows))
    new = [row for row in rows if row[at] not in existing]
    changed = [
        {**dict(zip(columns, row, strict=True)), "id": existing[row[at]]}
        for row in rows
        if row[at] in existing
    ]
    ids = dict(existing)
    new_ids = insert_returning_ids(session, table(model), columns, new)
    ids.update(zip((row[at] for row in new), new_ids, strict=True))
    if changed:
        session.execute(update(model), changed)
    return ids, [row["id"] for row in changed]


CITATION_COLUMNS = (*CitationDocument.model_fields, "updated_at")
ORGANIZATION_COLUMNS = (
    "slug",
    "name",
    "kind",
    "country",
    "wikidata",
    "website",
    "description",
    "aliases",
    "exclude",
    "category",
    "category_as_of",
    "reviewed_by",
    "reviewed_at",
)
PERSON_COLUMNS = (
    "slug",
    "name",
    "aliases",
    "exclude",
    "match_surname",
    "description",
    "country",
    "wikidata",
    "reviewed_by",
    "reviewed_at",
)
# (subject org, subject person, object, type, role, start, end, position)
RELATION_COLUMNS = (
    "subject_org_id",
    "subject_person_id",
    "object_id",
    "type",
    "role",
    "start",
    "end",
    "position",
)
DOMAIN_COLUMNS = ("organization_id", "host", "path_prefix")
DESIGNATION_COLUMNS = ("organization_id", "scheme", "value", "attributed_to", "as_of", "position")
# What a profile's notes belong to: one of these columns each (claims: CLAIM_OWNERS).
NOTE_OWNERS = ("organization_id", "person_id")


def _citation_row(doc: CitationDocument, now: datetime) -> Row:
    return (*(getattr(doc, name) for name in CitationDocument.model_fields), now)


def _organization_row(doc: OrganizationDocument, actor: str, now: datetime) -> Row:
    category = doc.category
    return (
        doc.slug,
        doc.name,
        str(doc.kind),
        doc.country,
        doc.wikidata,
        doc.website,
        doc.description,
        doc.aliases,
        doc.exclude,
        str(category.value) if category else None,
        category.as_of if category else None,
        actor,
        now,
    )


def _person_row(doc: PersonDocument, actor: str, now: datetime) -> Row:
    return (
        doc.slug,
        doc.name,
        doc.aliases,
        doc.exclude,
        doc.match_surname,
        doc.description,
        doc.country,
        doc.wikidata,
        actor,
        now,
    )


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
        # (citation id, claim, position, owner id) by the column naming the owner
        self.links: dict[str, list[Row]] = {owner: [] for owner in CLAIM_OWNERS}
        self.notes: dict[str, list[Row]] = {owner: [] for owner in NOTE_OWNERS}  # (id, lang, text)

    def cite(self, keys: list[str], claim: str, owner: str, owner_id: int) -> None:
        ids = self.citation_ids
        self.links[owner] += [(ids[key], claim, at, owner_id) for at, key in enumerate(keys)]

    def cite_each(self, claim: str, owner_ids: Sequence[int], keys: Sequence[list[str]]) -> None:
        """Queue the citations of many claims of one kind: `keys[i]` for `owner_ids[i]`."""
        ids = self.citation_ids
        self.links[f"{claim}_id"] += [
            (ids[key], claim, at, owner_id)
            for owner_id, cited in zip(owner_ids, keys, strict=True)
            for at, key in enumerate(cited)
        ]

    def add_profile(
        self, doc: OrganizationDocument | PersonDocument, owner: str, owner_id: int
    ) -> None:
        """Queue a profile's identity citations and notes."""
        self.cite(doc.citations, "identity", owner, owner_id)
        if doc.notes:
            self.notes[owner] += [
                (owner_id, lang, text) for lang, text in sorted(doc.notes.items())
            ]

    def flush(self) -> None:
        for owner, links in self.links.items():
            columns = ("citation_id", "claim", "position", owner)
            insert_rows(self.session, table(ClaimCitation), columns, links)
        for owner, notes in self.notes.items():
            insert_rows(self.session, table(ReaderNote), (owner, "lang", "text"), notes)


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
    named: Named | None = None,
) -> None:
    """Make `documents` the live, public content of their entities (insert or replace).

    Main rows go first, so claims may point at any organization in the set; claims are then
    written in batches, and `on_progress` hears how many documents each step completed.
    `named`, when the caller has it, holds (at least) what the documents refer to.
    """
    written = project_rows(session, documents, actor=actor, now=now)
    if on_progress:
        on_progress(sum(isinstance(d, CitationDocument) for d in documents))
    profiles = [d for d in documents if not isinstance(d, CitationDocument)]
    # Looked up once for every batch: the rows just written, and what the profiles name.
    ids = named_ids(session, profiles, known=written, named=named)
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
    citation_ids, _ = _upsert(
        session, Citation, "key", CITATION_COLUMNS, [_citation_row(d, now) for d in citations]
    )
    org_ids, changed_orgs = _upsert(
        session,
        Organization,
        "slug",
        ORGANIZATION_COLUMNS,
        [_organization_row(d, actor, now) for d in orgs],
    )
    person_ids, changed_people = _upsert(
        session, Person, "slug", PERSON_COLUMNS, [_person_row(d, actor, now) for d in people]
    )
    _clear_children(session, changed_orgs, changed_people)
    return Ids(citation_ids, org_ids, person_ids)


def named_ids(
    session: Session,
    profiles: Sequence[OrganizationDocument | PersonDocument],
    known: Ids | None = None,
    named: Named | None = None,
) -> Ids:
    """The ids of some profiles and of every citation and organization they name (and of
    all that `known` holds), looked up in the database where `known` does not hold them.
    `named`, when given, stands for what the profiles name, so they are not walked again: it
    may hold more (a seed set's names, for the part of it that changed), which costs only
    lookups."""
    known = known or Ids({}, {}, {})

    def look_up(
        model: type[SQLModel], column: str, wanted: set[str], have: dict[str, int]
    ) -> dict[str, int]:
        found = ids_by(session, model, column, wanted - have.keys())
        found.update(have)  # whole: a few ids more are harmless, picking them out was not
        return found

    if named is None:
        named = Named(
            {key for doc in profiles for key in citation_keys(doc)},
            {rel.object for doc in profiles for rel in doc.relations},
        )
    cited = named.citations
    orgs = named.organizations | {d.slug for d in profiles if isinstance(d, OrganizationDocument)}
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
    objects = claims.org_ids
    relations: list[Row] = []
    domains: list[Row] = []
    designations: list[Row] = []
    # The citation keys of each row above, in the same order.
    relation_keys: list[list[str]] = []
    domain_keys: list[list[str]] = []
    designation_keys: list[list[str]] = []
    for doc in profiles:
        if isinstance(doc, PersonDocument):
            org_id, person_id = None, ids.people[doc.slug]
            claims.add_profile(doc, "person_id", person_id)
        else:
            org_id, person_id = ids.organizations[doc.slug], None
            claims.add_profile(doc, "organization_id", org_id)
            if doc.category is not None:
                claims.cite(doc.category.citations, "category", "organization_id", org_id)
            domains += [(org_id, d.host, d.path_prefix or "") for d in doc.domains]
            domain_keys += [d.citations for d in doc.domains]
            designations += [
                (org_id, str(d.scheme), d.value, d.attributed_to, d.as_of, at)
                for at, d in enumerate(doc.designations)
            ]
            designation_keys += [d.citations for d in doc.designations]
        relations += [
            (org_id, person_id, objects[r.object], str(r.type), r.role, r.start, r.end, at)
            for at, r in enumerate(doc.relations)
        ]
        relation_keys += [r.citations for r in doc.relations]
    for claim, model, columns, rows, keys in (
        ("domain", OutletDomain, DOMAIN_COLUMNS, domains, domain_keys),
        ("relation", Relation, RELATION_COLUMNS, relations, relation_keys),
        ("designation", OutletDesignation, DESIGNATION_COLUMNS, designations, designation_keys),
    ):
        new_ids = insert_returning_ids(claims.session, table(model), columns, rows)
        claims.cite_each(claim, new_ids, keys)
    claims.flush()


def unproject(session: Session, model: type[SQLModel], column: str, value: str) -> None:
    """Remove one entity from the live tables (its claims cascade)."""
    t = table(model)
    session.execute(delete(t).where(t.c[column] == value))
