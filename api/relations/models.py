"""Relation and claim-citation tables, the relation document and its admin model."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator
from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from api.common import Key, PartialDate, Slug, Text, empty
from api.db import partial_index
from api.revisions.models import Reason


class RelationType(StrEnum):
    owned_by = "owned_by"
    funded_by = "funded_by"
    controlled_by = "controlled_by"
    edition_of = "edition_of"
    part_of = "part_of"
    affiliated_with = "affiliated_with"
    employed_by = "employed_by"
    member_of = "member_of"


RELATION_LABELS: dict[str, str] = {
    "owned_by": "owned by",
    "funded_by": "funded by",
    "controlled_by": "controlled by",
    "edition_of": "edition of",
    "part_of": "part of",
    "affiliated_with": "affiliated with",
    "employed_by": "employed by",
    "member_of": "member of",
}


def _fk(table: str, *, nullable: bool = True) -> Column[int]:
    """A cascading reference to `table`; indexed here when required, otherwise (one owner
    column of several, each row setting one) by a partial index in the table's arguments."""
    return Column(
        Integer,
        ForeignKey(f"{table}.id", ondelete="CASCADE"),
        nullable=nullable,
        index=not nullable,
    )


class Relation(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(
            "(subject_org_id IS NULL) <> (subject_person_id IS NULL)", name="one_subject"
        ),
        *(partial_index("relation", column) for column in ("subject_org_id", "subject_person_id")),
    )

    id: int | None = Field(default=None, primary_key=True)
    subject_org_id: int | None = Field(default=None, sa_column=_fk("organization"))
    subject_person_id: int | None = Field(default=None, sa_column=_fk("person"))
    object_id: int = Field(sa_column=_fk("organization", nullable=False))
    type: str = Field(max_length=32)
    role: str | None = Field(default=None, max_length=300)
    start: str | None = Field(default=None, max_length=10)
    end: str | None = Field(default=None, max_length=10)
    position: int = 0


# What a claim's citation belongs to: exactly one of these columns per row, each indexed only
# where it is set (a full index would hold mostly NULLs).
CLAIM_OWNERS = ("organization_id", "person_id", "domain_id", "relation_id", "designation_id")


class ClaimCitation(SQLModel, table=True):
    """Links one citation to the claim it supports: an entity's identity, category, domain,
    relation or designation."""

    __tablename__ = "claim_citation"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN person_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN domain_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN relation_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN designation_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_claim",
        ),
        *(partial_index("claim_citation", owner) for owner in CLAIM_OWNERS),
    )

    id: int | None = Field(default=None, primary_key=True)
    citation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("citation.id", ondelete="RESTRICT"), nullable=False, index=True
        )
    )
    claim: str = Field(max_length=16)  # identity | category | domain | relation | designation
    organization_id: int | None = Field(default=None, sa_column=_fk("organization"))
    person_id: int | None = Field(default=None, sa_column=_fk("person"))
    domain_id: int | None = Field(default=None, sa_column=_fk("outlet_domain"))
    relation_id: int | None = Field(default=None, sa_column=_fk("relation"))
    designation_id: int | None = Field(default=None, sa_column=_fk("outlet_designation"))
    position: int = 0


class RelationDocument(BaseModel):
    """An edge as curators write it inside an organization or person document."""

    model_config = ConfigDict(extra="forbid")

    type: RelationType
    object: Slug
    role: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    citations: list[Key] = empty(list)

    @model_validator(mode="after")
    def _ordered_dates(self) -> "RelationDocument":
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class RelationChange(RelationDocument):
    """A relation to add or to put in place of another, and why."""

    reason: Reason
