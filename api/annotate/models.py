"""Request and response shapes of `POST /v1/annotate`."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.cards.models import NotePublic, ReviewRef
from api.common import PAGE_URL_PATTERN
from api.outlets.models import MatchPublic
from api.replies.models import DisputePublic

Lang = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Keys = list[int]  # ids of `citations`


class AnnotateRequest(BaseModel):
    """An article as the extension extracted it: its URL and its text blocks in order."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        max_length=4000,
        description="the page URL (http or https)",
        json_schema_extra={"pattern": PAGE_URL_PATTERN},
    )
    lang: Lang | None = Field(default=None, description="reader-note language, e.g. `tr`")
    blocks: list[str] = Field(description="article text blocks (paragraphs, headings)")


class MentionPublic(BaseModel):
    """A profiled name found in a block; offsets count UTF-16 code units."""

    block: int
    start: int
    end: int
    text: str
    entities: list[str] = Field(description="keys of `entities`")
    kind: Literal["person", "organization", "cited_outlet"]
    match: Literal["name", "alias", "surname"]
    rule: Literal["name", "alias", "surname", "cited_outlet"] = Field(
        description="why the name counts: the profile's name, one of its aliases, a surname "
        "after the person's full name earlier in the article, or an outlet cited in the text"
    )
    ambiguous: bool


class CategoryRef(BaseModel):
    value: str
    label: str
    as_of: date | None = None
    citations: Keys = Field(default=[], description="ids of sources in `citations`")


class DesignationRef(BaseModel):
    """A designation from another scheme (see `DesignationPublic`), its citations by key."""

    scheme: str
    scheme_name: str
    authority: str
    value: str
    label: str
    attributed_to: str | None = None
    as_of: date
    citations: Keys = []


class AffiliationRef(BaseModel):
    """One outgoing relation; `organization` is a key of `organizations`."""

    type: str
    label: str
    role: str | None = None
    organization: str
    start: str | None = None
    end: str | None = None
    current: bool
    citations: Keys = []


class HopRef(BaseModel):
    """One step of a chain, from the card (first hop) or the previous hop's `to`."""

    type: str
    label: str
    role: str | None = None
    to: str = Field(description="a key of `organizations`")
    citations: Keys = []


class StateTieRef(BaseModel):
    """A chain to the state: the card's own affiliation `via` (an index into its
    `affiliations`), then `hops`, ending at `reaches`."""

    reaches: str = Field(description="a key of `organizations`: the government or outlet")
    why: Literal["government", "state_controlled_outlet"]
    via: int = Field(description="the index of the card's affiliation the chain starts with")
    hops: list[HopRef] = Field(default=[], description="the steps after the first")


class CardRef(BaseModel):
    """A card as annotate lists it: the fields of a whole card but `url`, with citations,
    organizations and chain ends by key, null and empty fields left out (see
    `GET /v1/entities/{slug}` for the card written out)."""

    slug: str
    type: Literal["organization", "person"]
    kind: str
    name: str
    aliases: list[str] = []
    country: str | None = None
    description: str | None = None
    website: str | None = None
    note: NotePublic | None = None
    category: CategoryRef | None = None
    designations: list[DesignationRef] = []
    citations: Keys = []
    affiliations: list[AffiliationRef] = []
    state_ties: list[StateTieRef] = []
    sources: int
    reviewed_at: datetime | None = Field(
        default=None, description="when a reviewer published it; left out when seeded"
    )
    review: ReviewRef | None = Field(
        default=None,
        description="as on the whole card, without `history`: it is the card's "
        "`/v1/entities/{slug}/history`",
    )
    dispute: DisputePublic | None = None


class OrganizationName(BaseModel):
    name: str
    kind: str
    country: str | None


class SourcePublic(BaseModel):
    """A cited source (its quote and curator note are on the entity's card)."""

    url: str
    title: str
    publisher: str
    published: str | None = None
    accessed: date
    archive_url: str | None = None


class AnnotateResponse(BaseModel):
    """Who published the page, who is named in it, and their cards: each card, organization
    and citation once, referenced by key; null fields of cards and sources are left out."""

    url: str
    offset_unit: Literal["utf16"] = "utf16"
    data_version: int
    outlet: str | None = Field(description="the page's outlet: a key of `entities`")
    outlet_match: MatchPublic | None = Field(
        default=None, description="the domain-index entry the page fell under, and the rule"
    )
    mentions: list[MentionPublic]
    entities: dict[str, CardRef]
    organizations: dict[str, OrganizationName]
    citations: dict[str, SourcePublic] = Field(description="cited sources by id")
