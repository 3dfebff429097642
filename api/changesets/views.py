"""Read changesets: the list, and one changeset with its drafts and field-by-field changes."""

from sqlalchemy import func, select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from api.changesets.models import (
    Changeset,
    ChangesetDraft,
    ChangesetPublic,
    ChangesetStatus,
    ChangesetSummary,
)
from api.changesets.service import dependency_order, pending
from api.profiles.projection import table
from api.revisions.history import field_changes
from api.revisions.models import Document, EntityType, Page, Revision, RevisionStatus

COLUMNS = ("document_id", "base", "number", "action", "status", "author", "created_at", "snapshot")


def _pending_counts(session: Session, ids: list[int]) -> dict[int, int]:
    r = table(Revision)
    rows = session.execute(
        select(r.c.changeset_id, func.count())
        .where(r.c.changeset_id.in_(ids), r.c.status == RevisionStatus.draft)
        .group_by(r.c.changeset_id)
    )
    return {cs: int(n) for cs, n in rows}


def summary(changeset: Changeset, pending_drafts: int) -> ChangesetSummary:
    return ChangesetSummary.model_validate({**changeset.model_dump(), "pending": pending_drafts})


def listing(
    session: Session, status: ChangesetStatus | None, page: int, per_page: int
) -> Page[ChangesetSummary]:
    """Return changesets, oldest open first when filtered by status, else newest first."""
    query = orm_select(Changeset)
    counter = select(func.count()).select_from(table(Changeset))
    if status is not None:
        query = query.where(Changeset.status == status).order_by(col(Changeset.id))
        counter = counter.where(table(Changeset).c.status == status)
    else:
        query = query.order_by(col(Changeset.id).desc())
    rows = session.exec(query.limit(per_page).offset((page - 1) * per_page)).all()
    counts = _pending_counts(session, [c.id for c in rows if c.id is not None])
    items = [summary(c, counts.get(c.id or 0, 0)) for c in rows]
    total = int(session.execute(counter).scalar_one())
    return Page[ChangesetSummary](items=items, total=total, page=page, per_page=per_page)


def describe(session: Session, changeset: Changeset) -> ChangesetPublic:
    """Return a changeset with its newest draft of each document, in publish order."""
    assert changeset.id is not None
    d, r = table(Document), table(Revision)
    rows = session.execute(
        select(d.c.entity_type, d.c.slug, d.c.label, *(r.c[c] for c in COLUMNS))
        .select_from(r)
        .join(d, d.c.id == r.c.document_id)
        .where(r.c.changeset_id == changeset.id, r.c.status != RevisionStatus.superseded)
        .order_by(r.c.id)
    ).mappings()
    order = {
        (w.entity_type, w.doc.slug): i
        for i, w in enumerate(dependency_order(pending(session, changeset.id)))
    }
    drafts: list[tuple[int, ChangesetDraft]] = []
    authors: set[str] = {changeset.author}
    for row in rows:
        base = None
        if row["base"]:
            base = session.execute(
                select(r.c.snapshot).where(
                    r.c.document_id == row["document_id"], r.c.number == row["base"]
                )
            ).scalar_one_or_none()
        entity_type = EntityType(row["entity_type"])
        authors.add(row["author"])
        drafts.append(
            (
                order.get((entity_type, row["slug"]), len(order) + len(drafts)),
                ChangesetDraft(
                    entity_type=entity_type,
                    slug=row["slug"],
                    label=row["label"],
                    number=row["number"],
                    action=row["action"],
                    status=row["status"],
                    author=row["author"],
                    created_at=row["created_at"],
                    changes=field_changes(base, row["snapshot"]),
                ),
            )
        )
    ordered = [draft for _, draft in sorted(drafts, key=lambda pair: pair[0])]
    pending_drafts = sum(1 for draft in ordered if draft.status is RevisionStatus.draft)
    return ChangesetPublic.model_validate(
        {
            **summary(changeset, pending_drafts).model_dump(),
            "authors": sorted(authors),
            "drafts": ordered,
        }
    )
