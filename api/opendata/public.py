"""Public routes: an entity's published history and the open-data dump."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.common import SLUG_PATTERN
from api.deps import ReadSessions
from api.http_cache import NOT_MODIFIED, PUBLIC_CACHE, cacheable, matches
from api.opendata import dump
from api.opendata.history import public_history
from api.opendata.licence import DATA_LICENCE
from api.opendata.models import DumpFormat, EntityHistory

router = APIRouter(prefix="/v1", tags=["public"])


@router.get(
    "/entities/{slug}/history",
    response_model=EntityHistory,
    responses={**NOT_MODIFIED, 404: {"description": "No published profile has this slug"}},
)
async def get_history(
    request: Request,
    sessions: ReadSessions,
    slug: Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)],
) -> Response:
    """Return the published revisions of an organization or person, with field-level diffs."""

    def read() -> bytes:
        with sessions() as session:
            return public_history(session, slug).model_dump_json().encode()

    return cacheable(request, await run_in_threadpool(read))


@router.get(
    "/dump",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Every published record (schema: docs/API.md, Open data)",
            "content": {"application/x-ndjson": {}, "application/json": {}},
        },
        **NOT_MODIFIED,
    },
)
async def get_dump(
    request: Request,
    sessions: ReadSessions,
    format: Annotated[
        DumpFormat,
        Query(description="`ndjson`: one typed record a line; `seed`: one seed file"),
    ] = "ndjson",
) -> Response:
    """Stream all published profiles, citations and their status history."""

    def version() -> int:
        with sessions() as session:
            return dump.version_of(session)[0]

    etag = dump.dump_etag(format, await run_in_threadpool(version))
    headers = {
        "ETag": etag,
        "Cache-Control": PUBLIC_CACHE,
        "Link": f'<{DATA_LICENCE["url"]}>; rel="license"',
    }
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)

    def body() -> Iterator[bytes]:
        with sessions() as session:
            yield from dump.stream(session, format)

    extension = "ndjson" if format == "ndjson" else "json"
    headers["Content-Disposition"] = f'inline; filename="provnotes-dump.{extension}"'
    return StreamingResponse(body(), media_type=dump.MEDIA_TYPES[format], headers=headers)
