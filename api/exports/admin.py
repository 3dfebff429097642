"""Admin routes: export the published dataset (curators) and import seed files (admins)."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.auth.deps import CurrentActor, role_router
from api.auth.models import Role
from api.deps import BulkSessionDep
from api.exports import service
from api.exports.body import SpooledBody, spool
from api.exports.models import ExportPublic, IdempotencyKeyText, ImportRequest, ImportResult
from api.openapi_body import request_body

router = role_router("/admin/v1", "admin: data")
import_router = role_router("/admin/v1", "admin: data", Role.admin)


@router.get("/export", response_model=ExportPublic)
def export(session: BulkSessionDep) -> JSONResponse:
    """Download every published profile and citation as one seed file."""
    return JSONResponse(service.export_dataset(session))


async def spooled_import(request: Request) -> AsyncIterator[SpooledBody]:
    """The import body in a temporary file, read before the session (and, on SQLite, the
    write gate) is taken, so a slow upload holds up no one."""
    body = await spool(request)
    try:
        yield body
    finally:
        body.close()


@import_router.post(
    "/import",
    response_model=ImportResult,
    openapi_extra=request_body(ImportRequest),
    responses={400: {}, 413: {}},
)
async def import_seed_files(
    body: Annotated[SpooledBody, Depends(spooled_import)],
    session: BulkSessionDep,
    actor: CurrentActor,
    response: Response,
    dry_run: Annotated[bool, Query(description="validate and report; write nothing")] = False,
    reason: Annotated[str, Query(min_length=3, max_length=1000)] = "import",
    idempotency_key: Annotated[
        IdempotencyKeyText | None,
        Header(description="a retry with the same key and body is applied once"),
    ] = None,
) -> ImportResult:
    """Validate seed files together and publish them in one transaction, or not at all."""
    if idempotency_key is None or dry_run:
        return await run_in_threadpool(
            service.import_body, session, actor, body, dry_run=dry_run, reason=reason
        )
    result, replayed = await run_in_threadpool(
        service.import_once, session, actor, body, reason=reason, key=idempotency_key
    )
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result
