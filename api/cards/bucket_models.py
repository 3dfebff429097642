"""Public shapes of the card bucket scheme (`GET /v1/cards`) and of one bucket."""

from typing import Literal

from pydantic import BaseModel, Field

from api.annotate.models import CardRef, OrganizationName, SourcePublic


class CardSchemePublic(BaseModel):
    """How a client finds the bucket of an entity without naming the entity."""

    data_version: int
    hash: Literal["sha256"] = Field(description="the hash of an entity's key")
    key: Literal["slug"] = Field(description="what is hashed: the entity's slug, UTF-8")
    prefix_length: int = Field(
        ge=1, le=4, description="hex characters of the hash that name a bucket"
    )
    buckets: int = Field(description="16 ** prefix_length")
    entities: int = Field(description="how many entities the buckets hold in all")
    smallest_bucket: int = Field(description="entities in the smallest bucket")
    largest_bucket: int = Field(description="entities in the largest bucket")


class CardBucketPublic(BaseModel):
    """Every card of one bucket, in the compact form of `POST /v1/annotate`: each
    organization and citation once, referenced by key."""

    data_version: int
    prefix: str
    entities: dict[str, CardRef] = Field(description="cards by slug")
    organizations: dict[str, OrganizationName]
    citations: dict[str, SourcePublic] = Field(description="cited sources by id")
