"""The reply table and the shapes of submitting, moderating and publishing a reply."""

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import JSON, Column
from sqlmodel import Field as ColumnField
from sqlmodel import SQLModel

from api.common import DB_INT_MAX, NOT_BLANK_PATTERN, WHITESPACE, HttpUrl, utcnow

MAX_EVIDENCE = 10


class ReplyStatus(StrEnum):
    """Where a reply stands. `submitted` waits for a first check and is never shown; `open`:
    a curator found it a plausible reply from the subject, and the card says it is disputed;
    `accepted` (a published revision answers it) and `declined` (with a reason) are outcomes."""

    submitted = "submitted"
    open = "open"
    accepted = "accepted"
    declined = "declined"


class ReplyRole(StrEnum):
    """Who the sender says they are: the profiled person (or outlet) itself, or someone
    speaking for it."""

    subject = "subject"
    representative = "representative"


class Reply(SQLModel, table=True):
    """A profiled person's or outlet's reply to its note, and how moderation ended."""

    id: int | None = ColumnField(default=None, primary_key=True)
    entity_type: str = ColumnField(max_length=16)
    entity: str = ColumnField(max_length=120, index=True)
    status: str = ColumnField(default=ReplyStatus.submitted, max_length=16, index=True)
    shown: bool = ColumnField(default=False)  # opened or accepted: readers may see it
    name: str = ColumnField(max_length=200)
    role: str = ColumnField(max_length=16)
    text: str = ColumnField(max_length=4000)
    evidence: list[str] = ColumnField(default_factory=list, sa_column=Column(JSON, nullable=False))
    contact: str | None = ColumnField(default=None, max_length=300)  # curators only
    created_at: datetime = ColumnField(default_factory=utcnow)
    request_id: str | None = ColumnField(default=None, max_length=64)
    opened_by: str | None = ColumnField(default=None, max_length=64)
    opened_at: datetime | None = None
    decided_by: str | None = ColumnField(default=None, max_length=64)
    decided_at: datetime | None = None
    reason: str | None = ColumnField(default=None, max_length=1000)
    revision: int | None = None


def _pattern(least: int) -> str:
    """A pattern a text matches when it holds `least` characters besides the whitespace
    around them."""
    if least == 1:
        return NOT_BLANK_PATTERN
    return f"[^{WHITESPACE}][\\s\\S]{{{least - 2},}}[^{WHITESPACE}]"


def _schema(least: int) -> Any:
    return Field(json_schema_extra={"pattern": _pattern(least)})


def _holds(least: int) -> AfterValidator:
    """Refuse a text with fewer than `least` characters besides spaces (kept as sent)."""
    found = re.compile(_pattern(least))
    problem = "must not be blank" if least == 1 else f"must hold {least} characters besides spaces"

    def check(value: str) -> str:
        if not found.search(value):
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _each_once(urls: list[str]) -> list[str]:
    if len(set(urls)) != len(urls):
        raise ValueError("give each evidence link once")
    return urls


ClaimedName = Annotated[str, StringConstraints(min_length=1, max_length=200), _schema(1), _holds(1)]
ReplyText = Annotated[
    str, StringConstraints(min_length=20, max_length=4000), _schema(20), _holds(20)
]
Contact = Annotated[str, StringConstraints(min_length=1, max_length=300), _schema(1), _holds(1)]
Reason = Annotated[str, StringConstraints(min_length=3, max_length=1000), _schema(3), _holds(3)]


class ReplyCreate(BaseModel):
    """A reply from the subject of a profile: who they are, what they say, and evidence."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Daily News Ltd",
                    "role": "representative",
                    "text": "We were sold to an independent trust in 2025; the ownership shown "
                    "is out of date.",
                    "evidence": ["https://example.org/press/2025-sale"],
                    "contact": "press@example.org",
                }
            ]
        },
    )

    name: ClaimedName = Field(description="who is replying, as they would be named in public")
    role: ReplyRole = Field(description="the profiled person or outlet itself, or its agent")
    text: ReplyText = Field(description="the reply, 20 to 4,000 characters")
    evidence: Annotated[list[HttpUrl], AfterValidator(_each_once)] = Field(
        default=[],
        max_length=MAX_EVIDENCE,
        description=f"links to evidence: at most {MAX_EVIDENCE} http(s) URLs, each once",
        json_schema_extra={"uniqueItems": True},
    )
    contact: Contact | None = Field(
        default=None, description="how curators may check the identity claim; never published"
    )


class ReplyReceipt(BaseModel):
    id: int
    entity: str
    status: ReplyStatus
    message: str


class ReplyPublic(BaseModel):
    """A reply moderation let readers see (never its contact)."""

    id: int
    entity: str
    name: str
    role: ReplyRole
    text: str
    evidence: list[str]
    status: ReplyStatus
    submitted_at: datetime
    opened_at: datetime | None
    decided_at: datetime | None
    reason: str | None = Field(description="the curators' reason for the outcome")
    revision: int | None = Field(description="the published revision that answered it")


class EntityReplies(BaseModel):
    entity_type: Literal["organization", "person"]
    slug: str
    url: str
    replies: list[ReplyPublic]


class ReplyAdmin(ReplyPublic):
    """A reply as curators see it: with the contact and who moderated it."""

    entity_type: str
    contact: str | None
    shown: bool
    opened_by: str | None
    decided_by: str | None


class QueueFilter(StrEnum):
    pending = "pending"  # submitted or open: waiting for a curator
    submitted = "submitted"
    open = "open"
    accepted = "accepted"
    declined = "declined"
    all = "all"


class ReplyDecision(BaseModel):
    """The outcome of a reply: accepted (name the published revision that answers it) or
    declined (with the reason readers will see if the reply was shown)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                {
                    "required": ["outcome", "reason", "revision"],
                    "properties": {
                        "outcome": {"const": "accepted"},
                        "revision": {"type": "integer"},
                    },
                },
                {
                    "required": ["outcome", "reason"],
                    "properties": {"outcome": {"const": "declined"}, "revision": {"type": "null"}},
                },
            ]
        },
    )

    outcome: Literal["accepted", "declined"]
    reason: Reason
    revision: int | None = Field(
        default=None, ge=1, le=DB_INT_MAX, description="required when accepted; none otherwise"
    )


class DisputePublic(BaseModel):
    """The subject's reply as its card shows it: `open` while a moderated reply waits for its
    outcome, else the newest outcome of a shown reply."""

    status: Literal["open", "accepted", "declined"]
    replies: int = Field(description="how many replies readers may see")
    since: datetime = Field(description="when it was opened, or decided")
    revision: int | None = None
    reason: str | None = None
    url: str = Field(description="the path of the profile's public replies")
