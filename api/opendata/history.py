"""An entity's public history: its published revisions, each diffed against the one before."""

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.errors import NotFound
from api.opendata.models import EntityHistory, PublishedRevision
from api.profiles.projection import table
from api.revisions.history import field_changes
from api.revisions.models import Document, EntityType, Revision, RevisionStatus

PROFILE_TYPES = (EntityType.organization, EntityType.person)


def live_document(session: Session, slug: str) -> tuple[EntityType, int]:
    d = table(Document)
    rows = session.execute(
        select(d.c.entity_type, d.c.id).where(
            d.c.slug == slug,
            d.c.entity_type.in_([str(t) for t in PROFILE_TYPES]),
            d.c.published.is_not(None),
        )
    ).all()
    if not rows:
        raise NotFound(f"no published profile has the slug '{slug}'")
    # An organization wins over a person of the same slug, as on the card.
    entity_type, doc_id = min(rows, key=lambda row: PROFILE_TYPES.index(EntityType(row[0])))
    return EntityType(entity_type), int(doc_id)


def public_history(session: Session, slug: str) -> EntityHistory:
    """Return the published revisions of a live profile, newest first; raise NotFound."""
    entity_type, doc_id = live_document(session, slug)
    r = table(Revision)
    rows = session.execute(
        select(
            r.c.number,
            r.c.action,
            r.c.reason,
            r.c.author,
            r.c.reviewed_by,
            r.c.reviewed_at,
            r.c.created_at,
            r.c.snapshot,
        )
        .where(r.c.document_id == doc_id, r.c.status == str(RevisionStatus.published))
        .order_by(r.c.number)
    ).mappings()
    revisions: list[PublishedRevision] = []
    before: dict[str, Any] | None = None
    previous: int | None = None
    for row in rows:
        revisions.append(
            PublishedRevision(
                number=row["number"],
                previous=previous,
                action=row["action"],
                reason=row["reason"],
                author=row["author"],
                reviewed_by=row["reviewed_by"],
                published_at=row["reviewed_at"] or row["created_at"],
                changes=field_changes(before, row["snapshot"]),
            )
        )
        before, previous = row["snapshot"], row["number"]
    return EntityHistory(
        entity_type=entity_type,
        slug=slug,
        url=f"/v1/entities/{slug}",
        revisions=revisions[::-1],
    )
