"""Admin route for source health: the claims that rest only on dead sources (curators)."""

from api.auth.deps import role_router
from api.deps import PagingDep, SessionDep
from api.revisions.models import Page
from api.sources import queue, service
from api.sources.models import DeadClaim, SourceCheckPublic

router = role_router("/admin/v1/source-health", "admin: review")


@router.get("", response_model=Page[DeadClaim])
def dead_source_claims(session: SessionDep, paging: PagingDep) -> Page[DeadClaim]:
    """List published claims whose every source is dead, those without archived copies first."""
    return paging.window(queue.dead_claims(session))


@router.get("/citations/{key}", response_model=SourceCheckPublic)
def citation_check(key: str, session: SessionDep) -> SourceCheckPublic:
    """Show a published citation's latest check: outcome, date, run of failures."""
    return service.check_of(session, key)
