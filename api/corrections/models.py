"""Correction-request and rate-counter tables, and the correction models."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints
from pydantic import Field as SchemaField
from sqlmodel import Field, SQLModel

from api.common import NOT_BLANK_PATTERN, WHITESPACE, HttpUrl, Slug, utcnow


class CorrectionStatus(StrEnum):
    open = "open"
    resolved = "resolved"
    dismissed = "dismissed"


class Correction(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    entity: str | None = Field(default=None, max_length=120, index=True)
    message: str = Field(max_length=4000)
    contact: str | None = Field(default=None, max_length=300)
    source_url: str | None = Field(default=None, max_length=2000)
    status: str = Field(default=CorrectionStatus.open, max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    request_id: str | None = Field(default=None, max_length=64)
    resolved_by: str | None = Field(default=None, max_length=64)
    resolved_at: datetime | None = None
    resolution: str | None = Field(default=None, max_length=1000)


class RateCounter(SQLModel, table=True):
    """Requests per client (a keyed hash of its address) per fixed window, shared by replicas."""

    __tablename__ = "rate_counter"

    bucket: str = Field(max_length=80, primary_key=True)
    window_start: datetime = Field(primary_key=True)
    count: int = 0


# Each states in the schema what stripping the spaces around it leaves at least.
Message = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=10, max_length=4000),
    SchemaField(json_schema_extra={"pattern": f"[^{WHITESPACE}][\\s\\S]{{8,}}[^{WHITESPACE}]"}),
]
Contact = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    SchemaField(json_schema_extra={"pattern": NOT_BLANK_PATTERN}),
]
Resolution = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=1000),
    SchemaField(json_schema_extra={"pattern": NOT_BLANK_PATTERN}),
]


class CorrectionCreate(BaseModel):
    """A correction request: what is wrong, and optionally about what, a source and a contact."""

    model_config = ConfigDict(extra="forbid")

    entity: Slug | None = None
    message: Message
    source_url: HttpUrl | None = None
    contact: Contact | None = None


class CorrectionReceipt(BaseModel):
    id: int
    status: CorrectionStatus
    message: str


class CorrectionPublic(BaseModel):
    id: int
    entity: str | None
    message: str
    contact: str | None
    source_url: str | None
    status: CorrectionStatus
    created_at: datetime
    resolved_by: str | None
    resolved_at: datetime | None
    resolution: str | None


class CorrectionResolve(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: CorrectionStatus
    resolution: Resolution
