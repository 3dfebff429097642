"""Admin routes for the correction-request queue (curators)."""

from api.auth.deps import CurrentActor, role_router
from api.corrections import service
from api.corrections.models import CorrectionPublic, CorrectionResolve, CorrectionStatus
from api.deps import PagingDep, RowId, SessionDep
from api.revisions.models import Page

router = role_router("/admin/v1/corrections", "admin: corrections")


@router.get("", response_model=Page[CorrectionPublic])
def list_corrections(
    session: SessionDep, paging: PagingDep, status: CorrectionStatus | None = CorrectionStatus.open
) -> Page[CorrectionPublic]:
    """List correction requests (open ones by default), oldest first."""
    return paging.of(*service.queue(session, status, paging.page, paging.per_page))


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
