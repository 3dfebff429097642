"""`POST /v1/corrections`: anyone may ask for a correction; it waits for curators."""

from fastapi import APIRouter, Request, status

from api.corrections import service
from api.corrections.models import CorrectionCreate, CorrectionReceipt, CorrectionStatus
from api.deps import ClientAddress, SessionDep, SettingsDep

router = APIRouter(prefix="/v1", tags=["corrections"])


@router.post(
    "/corrections",
    response_model=CorrectionReceipt,
    status_code=status.HTTP_202_ACCEPTED,
    responses={429: {"description": "Too many requests from this address this hour"}},
)
def submit_correction(
    data: CorrectionCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    client: ClientAddress,
) -> CorrectionReceipt:
    """Ask the curators to correct a profile; nothing changes until they act."""
    correction = service.submit(
        session,
        data,
        client=client,
        settings=settings,
        request_id=getattr(request.state, "request_id", None),
    )
    return CorrectionReceipt(
        id=correction.id or 0,
        status=CorrectionStatus(correction.status),
        message="thank you: curators will review your request",
    )
