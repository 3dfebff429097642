"""Public routes: the domain index the extension keeps, and URL → outlet lookup."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.common import PAGE_URL_PATTERN
from api.deps import LangParam, ReadSessions, SnapshotDep
from api.http_cache import cacheable, cached_get
from api.outlets.models import IndexPublic, LookupPublic
from api.outlets.service import lookup_body

router = APIRouter(prefix="/v1", tags=["public"])


@cached_get(router, "/index", response_model=IndexPublic)
async def domain_index(request: Request, snapshot: SnapshotDep) -> Response:
    """List every profiled host and path prefix, with a strong ETag."""
    return cacheable(request, snapshot.index_body, snapshot.index_etag)


@router.get("/lookup", response_model=LookupPublic)
async def lookup_url(
    sessions: ReadSessions,
    snapshot: SnapshotDep,
    url: Annotated[
        str,
        Query(
            max_length=4000,
            description="a page URL",
            json_schema_extra={"pattern": PAGE_URL_PATTERN},
        ),
    ],
    lang: LangParam = None,
) -> Response:
    """Return the outlet card for a page URL, or none."""
    body = await lookup_body(snapshot, sessions, url, lang)
    return Response(body, media_type="application/json")
