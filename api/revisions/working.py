"""An entity's working copy (the pending draft, else the live version), its ETag and the
If-Match check."""

import re
from dataclasses import dataclass
from typing import Any

from fastapi import Response
from sqlalchemy import and_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from api.common import DB_INT_MAX
from api.errors import NotFound, PreconditionFailed, PreconditionRequired
from api.revisions.models import (
    Document,
    DraftInfo,
    EntityState,
    EntityStatus,
    EntityType,
    Revision,
    RevisionAction,
    RevisionStatus,
)

ETAG_PREFIX = {EntityType.organization: "org", EntityType.person: "person", "citation": "cite"}


@dataclass(frozen=True, slots=True)
class Working:
    """An entity as curators see it: the pending draft if there is one, else the live version."""

    entity_type: EntityType
    doc: Document
    head: Revision
    snapshot: dict[str, Any] | None

    @property
    def status(self) -> EntityStatus:
        if self.head.status == RevisionStatus.draft:
            return EntityStatus.draft
        if self.doc.published is not None:
            return EntityStatus.published
        return EntityStatus.deleted if self.doc.deleted_at else EntityStatus.rejected

    @property
    def etag(self) -> str:
        return etag(self.entity_type, self.doc.slug, self.doc.head)

    def state(self) -> dict[str, Any]:
        """Return the EntityState fields, for an admin view model."""
        head = self.head
        draft = None
        if head.status == RevisionStatus.draft:
            draft = DraftInfo(
                number=head.number,
                action=RevisionAction(head.action),
                author=head.author,
                reason=head.reason,
                created_at=head.created_at,
            )
        return EntityState(
            slug=self.doc.slug,
            status=self.status,
            etag=self.etag,
            head=self.doc.head,
            published_revision=self.doc.published,
            deleted_at=self.doc.deleted_at,
            updated_at=self.doc.updated_at,
            draft=draft,
        ).model_dump()


def etag(entity_type: EntityType, slug: str, head: int) -> str:
    """Return the strong ETag of an entity's newest revision, e.g. `"org-sputnik-r7"`."""
    return f'"{ETAG_PREFIX[entity_type]}-{slug}-r{head}"'


def expected_head(entity_type: EntityType, slug: str, if_match: str | None) -> int:
    """Read the revision the client last saw from If-Match (428 without it, 412 when foreign)."""
    if not if_match or not if_match.strip():
        raise PreconditionRequired(
            "send If-Match with the ETag of your last read, so no one's change is overwritten"
        )
    pattern = re.compile(rf'(?:W/)?"{ETAG_PREFIX[entity_type]}-{re.escape(slug)}-r(\d{{1,10}})"')
    for tag in if_match.split(","):
        if (match := pattern.fullmatch(tag.strip())) and int(match.group(1)) <= DB_INT_MAX:
            return int(match.group(1))
    raise PreconditionFailed(
        f"If-Match {if_match.strip()} is not a version of {entity_type} '{slug}'"
    )


def find(session: Session, entity_type: EntityType, slug: str) -> Document | None:
    return session.exec(
        orm_select(Document)
        .where(Document.entity_type == entity_type, Document.slug == slug)
        .execution_options(populate_existing=True)
    ).first()


def revision(session: Session, doc_id: int, number: int) -> Revision | None:
    return session.exec(
        orm_select(Revision)
        .where(Revision.document_id == doc_id, Revision.number == number)
        .execution_options(populate_existing=True)
    ).first()


def load(session: Session, entity_type: EntityType, slug: str) -> Working:
    """Return the working copy of an entity (404 when it was never proposed).

    One statement reads the document with its head and live revisions, so all three come from
    the same snapshot even while other writers commit (no read skew on PostgreSQL).
    """
    head, live = aliased(Revision), aliased(Revision)
    row = session.exec(
        orm_select(Document, head, live)
        .join(head, and_(col(head.document_id) == Document.id, col(head.number) == Document.head))
        .outerjoin(
            live, and_(col(live.document_id) == Document.id, col(live.number) == Document.published)
        )
        .where(Document.entity_type == entity_type, Document.slug == slug)
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        raise NotFound(f"no {entity_type} '{slug}'")
    doc, head_rev, live_rev = row
    if head_rev.status == RevisionStatus.draft:
        snapshot = head_rev.snapshot
    else:
        snapshot = live_rev.snapshot if live_rev is not None else None
    return Working(entity_type, doc, head_rev, snapshot)


def view(working: Working, response: Response) -> dict[str, Any]:
    """Return the fields of an admin view, and set the response's ETag."""
    response.headers["ETag"] = working.etag
    return {**working.state(), "document": working.snapshot}
