"""Console page "Feedback": what readers said of each profile's card, the most doubted first."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.console.deps import User, page
from api.deps import SessionDep
from api.feedback import service
from api.feedback.models import REASONS

router = APIRouter(prefix="/console", include_in_schema=False)
REASON_LABELS = {
    "outdated": "Outdated",
    "wrong_person": "Wrong person",
    "source_dead": "Source missing or dead",
    "unfair_wording": "Unfair wording",
    "other": "Other",
}
assert set(REASON_LABELS) == {str(reason) for reason in REASONS}


@router.get("/feedback")
def feedback_page(
    request: Request,
    user: User,
    session: SessionDep,
    current_only: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    """List profiles with reader feedback, the most "not helpful" reasons first."""
    total, items = service.queue(session, current_only=bool(current_only), page=1, per_page=100)
    return page(
        request,
        "feedback.html",
        items=items,
        total=total,
        current_only=bool(current_only),
        reasons=REASON_LABELS,
    )
