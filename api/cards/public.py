"""Public route: the full profile card of one organization or person."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api.cards.models import CardPublic
from api.cards.service import entity_card
from api.common import SLUG_PATTERN
from api.deps import ReadSessions, SnapshotDep
from api.http_cache import cacheable

router = APIRouter(prefix="/v1", tags=["public"])


@router.get(
    "/entities/{slug}",
    response_model=CardPublic,
    responses={
        304: {"description": "Not modified (the `If-None-Match` tag is current)"},
        404: {"description": "No published profile has this slug"},
    },
)
async def get_entity(
    request: Request,
    sessions: ReadSessions,
    snapshot: SnapshotDep,
    slug: Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)],
    lang: Annotated[str | None, Query(max_length=35, pattern=r"^[A-Za-z0-9-]+$")] = None,
) -> Response:
    """Return the published profile of an organization or person."""
    card = await entity_card(snapshot, sessions, slug)
    return cacheable(request, card.whole(lang))


# HEAD for caches and CDNs: the same answer without a body (kept out of the schema).
router.add_api_route("/entities/{slug}", get_entity, methods=["HEAD"], include_in_schema=False)
