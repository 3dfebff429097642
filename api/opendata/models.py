"""Public history and dump models: published facts only, never drafts or review comments."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from pydantic import Field as PydanticField

from api.revisions.models import EntityType, FieldChange, RevisionAction

DumpFormat = Literal["ndjson", "seed"]


class PublishedRevision(BaseModel):
    """One published revision of a profile: when, why, who reviewed it, and what changed."""

    number: int
    previous: int | None = PydanticField(description="the published revision it replaced")
    action: RevisionAction
    reason: str
    author: str = PydanticField(description="the account name that proposed it")
    reviewed_by: str | None = PydanticField(description="the account name that published it")
    published_at: datetime
    changes: list[FieldChange]


class EntityHistory(BaseModel):
    """The published revisions of an organization or person, newest first."""

    entity_type: Literal[EntityType.organization, EntityType.person]
    slug: str
    url: str = PydanticField(description="the profile card")
    revisions: list[PublishedRevision]
