"""Public shapes of the domain index and of a URL lookup."""

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
    host: str
    path_prefix: str | None


class LookupPublic(BaseModel):
    """The outlet edition a page URL belongs to, if it is profiled."""

    url: str
    match: MatchPublic | None
    outlet: CardPublic | None
