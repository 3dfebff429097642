"""Public shapes of the domain index and of a URL lookup."""

from typing import Literal

from pydantic import BaseModel

from api.cards.models import CardPublic


class IndexEntry(BaseModel):
    host: str
    path_prefix: str | None
    outlet: str


class IndexPublic(BaseModel):
    """Every profiled host (and path prefix) with the outlet edition it belongs to."""

    data_version: int
    domains: list[IndexEntry]


class MatchPublic(BaseModel):
    """The index entry a page falls under, and why: the page's own host, the registrable domain
    (or another parent host) above it, or a path prefix."""

    host: str
    path_prefix: str | None
    rule: Literal["host", "registrable_domain", "parent_host", "path_prefix"]


class LookupPublic(BaseModel):
    """The outlet edition a page URL belongs to, if it is profiled."""

    url: str
    match: MatchPublic | None
    outlet: CardPublic | None
