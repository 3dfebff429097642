"""The changeset table (drafts proposed and published together) and its admin API models."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool
from pydantic import Field as PydanticField
from sqlmodel import Field, SQLModel

from api.common import utcnow
from api.revisions.models import (
    Comment,
    EntityType,
    FieldChange,
    Reason,
    RevisionAction,
    RevisionStatus,
)


class ChangesetStatus(StrEnum):
    open = "open"
    changes_requested = "changes_requested"
    published = "published"
    rejected = "rejected"


class Changeset(SQLModel, table=True):
    """Drafts of any entity families that a curator proposes, and a reviewer publishes, as one."""

    id: int | None = Field(default=None, primary_key=True)
    reason: str = Field(max_length=1000)
    author: str = Field(max_length=120)
    status: str = Field(default=ChangesetStatus.open, max_length=24, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    reviewed_by: str | None = Field(default=None, max_length=120)
    reviewed_at: datetime | None = None
    review_comment: str | None = Field(default=None, max_length=1000)


class ChangesetDocuments(BaseModel):
    """Documents in the seed-file format: any of `citations`, `organizations` and `people`."""

    model_config = ConfigDict(extra="forbid")

    citations: list[dict[str, Any]] = PydanticField(default=[], max_length=500)
    organizations: list[dict[str, Any]] = PydanticField(default=[], max_length=500)
    people: list[dict[str, Any]] = PydanticField(default=[], max_length=500)
    acknowledge_duplicates: StrictBool = PydanticField(
        default=False,
        description="set after a 409 `possible_duplicates` answer to create them anyway",
    )

    def documents(self) -> list[tuple[EntityType, dict[str, Any]]]:
        """Return the documents as (entity type, document) pairs, citations first."""
        return [
            *((EntityType.citation, d) for d in self.citations),
            *((EntityType.organization, d) for d in self.organizations),
            *((EntityType.person, d) for d in self.people),
        ]


class ChangesetCreate(ChangesetDocuments):
    """A new changeset: its reason and its first documents."""

    reason: Reason


class ChangesetReview(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: Comment | None = None


class ChangesetVerdict(BaseModel):
    """A rejection or a request for changes: the comment is required."""

    model_config = ConfigDict(extra="forbid")

    comment: Comment


class ChangesetDraft(BaseModel):
    """One draft of a changeset, with what it changes against the live version."""

    entity_type: EntityType
    slug: str
    label: str | None
    number: int
    action: RevisionAction
    status: RevisionStatus
    author: str
    created_at: datetime
    changes: list[FieldChange]


class ChangesetSummary(BaseModel):
    """A changeset in a list."""

    id: int
    reason: str
    author: str
    status: ChangesetStatus
    created_at: datetime
    updated_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_comment: str | None
    pending: int = PydanticField(description="drafts that wait for a reviewer")


class ChangesetPublic(ChangesetSummary):
    """A changeset with its drafts, in the order a publish applies them."""

    authors: list[str]
    drafts: list[ChangesetDraft]


class DuplicateCandidate(BaseModel):
    """An existing entity that a proposed document may duplicate."""

    document: str = PydanticField(description="where the proposed document is, e.g. people[0]")
    entity_type: EntityType
    slug: str
    label: str | None
    matched: str = PydanticField(description="what they share, e.g. name 'Vladimir Putin'")
