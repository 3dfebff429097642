"""Read history: an entity's revisions, one revision, a readable diff, and the review queue."""

import difflib
import json
from typing import Any

from sqlalchemy import Select, func, select
from sqlmodel import Session

from api.errors import NotFound
from api.profiles.projection import table
from api.revisions.models import (
    Document,
    EntityType,
    FieldChange,
    ReviewItem,
    Revision,
    RevisionDetail,
    RevisionDiff,
    RevisionPublic,
    RevisionStatus,
)
from api.revisions.working import find

_COLUMNS = (
    "number",
    "base",
    "action",
    "status",
    "reason",
    "author",
    "created_at",
    "reviewed_by",
    "reviewed_at",
    "review_comment",
    "changeset_id",
)


def _revisions(*where: Any) -> Select[Any]:
    d, r = table(Document), table(Revision)
    return (
        select(d.c.entity_type, d.c.slug, *(r.c[c] for c in _COLUMNS), r.c.snapshot, d.c.id)
        .select_from(r)
        .join(d, d.c.id == r.c.document_id)
        .where(*where)
    )


def _document_id(session: Session, entity_type: EntityType, slug: str) -> int:
    doc = find(session, entity_type, slug)
    if doc is None or doc.id is None or doc.head == 0:
        raise NotFound(f"no {entity_type} '{slug}'")
    return doc.id


def history(session: Session, entity_type: EntityType, slug: str) -> list[RevisionPublic]:
    """Return every revision of an entity, newest first."""
    doc_id = _document_id(session, entity_type, slug)
    r = table(Revision)
    rows = session.execute(_revisions(r.c.document_id == doc_id).order_by(r.c.number.desc()))
    return [RevisionPublic.model_validate(dict(row)) for row in rows.mappings()]


def detail(session: Session, entity_type: EntityType, slug: str, number: int) -> RevisionDetail:
    """Return one revision with its full snapshot."""
    doc_id = _document_id(session, entity_type, slug)
    r = table(Revision)
    row = session.execute(_revisions(r.c.document_id == doc_id, r.c.number == number)).first()
    if row is None:
        raise NotFound(f"{entity_type} '{slug}' has no revision {number}")
    return RevisionDetail.model_validate(dict(row._mapping))


def diff(
    session: Session, entity_type: EntityType, slug: str, new: int, old: int | None
) -> RevisionDiff:
    """Compare two revisions (by default a revision and the live version it was based on)."""
    after = detail(session, entity_type, slug, new)
    old = after.base if old is None else old
    before = detail(session, entity_type, slug, old).snapshot if old else None
    return RevisionDiff(
        entity_type=entity_type,
        slug=slug,
        old=old,
        new=new,
        changes=field_changes(before, after.snapshot),
        text=text_diff(before, after.snapshot, f"r{old}" if old else "(nothing)", f"r{new}"),
    )


def field_changes(old: Any, new: Any, path: str = "") -> list[FieldChange]:
    """List what differs between two snapshots, field by field, list item by list item."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            changes += field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return changes
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            c
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for c in field_changes(a, b, f"{path}[{i}]")
        ]
    kind = "added" if old is None else "removed" if new is None else "changed"
    return [FieldChange(path=path or "(entity)", change=kind, old=old, new=new)]


def changed_fields(old: Any, new: Any) -> list[str]:
    """Name the top-level fields that differ between two snapshots."""
    return sorted({c.path.split(".")[0].split("[")[0] for c in field_changes(old, new)})


def text_diff(old: Any, new: Any, old_name: str, new_name: str) -> str:
    """Return a unified diff of the two snapshots as indented JSON."""

    def lines(value: Any) -> list[str]:
        if value is None:
            return []
        return json.dumps(value, indent=2, ensure_ascii=False).splitlines(keepends=True)

    return "".join(difflib.unified_diff(lines(old), lines(new), old_name, new_name))


def queue(
    session: Session, entity_type: EntityType | None, page: int, per_page: int
) -> tuple[int, list[ReviewItem]]:
    """Return the pending drafts, oldest first, with the fields each would change."""
    d, r = table(Document), table(Revision)
    where = [r.c.status == RevisionStatus.draft]
    if entity_type is not None:
        where.append(d.c.entity_type == entity_type)
    query = _revisions(*where)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(r.c.created_at, r.c.id).limit(per_page).offset((page - 1) * per_page)
    ).mappings()
    items = []
    for row in rows:
        live = None
        if row["base"]:
            live = session.execute(
                select(r.c.snapshot).where(r.c.document_id == row["id"], r.c.number == row["base"])
            ).scalar_one_or_none()
        changed = changed_fields(live, row["snapshot"])
        items.append(ReviewItem.model_validate({**row, "changed": changed}))
    return int(total), items
