"""`POST /v1/feedback`: a reader says whether a card helped; curators see the counts."""

from fastapi import APIRouter, status

from api.deps import ClientAddress, SessionDep, SettingsDep
from api.feedback import service
from api.feedback.models import FeedbackCreate, FeedbackReceipt

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackReceipt,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        404: {"description": "No published profile has this slug, or not this revision"},
        429: {"description": "Too many feedback votes from this address this hour"},
    },
)
def submit_feedback(
    data: FeedbackCreate, session: SessionDep, settings: SettingsDep, client: ClientAddress
) -> FeedbackReceipt:
    """Tell the curators whether a card helped, and why not; it changes no profile."""
    entity, revision = service.submit(session, data, client=client, settings=settings)
    return FeedbackReceipt(
        entity=entity,
        revision=revision,
        vote=data.vote,
        message="thank you: curators see how readers find this note",
    )
