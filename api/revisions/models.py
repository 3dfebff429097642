"""Document, revision and data-version tables, and the admin API's workflow models."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, StrictBool, StringConstraints
from pydantic import Field as PydanticField
from sqlalchemy import JSON, Column, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.common import utcnow
from api.db import partial_index


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
    # Searchable facts of the newest revision (draft or published), so curators can find drafts.
    label: str | None = Field(default=None, max_length=300)
    search_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    kind: str | None = Field(default=None, max_length=32, index=True)
    country: str | None = Field(default=None, max_length=2, index=True)
    category: str | None = Field(default=None, max_length=48, index=True)


class Revision(SQLModel, table=True):
    """An append-only record of one change: who, when, why, and the full snapshot."""

    __table_args__ = (
        # Also what finds a document's revisions (document_id leads it): no index of its own.
        UniqueConstraint("document_id", "number"),
        # Queries look revisions up by status only for drafts (the review queue, a changeset's
        # pending drafts); published ones, nearly all rows, are found by document.
        partial_index("revision", "status", f"status = '{RevisionStatus.draft}'"),
        partial_index("revision", "changeset_id"),  # NULL but for drafts made in a changeset
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(
        sa_column=Column(Integer, ForeignKey("document.id", ondelete="RESTRICT"), nullable=False)
    )
    number: int
    base: int | None = None
    action: str = Field(max_length=16)
    status: str = Field(max_length=16)
    snapshot: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    content_hash: str | None = Field(default=None, max_length=64)
    reason: str = Field(max_length=1000)
    author: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    reviewed_by: str | None = Field(default=None, max_length=120)
    reviewed_at: datetime | None = None
    review_comment: str | None = Field(default=None, max_length=1000)
    changeset_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("changeset.id", ondelete="RESTRICT"), nullable=True),
    )


class DataVersion(SQLModel, table=True):
    """A single row whose number goes up with every publish; replicas poll it."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime = Field(default_factory=utcnow)


class EntityStatus(StrEnum):
    """Where a profile stands: a pending draft, live, deleted, or rejected before ever going
    live."""

    draft = "draft"
    published = "published"
    deleted = "deleted"
    rejected = "rejected"


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int


class DraftInfo(BaseModel):
    """The pending draft that waits for a reviewer."""

    number: int
    action: RevisionAction
    author: str
    reason: str
    created_at: datetime


class EntityState(BaseModel):
    """Workflow facts shared by every admin view of an entity."""

    slug: str
    status: EntityStatus
    etag: str = PydanticField(description="send it back as If-Match to update or delete")
    head: int
    published_revision: int | None
    deleted_at: datetime | None
    updated_at: datetime
    draft: DraftInfo | None


class EntitySummary(BaseModel):
    """One search result."""

    slug: str
    name: str | None
    kind: str | None
    country: str | None
    category: str | None
    status: EntityStatus
    head: int
    published_revision: int | None
    updated_at: datetime


class RevisionPublic(BaseModel):
    """One revision of an entity's history, without its snapshot."""

    entity_type: EntityType
    slug: str
    number: int
    base: int | None
    action: RevisionAction
    status: RevisionStatus
    reason: str
    author: str
    created_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_comment: str | None
    changeset_id: int | None = None


class RevisionDetail(RevisionPublic):
    snapshot: dict[str, Any] | None


class FieldChange(BaseModel):
    path: str
    change: str = PydanticField(description="added, removed or changed")
    old: Any = None
    new: Any = None


class RevisionDiff(BaseModel):
    """What changed between two revisions: per field, and as a unified text diff."""

    entity_type: EntityType
    slug: str
    old: int | None
    new: int
    changes: list[FieldChange]
    text: str


class ReviewItem(RevisionPublic):
    """A pending draft in the review queue, with the fields it changes against the live
    version."""

    changed: list[str]


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=1000)]
AcknowledgeDuplicates = Annotated[
    StrictBool,
    PydanticField(description="set after a 409 `possible_duplicates` answer to create it anyway"),
]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class PublishRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: Comment | None = None


class RejectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: Comment


class RevertRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class RestoreRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class EntityPublic(EntityState):
    """An entity of any family with its working document (the revision endpoints' answer)."""

    entity_type: EntityType
    document: dict[str, Any] | None
