"""Admin route for source health: the claims that rest only on dead sources (curators)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.deps import require_role
from api.auth.models import Role
from api.deps import SessionDep
from api.revisions.models import Page
from api.sources import queue, service
from api.sources.models import DeadClaim, SourceCheckPublic

router = APIRouter(
    prefix="/admin/v1/source-health",
    tags=["admin: review"],
    dependencies=[Depends(require_role(Role.curator))],
)


@router.get("", response_model=Page[DeadClaim])
def dead_source_claims(
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Page[DeadClaim]:
    """List published claims whose every source is dead, those without archived copies first."""
    items = queue.dead_claims(session)
    start = (page - 1) * per_page
    return Page[DeadClaim](
        items=items[start : start + per_page], total=len(items), page=page, per_page=per_page
    )


@router.get("/citations/{key}", response_model=SourceCheckPublic)
def citation_check(key: str, session: SessionDep) -> SourceCheckPublic:
    """Show a published citation's latest check: outcome, date, run of failures."""
    return service.check_of(session, key)
