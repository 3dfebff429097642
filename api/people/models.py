"""Person table, the person document and its admin models."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, Boolean, Column, true
from sqlmodel import Field, SQLModel

from api.common import Country, Key, Qid, Slug, Text, empty, utcnow
from api.organizations.models import Notes
from api.relations.models import RelationDocument
from api.revisions.models import AcknowledgeDuplicates, EntityState, Reason


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    name: str = Field(max_length=300, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    exclude: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    match_surname: bool = Field(
        default=True, sa_column=Column(Boolean, nullable=False, server_default=true())
    )
    description: str = Field(max_length=300)
    country: str | None = Field(default=None, max_length=2, index=True)
    wikidata: str | None = Field(default=None, max_length=20)
    reviewed_by: str = Field(max_length=120)
    reviewed_at: datetime = Field(default_factory=utcnow)


class PersonDocument(BaseModel):
    """A person profile as curators write it in seed files, drafts and exports."""

    model_config = ConfigDict(extra="forbid")

    slug: Slug
    name: Text
    aliases: list[Text] = empty(list)
    exclude: list[Text] = empty(list)  # phrases that contain a name but are not this person
    match_surname: bool = True  # false: the bare surname never counts as a mention
    description: Text
    country: Country | None = None
    wikidata: Qid | None = None
    citations: list[Key] = empty(list)
    notes: Notes = empty(dict)
    relations: list[RelationDocument] = empty(list)


class PersonCreate(PersonDocument):
    """A new person: the document plus why it is proposed."""

    reason: Reason
    acknowledge_duplicates: AcknowledgeDuplicates = False


class PersonUpdate(BaseModel):
    """Fields to change (null clears an optional one); the slug never changes."""

    model_config = ConfigDict(extra="forbid")

    name: Text | None = None
    aliases: list[Text] | None = None
    exclude: list[Text] | None = None
    match_surname: bool | None = None
    description: Text | None = None
    country: Country | None = None
    wikidata: Qid | None = None
    citations: list[Key] | None = None
    notes: Notes | None = None
    relations: list[RelationDocument] | None = None
    reason: Reason


class PersonAdminPublic(EntityState):
    """A person as curators see them: workflow state and the working document."""

    document: PersonDocument | None
