"""Feedback tallies and comments (no reader identifiers), and the feedback models."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints
from sqlalchemy import UniqueConstraint
from sqlmodel import Field as ColumnField
from sqlmodel import SQLModel

from api.common import DB_INT_MAX, NOT_BLANK_PATTERN, Slug


class Vote(StrEnum):
    helpful = "helpful"
    not_helpful = "not_helpful"


class Reason(StrEnum):
    """Why a card was not helpful; each is counted in a column of its own."""

    outdated = "outdated"
    wrong_person = "wrong_person"
    source_dead = "source_dead"
    unfair_wording = "unfair_wording"
    other = "other"


REASONS = tuple(Reason)


class FeedbackTally(SQLModel, table=True):
    """How many readers found one published revision of a profile helpful or not, and why.

    Counters only: no row says who voted, from where or when (beyond the day of the last vote)."""

    __tablename__ = "feedback_tally"
    __table_args__ = (UniqueConstraint("entity_type", "entity", "revision"),)

    id: int | None = ColumnField(default=None, primary_key=True)
    entity_type: str = ColumnField(max_length=16)
    entity: str = ColumnField(max_length=120, index=True)
    revision: int
    helpful: int = 0
    not_helpful: int = 0
    outdated: int = 0
    wrong_person: int = 0
    source_dead: int = 0
    unfair_wording: int = 0
    other: int = 0
    last_on: date


class FeedbackComment(SQLModel, table=True):
    """What a reader wrote with a "not helpful" vote, kept apart from the counters."""

    __tablename__ = "feedback_comment"

    id: int | None = ColumnField(default=None, primary_key=True)
    entity_type: str = ColumnField(max_length=16)
    entity: str = ColumnField(max_length=120, index=True)
    revision: int
    reasons: str = ColumnField(max_length=120)
    text: str = ColumnField(max_length=1000)
    received_on: date


FeedbackText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=1000),
    Field(json_schema_extra={"pattern": NOT_BLANK_PATTERN}),
]
WITHOUT_OTHER: list[JsonValue] = [r.value for r in Reason if r is not Reason.other]
# The rules below, stated in the schema too: a helpful vote has no reasons and no text; a
# "not helpful" one has at least one reason, and "other" needs words saying what.
RULES: list[JsonValue] = [
    {
        "properties": {
            "vote": {"const": "helpful"},
            "reasons": {"maxItems": 0},
            "text": {"type": "null"},
        }
    },
    {
        "required": ["vote", "reasons"],
        "properties": {
            "vote": {"const": "not_helpful"},
            "reasons": {"minItems": 1, "items": {"enum": WITHOUT_OTHER}},
            "text": {"type": "null"},
        },
    },
    {
        "required": ["vote", "reasons", "text"],
        "properties": {
            "vote": {"const": "not_helpful"},
            "reasons": {"minItems": 1},
            "text": {"type": "string"},
        },
    },
]


class FeedbackCreate(BaseModel):
    """A reader's verdict on one card: helpful, or not helpful with reasons (and words)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": RULES,
            "examples": [
                {"entity": "sputnik", "vote": "not_helpful", "reasons": ["source_dead"]},
                {"entity": "sputnik", "vote": "helpful"},
            ],
        },
    )

    entity: Slug
    revision: int | None = Field(
        default=None,
        ge=1,
        le=DB_INT_MAX,
        description="the published revision the card showed (the current one when absent)",
    )
    vote: Vote
    reasons: list[Reason] = Field(
        default=[], max_length=len(REASONS), json_schema_extra={"uniqueItems": True}
    )
    text: FeedbackText | None = None


class FeedbackReceipt(BaseModel):
    entity: str
    revision: int
    vote: Vote
    message: str


class ReasonCounts(BaseModel):
    outdated: int
    wrong_person: int
    source_dead: int
    unfair_wording: int
    other: int


class RevisionFeedback(BaseModel):
    """The counts of one revision of a profile."""

    revision: int
    current: bool
    helpful: int
    not_helpful: int
    reasons: ReasonCounts
    last_on: date


class FeedbackCommentPublic(BaseModel):
    revision: int
    reasons: list[Reason]
    text: str
    received_on: date


class FeedbackEntry(BaseModel):
    """One profile in the curators' feedback queue, with its counts and readers' words."""

    entity: str
    type: Literal["organization", "person"]
    name: str | None
    published_revision: int | None
    helpful: int
    not_helpful: int
    reasons: ReasonCounts
    reason_total: int = Field(description="all 'not helpful' reasons given: the queue's order")
    revisions: list[RevisionFeedback]
    comments: list[FeedbackCommentPublic]
