"""Reader-note table and the note edit model."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints
from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from api.common import LongText
from api.revisions.models import Reason


class ReaderNote(SQLModel, table=True):
    __tablename__ = "reader_note"
    __table_args__ = (
        CheckConstraint("(organization_id IS NULL) <> (person_id IS NULL)", name="one_subject"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organization.id", ondelete="CASCADE"), index=True),
    )
    person_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("person.id", ondelete="CASCADE"), index=True),
    )
    lang: str = Field(max_length=8)
    text: str = Field(max_length=4000)


LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]


class NoteUpdate(BaseModel):
    """A reader note's text in one language, and why it changes."""

    model_config = ConfigDict(extra="forbid")

    text: LongText
    reason: Reason
