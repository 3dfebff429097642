"""The source-check table (one row per citation), check outcomes and the dead-source queue's
public models."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlmodel import Field, SQLModel


class Outcome(StrEnum):
    """What one check of a URL found."""

    ok = "ok"  # a 2xx answer, after redirects
    gone = "gone"  # 404 or 410: dead at once
    http_error = "http_error"  # another 4xx or a 5xx
    timeout = "timeout"  # no answer within the per-request timeout
    dns = "dns"  # the host name does not resolve
    connect = "connect"  # refused, reset, unreachable, or a TLS failure
    redirects = "redirects"  # a redirect loop, too many hops, or a redirect to a non-web URL
    invalid = "invalid"  # no request can be made: a malformed host, address or port
    robots = "robots"  # robots.txt asks this user agent not to fetch the URL
    blocked = "blocked"  # 401, 403 or 429: the site refuses robots; says nothing about the page


# Outcomes that count towards "dead after N consecutive failing checks"; `gone` is dead at once;
# `robots` and `blocked` leave the count as it was (they say nothing about whether the page exists).
FAILING = frozenset(
    {
        Outcome.gone,
        Outcome.http_error,
        Outcome.timeout,
        Outcome.dns,
        Outcome.connect,
        Outcome.redirects,
        Outcome.invalid,
    }
)
INCONCLUSIVE = frozenset({Outcome.robots, Outcome.blocked})


class SourceCheck(SQLModel, table=True):
    """The latest check of a published citation's URL, and its run of failures."""

    __tablename__ = "source_check"

    id: int | None = Field(default=None, primary_key=True)
    citation_key: str = Field(max_length=160, unique=True)
    url: str = Field(max_length=2000)  # the URL checked; a new URL starts a fresh record
    checked_at: datetime
    outcome: str = Field(max_length=16)
    http_status: int | None = None
    detail: str | None = Field(default=None, max_length=300)
    failures: int = 0  # consecutive failing checks
    failing_since: datetime | None = None
    last_ok_at: datetime | None = None
    dead: bool = Field(default=False, index=True)


class DeadSource(BaseModel):
    """A dead citation behind a claim, with where an archived copy is."""

    key: str
    url: str
    archive_url: str | None
    title: str
    outcome: Outcome
    http_status: int | None
    failures: int = PydanticField(description="consecutive failing checks")
    failing_since: datetime | None = PydanticField(description="first check of this failing run")
    checked_at: datetime


class DeadClaim(BaseModel):
    """A published claim every one of whose sources is dead: a curator should re-source it."""

    entity_type: str = PydanticField(description="organization or person")
    slug: str
    name: str
    claim: str = PydanticField(description="identity, category, domain, relation or designation")
    about: str = PydanticField(description="which claim, in words: a relation, host or scheme")
    archived: bool = PydanticField(description="every dead source has an archived copy")
    sources: list[DeadSource]


class SourceCheckPublic(BaseModel):
    """A citation's latest check, as curators see it."""

    key: str
    url: str = PydanticField(description="the URL that was checked")
    current: bool = PydanticField(description="the citation still has this URL")
    checked_at: datetime
    outcome: Outcome
    http_status: int | None
    detail: str | None
    failures: int = PydanticField(description="consecutive failing checks")
    failing_since: datetime | None
    last_ok_at: datetime | None
    dead: bool
