"""Public route: annotate an article's text with the profiled names it mentions."""

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from api.annotate.jsonld import annotation_collection
from api.annotate.models import AnnotateRequest, AnnotateResponse
from api.annotate.pack import NamePack
from api.annotate.service import annotate, find
from api.annotate.snapshot import Snapshot
from api.cards.card import dumps
from api.deps import ReadSessions, SettingsDep, SnapshotDep
from api.http_cache import cacheable_encoded, cached_get

router = APIRouter(prefix="/v1", tags=["public"])
JSONLD = "application/ld+json"


@router.post(
    "/annotate",
    response_model=AnnotateResponse,
    responses={
        200: {"content": {JSONLD: {"description": "W3C Web Annotation collection"}}},
        413: {"description": "Too many blocks or characters, or a body over the size limit"},
        422: {"description": "Malformed JSON, URL or field"},
    },
)
async def annotate_article(
    request: Request,
    body: AnnotateRequest,
    sessions: ReadSessions,
    snapshot: SnapshotDep,
    settings: SettingsDep,
) -> Response:
    """Find the outlet and the profiled people and outlets named in an article."""
    if JSONLD in request.headers.get("accept", ""):
        _, mentions = find(snapshot, body, settings)
        collection = annotation_collection(
            body.url, body.blocks, mentions, settings.public_base_url, snapshot.version
        )
        return Response(dumps(collection), media_type=JSONLD)
    return Response(
        await annotate(snapshot, sessions, body, settings), media_type="application/json"
    )


@cached_get(
    router,
    "/names",
    responses={
        200: {"description": "The name pack: every folded form, its outcomes and the rule data"}
    },
)
async def name_pack(request: Request, snapshot: SnapshotDep) -> Response:
    """Publish what a client needs to match names on its own, gzip-compressed when accepted."""
    # Built in the background once a data version is published; until then, off the loop.
    pack = snapshot.name_pack if snapshot.pack_ready else await run_in_threadpool(_pack, snapshot)
    return cacheable_encoded(request, (pack.body, pack.etag), (pack.gzip, pack.gzip_etag))


def _pack(snapshot: Snapshot) -> NamePack:
    return snapshot.name_pack
