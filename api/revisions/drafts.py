"""The draft lifecycle of a document: propose (create, edit, delete, restore, revert) under an
atomic compare-and-swap on its head, then publish or reject after review."""

import copy
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from api.audit import service as audit
from api.auth.models import Actor
from api.changesets import duplicates, membership
from api.common import utcnow
from api.errors import Conflict, NotFound, PreconditionFailed
from api.profiles.documents import canonical, content_hash
from api.profiles.projection import table
from api.profiles.search import search_fields
from api.revisions import checks
from api.revisions.models import (
    Document,
    EntityStatus,
    EntityType,
    Revision,
    RevisionAction,
    RevisionStatus,
)
from api.revisions.working import Working, expected_head, find, load, revision

Edit = Callable[[dict[str, Any]], dict[str, Any]]
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: FOR UPDATE NOWAIT found the row locked
NOT_DOCUMENT = {"reason", "acknowledge_duplicates"}  # request fields that are not the document


def create(
    session: Session, actor: Actor, entity_type: EntityType, data: dict[str, Any], reason: str
) -> Working:
    """Propose a new entity (or a new first version of one whose creation was rejected)."""
    document = checks.parse(entity_type, data, "body")
    slug = data["slug"] if entity_type != EntityType.citation else data["key"]
    doc = find(session, entity_type, slug)
    if doc is not None and doc.head > 0:
        current = load(session, entity_type, slug)
        if current.status is not EntityStatus.rejected:
            hint = " (restore it instead)" if current.status is EntityStatus.deleted else ""
            raise Conflict(f"{entity_type} '{slug}' already exists{hint}")
    checks.check_draft(session, document, "body")
    if doc is None:
        doc = new_document(session, entity_type, slug)
    return propose_revision(
        session,
        actor,
        entity_type,
        doc,
        doc.head,
        RevisionAction.create,
        canonical(document),
        reason,
    )


class Proposal(Protocol):
    """A Create or Update model: document fields plus the curator's reason."""

    reason: str

    def model_dump(
        self,
        *,
        mode: Any = ...,
        exclude: Any = ...,
        exclude_unset: bool = ...,
        exclude_none: bool = ...,
    ) -> dict[str, Any]: ...


def create_from(session: Session, actor: Actor, entity_type: EntityType, data: Proposal) -> Working:
    """Propose a new entity from a Create model (409 on possible duplicates unless
    acknowledged)."""
    document = data.model_dump(mode="json", exclude=NOT_DOCUMENT, exclude_none=True)
    if not getattr(data, "acknowledge_duplicates", False):
        parsed = checks.parse(entity_type, document, "body")
        duplicates.refuse(session, [("body", entity_type, parsed)])
    return create(session, actor, entity_type, document, data.reason)


def update_from(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    if_match: str | None,
    data: Proposal,
) -> Working:
    """Propose the fields an Update model sets."""
    changes = data.model_dump(mode="json", exclude_unset=True, exclude=NOT_DOCUMENT)
    return edit(
        session, actor, entity_type, slug, if_match, lambda doc: {**doc, **changes}, data.reason
    )


def edit(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    if_match: str | None,
    change: Edit,
    reason: str,
    where: str = "body",
) -> Working:
    """Apply `change` to the working copy and propose the result as a draft."""
    working, expected = _fresh(session, entity_type, slug, if_match)
    if working.snapshot is None:
        raise Conflict(f"{entity_type} '{slug}' is {working.status}; restore it before editing")
    proposed = change(copy.deepcopy(working.snapshot))
    document = checks.parse(
        entity_type, {k: v for k, v in proposed.items() if v is not None}, where
    )
    snapshot = canonical(document)
    if snapshot == working.snapshot:
        return working
    checks.check_draft(session, document, where)
    return propose_revision(
        session, actor, entity_type, working.doc, expected, RevisionAction.update, snapshot, reason
    )


def delete(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose deleting a live entity (soft: history stays, restore brings it back)."""
    working, expected = _fresh(session, entity_type, slug, if_match)
    if working.doc.published is None:
        raise Conflict(f"{entity_type} '{slug}' is not published; reject its draft instead")
    checks.check_deletable(session, entity_type, slug)
    return propose_revision(
        session, actor, entity_type, working.doc, expected, RevisionAction.delete, None, reason
    )


def restore(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose bringing a deleted entity back with its last published content."""
    working, expected = _fresh(session, entity_type, slug, if_match)
    if working.status is not EntityStatus.deleted:
        raise Conflict(f"{entity_type} '{slug}' is {working.status}, not deleted")
    t = table(Revision)
    snapshot = session.execute(
        select(t.c.snapshot)
        .where(
            t.c.document_id == working.doc.id,
            t.c.status == RevisionStatus.published,
            t.c.action != RevisionAction.delete,  # (a JSON null is not SQL NULL)
        )
        .order_by(t.c.number.desc())
        .limit(1)
    ).scalar_one()
    return propose_revision(
        session, actor, entity_type, working.doc, expected, RevisionAction.restore, snapshot, reason
    )


def revert(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    slug: str,
    number: int,
    if_match: str | None,
    reason: str,
) -> Working:
    """Propose the content of an earlier revision as a new draft; history is never rewritten."""
    working, expected = _fresh(session, entity_type, slug, if_match)
    assert working.doc.id is not None
    old = revision(session, working.doc.id, number)
    if old is None:
        raise NotFound(f"{entity_type} '{slug}' has no revision {number}")
    if old.snapshot is None:
        raise Conflict(f"revision {number} deleted {entity_type} '{slug}'; it has no content")
    where = f"revision {number}"
    document = checks.parse(entity_type, old.snapshot, where)
    checks.check_draft(session, document, where)
    return propose_revision(
        session,
        actor,
        entity_type,
        working.doc,
        expected,
        RevisionAction.revert,
        old.snapshot,
        reason,
    )


def _fresh(
    session: Session, entity_type: EntityType, slug: str, if_match: str | None
) -> tuple[Working, int]:
    """Load the working copy the client means to change, refusing a stale `If-Match`."""
    expected = expected_head(entity_type, slug, if_match)
    working = load(session, entity_type, slug)
    if working.doc.head != expected:
        raise PreconditionFailed(
            f"{working.entity_type} '{working.doc.slug}' changed since you read it: "
            f"you sent revision {expected}, the newest is {working.doc.head} "
            f"(by {working.head.author}); reload and apply your change again"
        )
    return working, expected


def _stale(entity_type: EntityType, slug: str) -> PreconditionFailed:
    return PreconditionFailed(
        f"{entity_type} '{slug}' was changed by someone else a moment ago; "
        "reload and apply your change again"
    )


def new_document(session: Session, entity_type: EntityType, slug: str) -> Document:
    t = table(Document)
    now = utcnow()
    try:
        with session.begin_nested():
            session.execute(
                insert(t).values(
                    entity_type=str(entity_type), slug=slug, head=0, created_at=now, updated_at=now
                )
            )
    except IntegrityError as exc:
        raise Conflict(f"{entity_type} '{slug}' was created at the same moment; reload") from exc
    doc = find(session, entity_type, slug)
    assert doc is not None
    return doc


def _lock_head(session: Session, entity_type: EntityType, doc: Document, expected: int) -> None:
    """Lock the document row if its head is still `expected`, without waiting: while another
    writer holds it, that writer is about to move the head, so this change would be stale.
    (Waiting would also tie up a worker thread the lock holder may need to finish.)"""
    t = table(Document)
    stale = _stale(entity_type, doc.slug)
    try:
        found = session.execute(
            select(t.c.id)
            .where(t.c.id == doc.id, t.c.head == expected)
            .with_for_update(nowait=True)
        ).first()
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise stale from exc
        raise
    if found is None:
        raise stale


def propose_revision(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    doc: Document,
    expected: int,
    action: RevisionAction,
    snapshot: dict[str, Any] | None,
    reason: str,
    changeset_id: int | None = None,
) -> Working:
    """Advance the head by compare-and-swap, supersede the old draft and append the new one
    (in the changeset of the draft it supersedes: a changeset never loses a document)."""
    now = utcnow()
    t_doc, t_rev = table(Document), table(Revision)
    _lock_head(session, entity_type, doc, expected)
    changeset_id = membership.changeset_of_draft(session, entity_type, doc, changeset_id)
    moved = session.execute(
        update(t_doc)
        .where(t_doc.c.id == doc.id, t_doc.c.head == expected)
        .values(head=expected + 1, updated_at=now, **search_fields(entity_type, doc.slug, snapshot))
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise _stale(entity_type, doc.slug)
    session.execute(
        update(t_rev)
        .where(t_rev.c.document_id == doc.id, t_rev.c.status == RevisionStatus.draft)
        .values(status=RevisionStatus.superseded)
    )
    session.execute(
        insert(t_rev).values(
            document_id=doc.id,
            number=expected + 1,
            base=doc.published,
            action=action,
            status=RevisionStatus.draft,
            snapshot=snapshot,
            content_hash=content_hash(snapshot) if snapshot is not None else None,
            reason=reason,
            author=actor.name,
            created_at=now,
            changeset_id=changeset_id,
        )
    )
    audit.record(
        session,
        actor,
        f"{entity_type}.{action}",
        f"{entity_type}:{doc.slug}",
        detail={"revision": expected + 1, "reason": reason, "changeset": changeset_id},
        now=now,
    )
    session.flush()
    return load(session, entity_type, doc.slug)
