"""Designations: categories an outlet gets from a named scheme other than the State Media
Monitor — an official attribution or a sanctions listing — each one a cited claim."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator
from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from api.citations.models import CitationPublic
from api.common import Country, Key, empty


@dataclass(frozen=True, slots=True)
class Scheme:
    """A named scheme: who issues it, and the designations it knows, in plain words."""

    name: str
    authority: str
    values: dict[str, str]


class DesignationScheme(StrEnum):
    viginum = "viginum"
    eu_sanctions = "eu_sanctions"


SCHEMES: dict[str, Scheme] = {
    "viginum": Scheme(
        name="VIGINUM (France)",
        authority="VIGINUM, the French government's service against foreign digital "
        "interference (SGDSN)",
        values={
            "attributed_network": "Part of a network of sites that VIGINUM attributes to a "
            "foreign information operation",
        },
    ),
    "eu_sanctions": Scheme(
        name="EU sanctions",
        authority="Council of the European Union (Official Journal of the European Union)",
        values={
            "broadcast_suspended": "Broadcasting suspended in the EU under Council sanctions",
        },
    ),
}


class DesignationDocument(BaseModel):
    """A designation as curators write it inside an outlet document."""

    model_config = ConfigDict(extra="forbid")

    scheme: DesignationScheme
    value: Key
    attributed_to: Country | None = None
    as_of: date
    citations: list[Key] = empty(list)

    @model_validator(mode="after")
    def _known_value(self) -> "DesignationDocument":
        known = SCHEMES[self.scheme].values
        if self.value not in known:
            raise ValueError(
                f"'{self.value}' is not a designation of scheme '{self.scheme}' "
                f"(known: {', '.join(sorted(known))})"
            )
        return self


class OutletDesignation(SQLModel, table=True):
    __tablename__ = "outlet_designation"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    scheme: str = Field(max_length=32)
    value: str = Field(max_length=48)
    attributed_to: str | None = Field(default=None, max_length=2)
    as_of: date
    position: int = 0


class DesignationPublic(BaseModel):
    """A designation as readers see it: what it says, who says it, and the sources."""

    scheme: str
    scheme_name: str
    authority: str
    value: str
    label: str
    attributed_to: str | None
    as_of: date
    citations: list[CitationPublic]


def designation_public(row: dict[str, Any], citations: list[CitationPublic]) -> DesignationPublic:
    """Describe a live designation row with its scheme's words."""
    scheme = SCHEMES.get(row["scheme"], Scheme(row["scheme"], row["scheme"], {}))
    return DesignationPublic(
        scheme=row["scheme"],
        scheme_name=scheme.name,
        authority=scheme.authority,
        value=row["value"],
        label=scheme.values.get(row["value"], row["value"]),
        attributed_to=row["attributed_to"],
        as_of=row["as_of"],
        citations=citations,
    )
