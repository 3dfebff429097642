"""Admin route for reading the audit log (admins only)."""

from typing import Annotated

from fastapi import Query

from api.audit import service
from api.audit.models import AuditEventPublic
from api.auth.deps import role_router
from api.auth.models import Role
from api.deps import SessionDep
from api.revisions.models import Page

router = role_router("/admin/v1", "admin: audit", Role.admin)


@router.get("/audit", response_model=Page[AuditEventPublic])
def list_events(
    session: SessionDep,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=48, examples=["auth.failed"])] = None,
    target: Annotated[str | None, Query(max_length=200, examples=["organization:sputnik"])] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[AuditEventPublic]:
    """List audit events, newest first, filtered by actor, action or target."""
    total, items = service.events(
        session, actor=actor, action=action, target=target, page=page, per_page=per_page
    )
    return Page[AuditEventPublic](items=items, total=total, page=page, per_page=per_page)
