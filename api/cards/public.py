"""Public routes: the full profile card of one entity, and cards by hash bucket."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.cards.bucket_models import CardBucketPublic, CardSchemePublic
from api.cards.buckets import MAX_PREFIX
from api.cards.models import CardPublic
from api.cards.service import card_bucket, entity_card
from api.common import SLUG_PATTERN
from api.deps import LangParam, ReadSessions, SnapshotDep
from api.http_cache import cacheable, cacheable_encoded, cached_get

router = APIRouter(prefix="/v1", tags=["public"])


@cached_get(
    router,
    "/entities/{slug}",
    response_model=CardPublic,
    responses={404: {"description": "No published profile has this slug"}},
)
async def get_entity(
    request: Request,
    sessions: ReadSessions,
    snapshot: SnapshotDep,
    slug: Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)],
    lang: LangParam = None,
) -> Response:
    """Return the published profile of an organization or person."""
    card = await entity_card(snapshot, sessions, slug)
    return cacheable(request, card.whole(lang))


@cached_get(router, "/cards", response_model=CardSchemePublic)
async def card_scheme(request: Request, snapshot: SnapshotDep) -> Response:
    """Say how entity keys are hashed and how long a card bucket's prefix is."""
    return cacheable(request, snapshot.card_buckets.scheme())


@cached_get(
    router,
    "/cards/bucket/{prefix}",
    response_model=CardBucketPublic,
    responses={
        200: {"description": "Every card whose entity key starts with the prefix"},
        404: {"description": "The prefix is not `prefix_length` characters long (GET /v1/cards)"},
    },
)
async def card_bucket_route(
    request: Request,
    sessions: ReadSessions,
    snapshot: SnapshotDep,
    prefix: Annotated[
        str,
        Path(
            min_length=1,
            max_length=MAX_PREFIX,
            pattern="^[0-9a-f]+$",
            description="the first `prefix_length` lower-case hex characters of SHA-256(slug)",
        ),
    ],
    lang: LangParam = None,
) -> Response:
    """Return every card of one bucket, gzip-compressed when accepted."""
    rendered = await card_bucket(snapshot, sessions, prefix, lang)
    plain, packed = (rendered.body, rendered.etag), (rendered.gzip, rendered.gzip_etag)
    return cacheable_encoded(request, plain, packed)
