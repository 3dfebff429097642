"""Admin route for the reader-feedback queue (curators)."""

from typing import Annotated

from fastapi import Query

from api.auth.deps import role_router
from api.deps import PagingDep, SessionDep
from api.feedback import service
from api.feedback.models import FeedbackEntry
from api.revisions.models import Page

router = role_router("/admin/v1/feedback", "admin: feedback")


@router.get("", response_model=Page[FeedbackEntry])
def list_feedback(
    session: SessionDep,
    paging: PagingDep,
    current_only: Annotated[
        bool, Query(description="count only the revision each profile shows now")
    ] = False,
) -> Page[FeedbackEntry]:
    """List profiles with reader feedback, the most "not helpful" reasons first."""
    return paging.of(
        *service.queue(
            session, current_only=current_only, page=paging.page, per_page=paging.per_page
        )
    )
