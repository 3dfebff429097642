"""Record revisions and move the data version that replicas watch."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from api.db import insert_returning_ids, insert_rows
from api.profiles.projection import SCAN, chunks, table
from api.profiles.search import SEARCH_COLUMNS, search_values
from api.revisions.models import (
    DataVersion,
    Document,
    RevisionAction,
    RevisionStatus,
)
from api.revisions.models import Revision as RevisionRow


@dataclass(frozen=True, slots=True)
class DocumentState:
    """The pointers of one document row, read cheaply in bulk."""

    id: int
    entity_type: str
    slug: str
    head: int
    published: int | None
    content_hash: str | None
    deleted_at: datetime | None


STATE_COLUMNS = ("id", "entity_type", "slug", "head", "published", "content_hash", "deleted_at")
# What a bulk write names, in this order: a new document row, a revision row.
DOCUMENT_COLUMNS = (
    "entity_type",
    "slug",
    "head",
    "published",
    "content_hash",
    "deleted_at",
    "created_at",
    "updated_at",
    *SEARCH_COLUMNS,
)
REVISION_COLUMNS = (
    *("document_id", "number", "base", "action", "status", "snapshot", "content_hash"),
    *("reason", "author", "created_at", "reviewed_by", "reviewed_at", "review_comment"),
)


@dataclass(slots=True)  # not frozen, for a fast __init__ (one per seed record): never changed
class Change:
    """One published change to record: which entity, its new snapshot, and what kind."""

    entity_type: str
    slug: str
    snapshot: dict[str, Any] | None
    content_hash: str | None
    action: RevisionAction


def current_documents(
    session: Session, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], DocumentState]:
    """Load the document rows for (entity_type, slug) pairs, in index-friendly chunks."""
    found: dict[tuple[str, str], DocumentState] = {}
    t = table(Document)
    by_type: dict[str, set[str]] = {}
    for entity_type, slug in keys:
        by_type.setdefault(entity_type, set()).add(slug)
    for entity_type, slugs in by_type.items():
        if len(slugs) > SCAN:
            rows = session.execute(
                select(*(t.c[name] for name in STATE_COLUMNS)).where(t.c.entity_type == entity_type)
            )
            for row in rows:
                if row.slug in slugs:
                    found[(entity_type, row.slug)] = DocumentState(*row)
            continue
        for part in chunks(sorted(slugs)):
            rows = session.execute(
                select(*(t.c[name] for name in STATE_COLUMNS)).where(
                    t.c.entity_type == entity_type, t.c.slug.in_(list(part))
                )
            )
            for row in rows:
                state = DocumentState(*row)
                found[(state.entity_type, state.slug)] = state
    return found


def record_published(
    session: Session, changes: Sequence[Change], *, author: str, reason: str, now: datetime
) -> None:
    """Append a published revision for each change and advance each document's pointers."""
    if not changes:
        return
    # A change planned as a create names a document that did not exist in this transaction; if
    # one appeared since, inserting it breaks the unique key and the whole transaction fails.
    docs = current_documents(
        session,
        [(c.entity_type, c.slug) for c in changes if c.action is not RevisionAction.create],
    )
    published = str(RevisionStatus.published)
    # A new document is inserted as it ends up (its first revision published), not updated.
    new_docs = [c for c in changes if (c.entity_type, c.slug) not in docs]
    blank = (None,) * len(SEARCH_COLUMNS)
    new_ids = insert_returning_ids(
        session,
        table(Document),
        DOCUMENT_COLUMNS,
        [
            (
                c.entity_type,
                c.slug,
                1,
                None if c.action is RevisionAction.delete else 1,
                c.content_hash,
                now if c.action is RevisionAction.delete else None,
                now,
                now,
                *(search_values(c.entity_type, c.slug, c.snapshot) or blank),
            )
            for c in new_docs
        ],
    )
    created = {(c.entity_type, c.slug): doc_id for c, doc_id in zip(new_docs, new_ids, strict=True)}

    doc_updates: list[dict[str, Any]] = []
    revisions: list[tuple[Any, ...]] = []
    review = (reason, author, now, author, now, None)  # every revision's last columns
    for change in changes:
        key = (change.entity_type, change.slug)
        action = str(change.action)
        snapshot, digest = change.snapshot, change.content_hash
        doc_id = created.get(key)
        if doc_id is not None:  # its first revision, the one its row already points at
            revisions.append((doc_id, 1, None, action, published, snapshot, digest, *review))
            continue
        doc = docs[key]
        number = doc.head + 1
        deleted = change.action is RevisionAction.delete
        # A deletion keeps the searchable facts (rows with fewer keys are batched apart).
        facts = search_values(change.entity_type, change.slug, change.snapshot)
        doc_updates.append(
            {
                "id": doc.id,
                "head": number,
                "published": None if deleted else number,
                "content_hash": change.content_hash,
                "updated_at": now,
                "deleted_at": now if deleted else None,
                **(dict(zip(SEARCH_COLUMNS, facts, strict=True)) if facts else {}),
            }
        )
        revisions.append(
            (doc.id, number, doc.published, action, published, snapshot, digest, *review)
        )
    supersede_drafts(session, [u["id"] for u in doc_updates])
    if doc_updates:
        session.execute(update(Document), doc_updates)
    insert_rows(session, table(RevisionRow), REVISION_COLUMNS, revisions)
    bump_data_version(session, now)


def supersede_drafts(session: Session, document_ids: Sequence[int]) -> None:
    """Mark the pending drafts of documents as superseded by a newer revision."""
    t = table(RevisionRow)
    for part in chunks(list(document_ids)):
        session.execute(
            update(t)
            .where(t.c.document_id.in_(part), t.c.status == str(RevisionStatus.draft))
            .values(status=str(RevisionStatus.superseded))
        )


def bump_data_version(session: Session, now: datetime) -> None:
    """Advance the published data version so every replica rebuilds its matcher."""
    t = table(DataVersion)
    session.execute(update(t).where(t.c.id == 1).values(version=t.c.version + 1, updated_at=now))


def data_version(session: Session) -> int:
    """Return the current published data version."""
    t = table(DataVersion)
    return int(session.execute(select(t.c.version).where(t.c.id == 1)).scalar_one())
