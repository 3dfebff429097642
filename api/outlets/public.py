"""Public routes: the domain index the extension keeps, and URL → outlet lookup."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.cards.service import cards_for
from api.deps import SessionDep, SnapshotDep
from api.http_cache import cacheable
from api.outlets.models import IndexPublic, LookupPublic, MatchPublic
from api.outlets.service import lookup

router = APIRouter(prefix="/v1", tags=["public"])


@router.get(
    "/index",
    response_model=IndexPublic,
    responses={304: {"description": "Not modified (the `If-None-Match` tag is current)"}},
)
def domain_index(request: Request, snapshot: SnapshotDep) -> Response:
    """List every profiled host and path prefix, with a strong ETag."""
    return cacheable(request, snapshot.index_body)


@router.get("/lookup", response_model=LookupPublic)
def lookup_url(
    session: SessionDep,
    snapshot: SnapshotDep,
    url: Annotated[str, Query(max_length=4000, description="a page URL")],
    lang: Annotated[str | None, Query(max_length=35, pattern=r"^[A-Za-z0-9-]+$")] = None,
) -> LookupPublic:
    """Return the outlet card for a page URL, or none."""
    found = lookup(snapshot, url)
    if found is None:
        return LookupPublic(url=url, match=None, outlet=None)
    card = cards_for(session, snapshot, [found.outlet], lang).get(found.outlet)
    return LookupPublic(
        url=url, match=MatchPublic(host=found.host, path_prefix=found.path_prefix), outlet=card
    )


# HEAD for caches and CDNs: the same answer without a body (kept out of the schema).
router.add_api_route("/index", domain_index, methods=["HEAD"], include_in_schema=False)
