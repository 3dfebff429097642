"""Idempotency-key table and the import request and result models."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import JSON, Column
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from api.citations.models import CitationDocument
from api.common import utcnow
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument

IdempotencyKeyText = Annotated[
    str, StringConstraints(min_length=8, max_length=200, pattern=r"^[\x21-\x7e]+$")
]


class IdempotencyKey(SQLModel, table=True):
    """A processed request, so a retry with the same key gets the same answer once more."""

    __tablename__ = "idempotency_key"

    id: int | None = SQLField(default=None, primary_key=True)
    key: str = SQLField(max_length=200, unique=True)
    scope: str = SQLField(max_length=48)
    actor: str = SQLField(max_length=64)
    request_hash: str = SQLField(max_length=64)
    response: dict[str, Any] | None = SQLField(default=None, sa_column=Column(JSON))
    created_at: datetime = SQLField(default_factory=utcnow, index=True)


class SeedFile(BaseModel):
    """One seed file: the three lists, as in `seed_data/` and as `GET /export` returns."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="import", max_length=500, description="shown in error messages")
    citations: list[Any] = []
    organizations: list[Any] = []
    people: list[Any] = []


class ImportRequest(BaseModel):
    """Seed files to validate together and apply in one transaction."""

    model_config = ConfigDict(extra="forbid")

    files: list[SeedFile] = Field(min_length=1, max_length=10_000)


class ImportResult(BaseModel):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    changes: list[str] = Field(description="the first 5,000 changes, each with its place")
    omitted: int = Field(default=0, description="changes not listed in `changes`")
    summary: str


class ExportPublic(BaseModel):
    """The whole published dataset as one seed file (canonical: no defaults, no nulls)."""

    citations: list[CitationDocument]
    organizations: list[OrganizationDocument]
    people: list[PersonDocument]
