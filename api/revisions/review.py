"""Review: a reviewer who wrote none of a draft publishes it (live tables, data version) or
rejects it with a comment."""

from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session, SQLModel

from api.audit import service as audit
from api.auth.models import Actor
from api.changesets import membership
from api.citations.models import Citation
from api.common import utcnow
from api.errors import Conflict, Forbidden
from api.organizations.models import Organization
from api.people.models import Person
from api.profiles.projection import project, table, unproject
from api.revisions import checks
from api.revisions.models import Document, EntityType, Revision, RevisionStatus
from api.revisions.service import bump_data_version
from api.revisions.working import Working, load

LIVE: dict[EntityType, tuple[type[SQLModel], str]] = {
    EntityType.organization: (Organization, "slug"),
    EntityType.person: (Person, "slug"),
    EntityType.citation: (Citation, "key"),
}


def draft_authors(session: Session, doc_id: int) -> set[str]:
    """Authors of the chain of drafts since the last publish or rejection."""
    t = table(Revision)
    closed = (
        select(func.coalesce(func.max(t.c.number), 0))
        .where(
            t.c.document_id == doc_id,
            t.c.status.in_([RevisionStatus.published, RevisionStatus.rejected]),
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(t.c.author).where(
            t.c.document_id == doc_id,
            t.c.status.in_([RevisionStatus.draft, RevisionStatus.superseded]),
            t.c.number > closed,
        )
    )
    return set(rows.scalars())


def pending(session: Session, entity_type: EntityType, slug: str, number: int) -> Working:
    working = load(session, entity_type, slug)
    if working.head.status != RevisionStatus.draft or working.head.number != number:
        pending = (
            f"the pending draft is revision {working.head.number}"
            if working.head.status == RevisionStatus.draft
            else "nothing is pending"
        )
        raise Conflict(f"revision {number} of {entity_type} '{slug}' is not pending; {pending}")
    return working


def _close(
    session: Session, working: Working, status: RevisionStatus, actor: Actor, comment: str | None
) -> None:
    """Move the pending draft to `status`, unless someone else got there first."""
    t = table(Revision)
    now = utcnow()
    closed = session.execute(
        update(t)
        .where(t.c.id == working.head.id, t.c.status == RevisionStatus.draft)
        .values(status=status, reviewed_by=actor.name, reviewed_at=now, review_comment=comment)
    )
    if closed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(
            f"revision {working.head.number} of {working.entity_type} '{working.doc.slug}' "
            "changed while you reviewed it; reload"
        )


def forbid_own_work(session: Session, actor: Actor, working: Working) -> None:
    """Four eyes: refuse a publisher who wrote (part of) the draft, any draft of its changeset,
    or an earlier revision whose content the draft restores."""
    head, label = working.head, f"{working.entity_type} '{working.doc.slug}'"
    assert working.doc.id is not None
    if actor.name in draft_authors(session, working.doc.id):
        raise Forbidden(
            f"you wrote (part of) revision {head.number} of {label}; "
            "another reviewer must publish it"
        )
    if head.changeset_id is not None and actor.name in membership.authors(
        session, head.changeset_id
    ):
        raise Forbidden(
            f"you wrote drafts in changeset {head.changeset_id}; another reviewer must publish it"
        )
    if head.content_hash is not None:
        t = table(Revision)
        own = session.execute(
            select(func.min(t.c.number)).where(
                t.c.document_id == working.doc.id,
                t.c.content_hash == head.content_hash,
                t.c.author == actor.name,
                t.c.number != head.number,
            )
        ).scalar_one_or_none()
        if own is not None:
            raise Forbidden(
                f"revision {head.number} of {label} restores the content of revision {own}, "
                "which you wrote; another reviewer must publish it"
            )


def publish(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    number: int,
    comment: str | None,
) -> Working:
    """Make a pending draft live; its authors may not publish it themselves (four eyes)."""
    working = pending(session, entity_type, slug, number)
    forbid_own_work(session, actor, working)
    make_live(session, actor, working, comment)
    if working.head.changeset_id is not None:
        membership.settle(session, working.head.changeset_id)
    session.flush()
    return load(session, entity_type, slug)


def make_live(session: Session, actor: Actor, working: Working, comment: str | None) -> None:
    """Close a pending draft as published and project it into the live tables (the caller has
    checked four eyes)."""
    entity_type, slug, number = working.entity_type, working.doc.slug, working.head.number
    doc_id = working.doc.id
    _close(session, working, RevisionStatus.published, actor, comment)
    now = utcnow()
    snapshot = working.head.snapshot
    model, column = LIVE[entity_type]
    values: dict[str, Any]
    if snapshot is None:
        checks.check_deletable(session, entity_type, slug)
        unproject(session, model, column, slug)
        values = {"published": None, "content_hash": None, "deleted_at": now}
    else:
        where = f"{entity_type} '{slug}' revision {number}"
        document = checks.parse(entity_type, snapshot, where)
        checks.check_publish(session, document, where)
        project(session, [document], actor=actor.name, now=now)
        values = {
            "published": number,
            "content_hash": working.head.content_hash,
            "deleted_at": None,
        }
    t = table(Document)
    session.execute(update(t).where(t.c.id == doc_id).values(updated_at=now, **values))
    bump_data_version(session, now)
    audit.record(
        session,
        actor,
        "revision.publish",
        f"{entity_type}:{slug}",
        detail={"revision": number, "action": working.head.action, "comment": comment},
        now=now,
    )
    session.flush()


def reject(
    session: Session, actor: Actor, entity_type: EntityType, slug: str, number: int, comment: str
) -> Working:
    """Turn a pending draft down with a comment; the live version stays as it is."""
    working = pending(session, entity_type, slug, number)
    close_rejected(session, actor, working, comment)
    if working.head.changeset_id is not None:
        membership.settle(session, working.head.changeset_id)
    session.flush()
    return load(session, entity_type, slug)


def close_rejected(session: Session, actor: Actor, working: Working, comment: str) -> None:
    """Close a pending draft as rejected, with the reviewer's comment."""
    entity_type, slug, number = working.entity_type, working.doc.slug, working.head.number
    _close(session, working, RevisionStatus.rejected, actor, comment)
    audit.record(
        session,
        actor,
        "revision.reject",
        f"{entity_type}:{slug}",
        detail={"revision": number, "comment": comment},
    )
