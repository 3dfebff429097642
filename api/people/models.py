"""Person table and the person document."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from api.common import Country, Key, Qid, Slug, Text, utcnow
from api.organizations.models import Notes
from api.relations.models import RelationDocument


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True)
    name: str = Field(max_length=300, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
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
    aliases: list[Text] = []
    description: Text
    country: Country | None = None
    wikidata: Qid | None = None
    citations: list[Key] = []
    notes: Notes = {}
    relations: list[RelationDocument] = []
