"""Record revisions and move the data version that replicas watch."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, tuple_, update
from sqlmodel import Session

from api.profiles.projection import chunks, table
from api.revisions.models import (
    DataVersion,
    Document,
    RevisionAction,
    RevisionStatus,
)
from api.revisions.models import Revision as RevisionRow


@dataclass(frozen=True, slots=True)
class Change:
    """One published change to record: which entity, its new snapshot, and what kind."""

    entity_type: str
    slug: str
    snapshot: dict[str, Any] | None
    content_hash: str | None
    action: RevisionAction


def current_documents(
    session: Session, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Document]:
    """Load the document rows for (entity_type, slug) pairs, in chunks."""
    found: dict[tuple[str, str], Document] = {}
    t = table(Document)
    for part in chunks(sorted(set(keys))):
        rows = session.execute(
            select(t).where(tuple_(t.c.entity_type, t.c.slug).in_(list(part)))
        ).mappings()
        for row in rows:
            found[(row["entity_type"], row["slug"])] = Document(**row)
    return found


def record_published(
    session: Session, changes: Sequence[Change], *, author: str, reason: str, now: datetime
) -> None:
    """Append a published revision for each change and advance each document's pointers."""
    if not changes:
        return
    docs = current_documents(session, [(c.entity_type, c.slug) for c in changes])
    t_doc = table(Document)
    new_docs = [
        {
            "entity_type": c.entity_type,
            "slug": c.slug,
            "head": 0,
            "published": None,
            "content_hash": None,
            "deleted_at": None,
            "created_at": now,
            "updated_at": now,
        }
        for c in changes
        if (c.entity_type, c.slug) not in docs
    ]
    if new_docs:
        result = session.execute(
            insert(t_doc).returning(t_doc.c.id, sort_by_parameter_order=True), new_docs
        )
        for row, (doc_id,) in zip(new_docs, result, strict=True):
            docs[(row["entity_type"], row["slug"])] = Document(**{**row, "id": doc_id})

    doc_updates: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    for change in changes:
        doc = docs[(change.entity_type, change.slug)]
        number = doc.head + 1
        deleted = change.action is RevisionAction.delete
        doc_updates.append(
            {
                "id": doc.id,
                "head": number,
                "published": None if deleted else number,
                "content_hash": change.content_hash,
                "updated_at": now,
                "deleted_at": now if deleted else None,
            }
        )
        revisions.append(
            {
                "document_id": doc.id,
                "number": number,
                "base": doc.published,
                "action": str(change.action),
                "status": str(RevisionStatus.published),
                "snapshot": change.snapshot,
                "content_hash": change.content_hash,
                "reason": reason,
                "author": author,
                "created_at": now,
                "reviewed_by": author,
                "reviewed_at": now,
                "review_comment": None,
            }
        )
    session.execute(update(Document), doc_updates)
    for part in chunks(revisions, 5000):
        session.execute(insert(table(RevisionRow)), list(part))
    bump_data_version(session, now)


def bump_data_version(session: Session, now: datetime) -> None:
    """Advance the published data version so every replica rebuilds its matcher."""
    t = table(DataVersion)
    session.execute(update(t).where(t.c.id == 1).values(version=t.c.version + 1, updated_at=now))


def data_version(session: Session) -> int:
    """Return the current published data version."""
    t = table(DataVersion)
    return int(session.execute(select(t.c.version).where(t.c.id == 1)).scalar_one())
