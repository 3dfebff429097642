"""Changesets: propose several documents as one, then publish, reject or send them back as one,
in dependency order and in one transaction, under four eyes."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from api.audit import service as audit
from api.auth.models import Actor
from api.changesets import duplicates, membership
from api.changesets.models import Changeset, ChangesetStatus
from api.common import utcnow
from api.errors import Conflict, Forbidden, InvalidInput, NotFound
from api.profiles.documents import AnyDocument, canonical, document_id
from api.profiles.projection import table
from api.revisions import checks, drafts, review
from api.revisions.models import (
    Document,
    EntityStatus,
    EntityType,
    Revision,
    RevisionAction,
    RevisionStatus,
)
from api.revisions.working import Working, find, load
from api.seeding.validation import Located, check

SECTIONS = {
    EntityType.citation: "citations",
    EntityType.organization: "organizations",
    EntityType.person: "people",
}
OPEN = (ChangesetStatus.open, ChangesetStatus.changes_requested)


def propose(
    session: Session,
    actor: Actor,
    reason: str,
    documents: Sequence[tuple[EntityType, dict[str, Any]]],
    *,
    acknowledge_duplicates: bool = False,
) -> Changeset:
    """Open a changeset with a draft per seed-format document: a create when its slug or key is
    new, a full update when it exists. Possible duplicates raise 409 unless acknowledged."""
    parsed = _checked(session, documents, acknowledge_duplicates)
    now = utcnow()
    changeset = Changeset(reason=reason, author=actor.name, created_at=now, updated_at=now)
    session.add(changeset)
    session.flush()
    assert changeset.id is not None
    _draft_all(session, actor, reason, changeset.id, parsed)
    audit.record(
        session,
        actor,
        "changeset.create",
        f"changeset:{changeset.id}",
        detail={"reason": reason, "documents": len(parsed)},
    )
    session.flush()
    return changeset


def add(
    session: Session,
    actor: Actor,
    changeset_id: int,
    documents: Sequence[tuple[EntityType, dict[str, Any]]],
    *,
    acknowledge_duplicates: bool = False,
) -> Changeset:
    """Add drafts to an open changeset (or one sent back for changes, which reopens it)."""
    changeset = get(session, changeset_id)
    if changeset.status not in OPEN:
        raise Conflict(f"changeset {changeset_id} is {changeset.status}; open a new one")
    parsed = _checked(session, documents, acknowledge_duplicates)
    _draft_all(session, actor, changeset.reason, changeset_id, parsed)
    audit.record(
        session,
        actor,
        "changeset.add",
        f"changeset:{changeset_id}",
        detail={"documents": len(parsed)},
    )
    session.flush()
    session.refresh(changeset)
    return changeset


def _checked(
    session: Session,
    documents: Sequence[tuple[EntityType, dict[str, Any]]],
    acknowledge_duplicates: bool,
) -> list[tuple[str, EntityType, AnyDocument]]:
    """Parse and check the documents as one set; 422 names every bad field, nothing is written."""
    if not documents:
        raise InvalidInput(
            "a changeset needs at least one document (citations, organizations or people)"
        )
    problems: list[str] = []
    parsed: list[tuple[str, EntityType, AnyDocument]] = []
    counts: dict[EntityType, int] = {}
    for entity_type, data in documents:
        index = counts.get(entity_type, 0)
        counts[entity_type] = index + 1
        where = f"{SECTIONS[entity_type]}[{index}]"
        if not isinstance(data, dict):
            problems.append(f"{where}: must be an object")
            continue
        try:
            parsed.append((where, entity_type, checks.parse(entity_type, data, where)))
        except InvalidInput as exc:
            problems += [f"{f['loc']}: {f['message']}" for f in exc.fields]
    located = [Located(document, where) for where, _, document in parsed]
    problems += check(located, checks.draft_known(session))
    if problems:
        raise checks.problems_error(problems)
    if not acknowledge_duplicates:
        duplicates.refuse(session, parsed)
    return parsed


def _draft_all(
    session: Session,
    actor: Actor,
    reason: str,
    changeset_id: int,
    parsed: list[tuple[str, EntityType, AnyDocument]],
) -> None:
    written = [
        propose_document(session, actor, entity_type, document, reason, changeset_id)
        for _, entity_type, document in parsed
    ]
    if not any(written) and not pending(session, changeset_id):
        raise InvalidInput("nothing to change: every document equals its current version")


def propose_document(
    session: Session,
    actor: Actor,
    entity_type: EntityType,
    document: AnyDocument,
    reason: str,
    changeset_id: int,
) -> Working | None:
    """Propose an already checked document into a changeset: a create when its id is new, else
    a full update (None when it would change nothing)."""
    slug = document_id(document)
    snapshot = canonical(document)
    doc = find(session, entity_type, slug)
    if doc is None or doc.head == 0:
        doc = doc or drafts.new_document(session, entity_type, slug)
        action = RevisionAction.create
    else:
        current = load(session, entity_type, slug)
        if current.status is EntityStatus.deleted:
            raise Conflict(f"{entity_type} '{slug}' is deleted; restore it before changing it")
        if current.snapshot == snapshot:
            return None
        rejected = current.status is EntityStatus.rejected
        action = RevisionAction.create if rejected else RevisionAction.update
    return drafts.propose_revision(
        session, actor, entity_type, doc, doc.head, action, snapshot, reason, changeset_id
    )


def get(session: Session, changeset_id: int) -> Changeset:
    changeset = session.get(Changeset, changeset_id, populate_existing=True)
    if changeset is None:
        raise NotFound(f"no changeset {changeset_id}")
    return changeset


def pending(session: Session, changeset_id: int) -> list[Working]:
    """Return the working copies of a changeset's pending drafts."""
    d, r = table(Document), table(Revision)
    rows = session.execute(
        select(d.c.entity_type, d.c.slug)
        .select_from(r)
        .join(d, d.c.id == r.c.document_id)
        .where(r.c.changeset_id == changeset_id, r.c.status == RevisionStatus.draft)
        .order_by(r.c.id)
    ).all()
    return [load(session, EntityType(entity_type), slug) for entity_type, slug in rows]


def dependency_order(items: list[Working]) -> list[Working]:
    """Order drafts so everything a draft refers to goes live before it: citations, then
    organizations (related ones first), then people; deletions last, in reverse."""
    rank = {EntityType.citation: 0, EntityType.organization: 1, EntityType.person: 2}
    live = sorted((w for w in items if w.snapshot is not None), key=lambda w: rank[w.entity_type])
    orgs = {w.doc.slug: w for w in live if w.entity_type is EntityType.organization}
    ordered: list[Working] = []
    placed: set[str] = set()

    def place(working: Working, path: frozenset[str]) -> None:
        slug = working.doc.slug
        if slug in placed or slug in path:
            return
        document = working.snapshot or {}
        for relation in document.get("relations", []):
            if relation["object"] in orgs:
                place(orgs[relation["object"]], path | {slug})
        placed.add(slug)
        ordered.append(working)

    for working in live:
        if working.entity_type is EntityType.organization:
            place(working, frozenset())
        else:
            ordered.append(working)
    deletions = sorted((w for w in items if w.snapshot is None), key=lambda w: -rank[w.entity_type])
    return ordered + deletions


def publish(session: Session, actor: Actor, changeset_id: int, comment: str | None) -> Changeset:
    """Publish every draft of a changeset, all or nothing, by a reviewer who wrote none of it."""
    changeset = _reviewable(session, changeset_id)
    if changeset.status == ChangesetStatus.changes_requested:
        raise Conflict(
            f"changeset {changeset_id} was sent back for changes; it waits for its curator"
        )
    if actor.name in membership.authors(session, changeset_id):
        raise Forbidden(
            f"you wrote drafts in changeset {changeset_id}; another reviewer must publish it"
        )
    items = pending(session, changeset_id)
    for working in items:
        review.forbid_own_work(session, actor, working)
    for working in dependency_order(items):
        review.make_live(session, actor, working, comment)
    return _close(session, actor, changeset, ChangesetStatus.published, comment, len(items))


def reject(session: Session, actor: Actor, changeset_id: int, comment: str) -> Changeset:
    """Reject every draft of a changeset with one comment; the live versions stay."""
    changeset = _reviewable(session, changeset_id)
    items = pending(session, changeset_id)
    for working in items:
        review.close_rejected(session, actor, working, comment)
    return _close(session, actor, changeset, ChangesetStatus.rejected, comment, len(items))


def send_back(session: Session, actor: Actor, changeset_id: int, comment: str) -> Changeset:
    """Ask the curator for changes: the drafts stay pending; a new draft reopens it."""
    changeset = _reviewable(session, changeset_id)
    return _close(
        session, actor, changeset, ChangesetStatus.changes_requested, comment, 0, "send_back"
    )


def _reviewable(session: Session, changeset_id: int) -> Changeset:
    changeset = get(session, changeset_id)
    if changeset.status not in OPEN:
        raise Conflict(f"changeset {changeset_id} is already {changeset.status}")
    if not pending(session, changeset_id):
        raise Conflict(f"changeset {changeset_id} has no pending drafts")
    return changeset


def _close(
    session: Session,
    actor: Actor,
    changeset: Changeset,
    status: ChangesetStatus,
    comment: str | None,
    drafts_closed: int,
    action: str | None = None,
) -> Changeset:
    now = utcnow()
    t = table(Changeset)
    moved = session.execute(
        update(t)
        .where(t.c.id == changeset.id, t.c.status.in_([str(s) for s in OPEN]))
        .values(
            status=status,
            reviewed_by=actor.name,
            reviewed_at=now,
            review_comment=comment,
            updated_at=now,
        )
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(f"changeset {changeset.id} changed while you reviewed it; reload")
    audit.record(
        session,
        actor,
        f"changeset.{action or status}",
        f"changeset:{changeset.id}",
        detail={"comment": comment, "drafts": drafts_closed},
        now=now,
    )
    session.flush()
    assert changeset.id is not None
    return get(session, changeset.id)
