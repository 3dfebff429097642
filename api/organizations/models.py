"""Organization and outlet-domain tables, the organization document, its admin models and the
category typology."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator, model_validator
from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.common import Country, HttpUrl, Key, LongText, Qid, Slug, Text, empty, utcnow
from api.designations.models import DesignationDocument
from api.relations.models import RelationDocument
from api.revisions.models import AcknowledgeDuplicates, EntityState, Reason


class OrganizationKind(StrEnum):
    outlet = "outlet"
    news_agency = "news_agency"
    broadcaster = "broadcaster"
    government = "government"
    ministry = "ministry"
    state_agency = "state_agency"
    university = "university"
    think_tank = "think_tank"
    company = "company"
    party = "party"
    ngo = "ngo"
    legislature = "legislature"  # a parliament, congress or other law-making assembly
    network = "network"  # a network of sites published under one operator
    other = "other"


OUTLET_KINDS = frozenset(
    {
        OrganizationKind.outlet,
        OrganizationKind.news_agency,
        OrganizationKind.broadcaster,
        OrganizationKind.network,
    }
)
STATE_KINDS = frozenset(
    {
        OrganizationKind.government,
        OrganizationKind.ministry,
        OrganizationKind.state_agency,
        OrganizationKind.legislature,
    }
)


class StateMediaCategory(StrEnum):
    """The State Media Monitor typology: funding kept apart from editorial control."""

    state_controlled = "state_controlled"
    captured_public_state_managed = "captured_public_state_managed"
    captured_private = "captured_private"
    independent_state_funded_state_managed = "independent_state_funded_state_managed"
    independent_state_funded = "independent_state_funded"
    independent_state_managed = "independent_state_managed"
    independent_public = "independent_public"


CATEGORY_LABELS: dict[str, str] = {
    "state_controlled": "State-controlled media",
    "captured_public_state_managed": "Captured public / state-managed media",
    "captured_private": "Captured private media",
    "independent_state_funded_state_managed": "Independent state-funded and state-managed media",
    "independent_state_funded": "Independent state-funded media",
    "independent_state_managed": "Independent state-managed media",
    "independent_public": "Independent public media",
}
# Categories under which editorial control lies with the state (a state tie ends here).
STATE_CONTROLLED_CATEGORIES = frozenset(
    {"state_controlled", "captured_public_state_managed", "captured_private"}
)


class Organization(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    name: str = Field(max_length=300, index=True)
    kind: str = Field(max_length=32, index=True)
    country: str | None = Field(default=None, max_length=2, index=True)
    wikidata: str | None = Field(default=None, max_length=20)
    website: str | None = Field(default=None, max_length=2000)
    description: str | None = Field(default=None, max_length=300)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    exclude: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    category: str | None = Field(default=None, max_length=48, index=True)
    category_as_of: date | None = None
    reviewed_by: str = Field(max_length=120)
    reviewed_at: datetime = Field(default_factory=utcnow)


class OutletDomain(SQLModel, table=True):
    __tablename__ = "outlet_domain"
    __table_args__ = (UniqueConstraint("host", "path_prefix"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    host: str = Field(max_length=253, index=True)
    path_prefix: str = Field(default="", max_length=200)


Host = Annotated[
    str,
    StringConstraints(
        pattern=r"^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$",
        max_length=253,
    ),
]
PathPrefix = Annotated[str, StringConstraints(pattern=r"^/[^\s?#]*$", max_length=200)]
Notes = dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")], LongText]


class DomainDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: Host
    path_prefix: PathPrefix | None = None
    citations: list[Key] = empty(list)

    @field_validator("host", mode="before")
    @classmethod
    def _lower_host(cls, value: Any) -> Any:
        return value.strip().lower().rstrip(".") if isinstance(value, str) else value


class CategoryDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: StateMediaCategory
    as_of: date
    citations: list[Key] = empty(list)


class OrganizationDocument(BaseModel):
    """An organization profile as curators write it in seed files, drafts and exports."""

    model_config = ConfigDict(extra="forbid")

    slug: Slug
    name: Text
    kind: OrganizationKind
    country: Country | None = None
    wikidata: Qid | None = None
    website: HttpUrl | None = None
    description: Text | None = None
    aliases: list[Text] = empty(list)
    exclude: list[Text] = empty(list)
    citations: list[Key] = empty(list)
    domains: list[DomainDocument] = empty(list)
    category: CategoryDocument | None = None
    designations: list[DesignationDocument] = empty(list)
    notes: Notes = empty(dict)
    relations: list[RelationDocument] = empty(list)

    @model_validator(mode="after")
    def _outlet_parts(self) -> "OrganizationDocument":
        if self.kind not in OUTLET_KINDS and (self.domains or self.category or self.designations):
            raise ValueError(
                f"domains, category and designations are only for outlets, not kind '{self.kind}'"
            )
        return self


class OrganizationRef(BaseModel):
    """The few fields a card shows about a linked organization."""

    slug: str
    name: str
    kind: str
    country: str | None


class OrganizationCreate(OrganizationDocument):
    """A new organization: the document plus why it is proposed."""

    reason: Reason
    acknowledge_duplicates: AcknowledgeDuplicates = False


class OrganizationUpdate(BaseModel):
    """Fields to change (null clears an optional one); the slug never changes."""

    model_config = ConfigDict(extra="forbid")

    name: Text | None = None
    kind: OrganizationKind | None = None
    country: Country | None = None
    wikidata: Qid | None = None
    website: HttpUrl | None = None
    description: Text | None = None
    aliases: list[Text] | None = None
    exclude: list[Text] | None = None
    citations: list[Key] | None = None
    domains: list[DomainDocument] | None = None
    category: CategoryDocument | None = None
    designations: list[DesignationDocument] | None = None
    notes: Notes | None = None
    relations: list[RelationDocument] | None = None
    reason: Reason


class OrganizationAdminPublic(EntityState):
    """An organization as curators see it: workflow state and the working document."""

    document: OrganizationDocument | None


class DomainCreate(DomainDocument):
    reason: Reason


class CategoryUpdate(CategoryDocument):
    reason: Reason
