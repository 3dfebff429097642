"""Which changeset a new draft joins: the one asked for, else that of the draft it supersedes."""

from sqlalchemy import select, update
from sqlmodel import Session

from api.changesets.models import Changeset, ChangesetStatus
from api.common import utcnow
from api.errors import Conflict
from api.profiles.projection import table
from api.revisions.models import Document, EntityType, Revision, RevisionStatus


def changeset_of_draft(
    session: Session, entity_type: EntityType, doc: Document, wanted: int | None
) -> int | None:
    """Return the changeset a new draft of `doc` belongs to, and reopen it if it was sent back."""
    t_rev, t_cs = table(Revision), table(Changeset)
    pending = session.execute(
        select(t_rev.c.changeset_id).where(
            t_rev.c.document_id == doc.id, t_rev.c.status == RevisionStatus.draft
        )
    ).scalar_one_or_none()
    if pending is not None and wanted is not None and pending != wanted:
        raise Conflict(
            f"{entity_type} '{doc.slug}' already has a draft in changeset {pending}; "
            "change it there, or wait until that changeset is reviewed"
        )
    chosen = wanted if wanted is not None else pending
    if chosen is not None:
        session.execute(
            update(t_cs)
            .where(t_cs.c.id == chosen)
            .values(status=ChangesetStatus.open, updated_at=utcnow())
        )
    return chosen


def authors(session: Session, changeset_id: int) -> set[str]:
    """Everyone who wrote a draft in a changeset, or opened it."""
    t_rev, t_cs = table(Revision), table(Changeset)
    names = set(
        session.execute(
            select(t_rev.c.author).where(t_rev.c.changeset_id == changeset_id).distinct()
        ).scalars()
    )
    opener = session.execute(
        select(t_cs.c.author).where(t_cs.c.id == changeset_id)
    ).scalar_one_or_none()
    return names | ({opener} if opener else set())


def settle(session: Session, changeset_id: int) -> None:
    """Close a changeset whose drafts were all reviewed one by one: published if any was."""
    t_rev, t_cs = table(Revision), table(Changeset)
    statuses = set(
        session.execute(
            select(t_rev.c.status).where(t_rev.c.changeset_id == changeset_id).distinct()
        ).scalars()
    )
    if RevisionStatus.draft in statuses:
        return
    closed = (
        ChangesetStatus.published
        if RevisionStatus.published in statuses
        else ChangesetStatus.rejected
    )
    session.execute(
        update(t_cs).where(t_cs.c.id == changeset_id).values(status=closed, updated_at=utcnow())
    )
