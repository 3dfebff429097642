"""Public route: annotate an article's text with the profiled names it mentions."""

import json

from fastapi import APIRouter, Request, Response

from api.annotate.jsonld import annotation_collection
from api.annotate.models import AnnotateRequest, AnnotateResponse
from api.annotate.service import annotate
from api.deps import SessionDep, SettingsDep, SnapshotDep

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
def annotate_article(
    request: Request,
    body: AnnotateRequest,
    session: SessionDep,
    snapshot: SnapshotDep,
    settings: SettingsDep,
) -> Response:
    """Find the outlet and the profiled people and outlets named in an article."""
    result, mentions = annotate(session, snapshot, body, settings)
    if JSONLD in request.headers.get("accept", ""):
        collection = annotation_collection(
            body.url, body.blocks, mentions, settings.public_base_url, snapshot.version
        )
        return Response(json.dumps(collection, ensure_ascii=False), media_type=JSONLD)
    return Response(result.model_dump_json(), media_type="application/json")
