"""Admin routes: export the published dataset (curators) and import seed files (admins)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.responses import JSONResponse

from api.auth.deps import CurrentActor, require_role
from api.auth.models import Role
from api.deps import BulkSessionDep
from api.exports import service
from api.exports.models import ExportPublic, IdempotencyKeyText, ImportRequest, ImportResult

router = APIRouter(
    prefix="/admin/v1", tags=["admin: data"], dependencies=[Depends(require_role(Role.curator))]
)
import_router = APIRouter(
    prefix="/admin/v1", tags=["admin: data"], dependencies=[Depends(require_role(Role.admin))]
)


@router.get("/export", response_model=ExportPublic)
def export(session: BulkSessionDep) -> JSONResponse:
    """Download every published profile and citation as one seed file."""
    return JSONResponse(service.export_dataset(session))


@import_router.post("/import", response_model=ImportResult)
def import_seed_files(
    data: ImportRequest,
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
        return service.import_files(session, actor, data, dry_run=dry_run, reason=reason)
    result, replayed = service.import_once(session, actor, data, reason=reason, key=idempotency_key)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result
