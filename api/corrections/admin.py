"""Admin routes for the correction-request queue (curators)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.deps import CurrentActor, require_role
from api.auth.models import Role
from api.corrections import service
from api.corrections.models import CorrectionPublic, CorrectionResolve, CorrectionStatus
from api.deps import RowId, SessionDep
from api.revisions.models import Page

router = APIRouter(
    prefix="/admin/v1/corrections",
    tags=["admin: corrections"],
    dependencies=[Depends(require_role(Role.curator))],
)


@router.get("", response_model=Page[CorrectionPublic])
def list_corrections(
    session: SessionDep,
    status: CorrectionStatus | None = CorrectionStatus.open,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Page[CorrectionPublic]:
    """List correction requests (open ones by default), oldest first."""
    total, items = service.queue(session, status, page, per_page)
    return Page[CorrectionPublic](items=items, total=total, page=page, per_page=per_page)


@router.get("/{correction_id}", response_model=CorrectionPublic)
def get_correction(correction_id: RowId, session: SessionDep) -> CorrectionPublic:
    """Show one correction request."""
    return CorrectionPublic.model_validate(
        service.get(session, correction_id), from_attributes=True
    )


@router.post("/{correction_id}/resolve", response_model=CorrectionPublic)
def resolve_correction(
    correction_id: RowId, data: CorrectionResolve, session: SessionDep, actor: CurrentActor
) -> CorrectionPublic:
    """Close a correction request as resolved or dismissed, with a note."""
    correction = service.resolve(session, actor, correction_id, data)
    return CorrectionPublic.model_validate(correction, from_attributes=True)
