"""Admin route for the reader-feedback queue (curators)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.deps import require_role
from api.auth.models import Role
from api.deps import SessionDep
from api.feedback import service
from api.feedback.models import FeedbackEntry
from api.revisions.models import Page

router = APIRouter(
    prefix="/admin/v1/feedback",
    tags=["admin: feedback"],
    dependencies=[Depends(require_role(Role.curator))],
)


@router.get("", response_model=Page[FeedbackEntry])
def list_feedback(
    session: SessionDep,
    current_only: Annotated[
        bool, Query(description="count only the revision each profile shows now")
    ] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Page[FeedbackEntry]:
    """List profiles with reader feedback, the most "not helpful" reasons first."""
    total, items = service.queue(session, current_only=current_only, page=page, per_page=per_page)
    return Page[FeedbackEntry](items=items, total=total, page=page, per_page=per_page)
