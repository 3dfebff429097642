"""Citation table, its document (seed/export/draft form), admin models and public shape."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlmodel import Field, SQLModel

from api.common import HttpUrl, Key, LongText, PartialDate, Text, utcnow
from api.revisions.models import AcknowledgeDuplicates, EntityState, Reason


class CitationBase(SQLModel):
    url: str = Field(max_length=2000)
    title: str = Field(max_length=300)
    publisher: str = Field(max_length=300)
    published: str | None = Field(default=None, max_length=10)
    accessed: date
    archive_url: str | None = Field(default=None, max_length=2000)
    quote: str | None = Field(default=None, max_length=4000)
    note: str | None = Field(default=None, max_length=4000)


class Citation(CitationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=160, unique=True)
    updated_at: datetime = Field(default_factory=utcnow)


class CitationDocument(BaseModel):
    """A citation as curators write it in seed files, drafts and exports."""

    model_config = ConfigDict(extra="forbid")

    key: Key
    url: HttpUrl
    title: Text
    publisher: Text
    published: PartialDate | None = None
    accessed: date
    archive_url: HttpUrl | None = None
    quote: LongText | None = None
    note: LongText | None = None


class CitationPublic(BaseModel):
    """A source as readers see it."""

    url: str
    title: str
    publisher: str
    published: str | None
    accessed: date
    archive_url: str | None
    quote: str | None
    note: str | None


class CitationCreate(CitationDocument):
    """A new citation: the document plus why it is proposed."""

    reason: Reason
    acknowledge_duplicates: AcknowledgeDuplicates = False


class CitationUpdate(BaseModel):
    """Fields to change (null clears an optional one); the key never changes."""

    model_config = ConfigDict(extra="forbid")

    url: HttpUrl | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: PartialDate | None = None
    accessed: date | None = None
    archive_url: HttpUrl | None = None
    quote: LongText | None = None
    note: LongText | None = None
    reason: Reason


class CitationAdminPublic(EntityState):
    """A citation as curators see it: workflow state and the working document."""

    document: CitationDocument | None
