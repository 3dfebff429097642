"""Document, revision and data-version tables."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.common import utcnow


class EntityType(StrEnum):
    organization = "organization"
    person = "person"
    citation = "citation"


class RevisionStatus(StrEnum):
    draft = "draft"
    published = "published"
    rejected = "rejected"
    superseded = "superseded"


class RevisionAction(StrEnum):
    create = "create"
    update = "update"
    delete = "delete"
    restore = "restore"
    revert = "revert"


class Document(SQLModel, table=True):
    """One profile (or citation) across its history: which revision is newest and which is live."""

    __table_args__ = (UniqueConstraint("entity_type", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_type: str = Field(max_length=16)
    slug: str = Field(max_length=160)
    head: int = 0
    published: int | None = None
    content_hash: str | None = Field(default=None, max_length=64)
    deleted_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Revision(SQLModel, table=True):
    """An append-only record of one change: who, when, why, and the full snapshot."""

    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("document.id", ondelete="RESTRICT"), nullable=False, index=True
        )
    )
    number: int
    base: int | None = None
    action: str = Field(max_length=16)
    status: str = Field(max_length=16, index=True)
    snapshot: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    content_hash: str | None = Field(default=None, max_length=64)
    reason: str = Field(max_length=1000)
    author: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    reviewed_by: str | None = Field(default=None, max_length=120)
    reviewed_at: datetime | None = None
    review_comment: str | None = Field(default=None, max_length=1000)


class DataVersion(SQLModel, table=True):
    """A single row whose number goes up with every publish; replicas poll it."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime = Field(default_factory=utcnow)
