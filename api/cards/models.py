"""Public shapes of a card and its parts (what readers and the extension receive)."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.citations.models import CitationPublic
from api.designations.models import DesignationPublic
from api.organizations.models import OrganizationRef
from api.replies.models import DisputePublic


class CategoryPublic(BaseModel):
    """An outlet's State Media Monitor category, as a cited claim."""

    value: str
    label: str
    as_of: date | None
    citations: list[CitationPublic]


class NotePublic(BaseModel):
    lang: str
    text: str


class AffiliationPublic(BaseModel):
    """One outgoing relation of the entity."""

    type: str
    label: str
    role: str | None
    organization: OrganizationRef
    start: str | None
    end: str | None
    current: bool
    citations: list[CitationPublic]


class HopPublic(BaseModel):
    """One cited step of a state-tie chain."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: str = Field(alias="from")
    from_name: str
    type: str
    label: str
    role: str | None
    to: str
    to_name: str
    citations: list[CitationPublic]


class StateTieEnd(BaseModel):
    slug: str
    name: str
    kind: str
    country: str | None
    why: Literal["government", "state_controlled_outlet"]


class StateTiePublic(BaseModel):
    """The chain of relations from an entity to a government or state-controlled body."""

    summary: str
    reaches: StateTieEnd
    hops: list[HopPublic]


class DomainPublic(BaseModel):
    host: str
    path_prefix: str | None
    citations: list[CitationPublic]


class ReviewRef(BaseModel):
    """The published revision a card shows, who reviewed it and when.

    `reviewed`: a reviewer other than its author published it (the account name is the one the
    public history shows; accounts hold no e-mail addresses). `seeded`: it was loaded from a
    seed or import file, which publishes without a reviewer: `reviewed_by` is null and
    `published_at` is the time it was loaded."""

    revision: int
    status: Literal["reviewed", "seeded"]
    reviewed_by: str | None = None
    published_at: datetime


class ReviewPublic(ReviewRef):
    """A card's review facts with the path of the profile's public history."""

    history: str = Field(description="the path of the profile's public history")


class CardPublic(BaseModel):
    """Everything a reader sees about one organization or person."""

    slug: str
    type: Literal["organization", "person"]
    kind: str
    name: str
    aliases: list[str]
    country: str | None
    description: str | None
    website: str | None = None
    url: str
    note: NotePublic | None
    category: CategoryPublic | None
    designations: list[DesignationPublic] = []
    citations: list[CitationPublic]
    affiliations: list[AffiliationPublic]
    state_ties: list[StateTiePublic]
    domains: list[DomainPublic] = []
    sources: int
    reviewed_at: datetime | None = Field(
        description="when a reviewer published the live revision; null when it was seeded"
    )
    review: ReviewPublic | None = None
    dispute: DisputePublic | None = Field(
        default=None, description="the subject's reply, once moderation let one through"
    )
