"""The rules a draft or a publish must pass: the seeding rules, plus safe deletion."""

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from api.citations.models import Citation
from api.common import loc_text
from api.designations.models import OutletDesignation
from api.errors import Conflict, DomainError, InvalidInput
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.profiles.documents import DOCUMENT_MODELS, AnyDocument
from api.profiles.projection import table
from api.relations.models import ClaimCitation, Relation
from api.revisions.models import Document, EntityType, Revision, RevisionStatus
from api.seeding.service import known_data
from api.seeding.validation import Known, Located, check

MAX_SHOWN = 5


def problems_error(
    problems: list[str], cls: type[DomainError] = InvalidInput, headline: str = ""
) -> DomainError:
    """Turn `where.field: message` problems into one error naming every field."""
    fields = []
    for problem in problems:
        loc, _, message = problem.partition(": ")
        fields.append({"loc": loc, "message": message or problem})
    shown = "; ".join(problems[:MAX_SHOWN]) + ("; …" if len(problems) > MAX_SHOWN else "")
    return cls(f"{headline}{shown}", fields=fields)


def parse(entity_type: EntityType, data: dict[str, Any], where: str) -> AnyDocument:
    """Validate a snapshot as its document model; a 422 names each bad field under `where`."""
    try:
        return DOCUMENT_MODELS[entity_type].model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{where}.{loc_text(e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
            for e in exc.errors(include_url=False)
        ]
        raise problems_error(problems) from exc


def draft_known(session: Session) -> Known:
    """What a draft may refer to: live data plus every entity that exists as a document."""
    known = known_data(session)
    t = table(Document)
    rows = session.execute(select(t.c.entity_type, t.c.slug).where(t.c.deleted_at.is_(None)))
    spaces = {"citation": known.citations, "organization": known.organizations}
    for entity_type, slug in rows:
        spaces.get(entity_type, known.people).add(slug)
    return known


def check_draft(session: Session, document: AnyDocument, where: str) -> None:
    """Apply the seeding rules to a draft (references may be drafts themselves)."""
    problems = check([Located(document, where)], draft_known(session))
    if problems:
        raise problems_error(problems)


def check_publish(session: Session, document: AnyDocument, where: str) -> None:
    """Apply the seeding rules against live data only: what a draft cites must be published
    (a reference to a draft says which changeset or revision it waits in)."""
    known = known_data(session)
    problems = check([Located(document, where)], known)
    if problems:  # say where each missing reference waits, if it is a draft
        known.pending = pending_drafts(session)
        problems = check([Located(document, where)], known)
    if problems:
        raise problems_error(problems, Conflict, "the draft cannot be published yet: ")


def pending_drafts(session: Session) -> dict[tuple[str, str], str]:
    """Say where each draft-only id waits: ("citation", "x") → "draft in changeset 12"."""
    d, r = table(Document), table(Revision)
    rows = session.execute(
        select(d.c.entity_type, d.c.slug, r.c.number, r.c.changeset_id)
        .select_from(r)
        .join(d, d.c.id == r.c.document_id)
        .where(r.c.status == RevisionStatus.draft)
    )
    pending = {}
    for entity_type, slug, number, changeset_id in rows:
        space = "citation" if entity_type == EntityType.citation else "organization"
        pending[(space, slug)] = (
            f"draft in changeset {changeset_id}"
            if changeset_id is not None
            else f"draft revision {number}"
        )
    return pending


def check_deletable(session: Session, entity_type: EntityType, slug: str) -> None:
    """Refuse to delete what other published profiles point at, naming them."""
    users: list[str] = []
    if entity_type is EntityType.organization:
        users = _relations_pointing_at(session, slug)
        what = "published relations point at it from"
    elif entity_type is EntityType.citation:
        users = _profiles_citing(session, slug)
        what = "published profiles cite it"
    if users:
        shown = ", ".join(sorted(set(users)))
        raise Conflict(
            f"cannot delete {entity_type} '{slug}': {what}: {shown}; change those first",
            fields=[{"loc": "slug", "message": f"in use by {shown}"}],
        )


def _relations_pointing_at(session: Session, slug: str) -> list[str]:
    orgs, people, rel = table(Organization), table(Person), table(Relation)
    target = select(orgs.c.id).where(orgs.c.slug == slug).scalar_subquery()
    subject_org = orgs.alias("subject_org")
    rows = session.execute(
        select(subject_org.c.slug, people.c.slug)
        .select_from(rel)
        .outerjoin(subject_org, subject_org.c.id == rel.c.subject_org_id)
        .outerjoin(people, people.c.id == rel.c.subject_person_id)
        .where(rel.c.object_id == target)
    )
    return [org or person for org, person in rows if (org or person) != slug]


def _profiles_citing(session: Session, key: str) -> list[str]:
    cc, orgs, people = table(ClaimCitation), table(Organization), table(Person)
    domains, rel, marks = table(OutletDomain), table(Relation), table(OutletDesignation)
    citation = select(table(Citation).c.id).where(table(Citation).c.key == key).scalar_subquery()
    rows = session.execute(
        select(
            cc.c.organization_id,
            domains.c.organization_id,
            rel.c.subject_org_id,
            marks.c.organization_id,
            cc.c.person_id,
            rel.c.subject_person_id,
        )
        .select_from(cc)
        .outerjoin(domains, domains.c.id == cc.c.domain_id)
        .outerjoin(rel, rel.c.id == cc.c.relation_id)
        .outerjoin(marks, marks.c.id == cc.c.designation_id)
        .where(cc.c.citation_id == citation)
    ).all()
    org_ids = {i for row in rows for i in row[:4] if i is not None}
    person_ids = {i for row in rows for i in row[4:] if i is not None}
    found = list(session.execute(select(orgs.c.slug).where(orgs.c.id.in_(org_ids))).scalars())
    found += session.execute(select(people.c.slug).where(people.c.id.in_(person_ids))).scalars()
    return found
