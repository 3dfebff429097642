"""Authentication and role checks for the admin API, and their `Annotated` aliases."""

import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.audit import service as audit
from api.audit.flood import DenialLimiter, Suppressed
from api.auth.models import Account, Actor, Role
from api.auth.service import AuthFailure, authenticate
from api.deps import SessionDep, SettingsDep, side_session
from api.errors import DomainError, Forbidden

bearer = HTTPBearer(auto_error=False, description="an API token from `provnotes token create`")


class RoleDenied(Forbidden):
    """An authenticated account whose role does not allow the route."""

    def __init__(self, account: Account, needed: Role) -> None:
        super().__init__(
            f"this needs the {needed} role; account '{account.name}' is a {account.role}"
        )
        self.account = account.name
        self.needed = needed


def current_account(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Account:
    """Return the account whose bearer token came with the request (401 otherwise)."""
    return authenticate(
        session, credentials.credentials if credentials else None, settings.token_pepper
    )


CurrentAccount = Annotated[Account, Depends(current_account)]


def current_actor(account: CurrentAccount, request: Request) -> Actor:
    """Return who is acting, with the request id for the audit log."""
    return Actor(account.name, Role(account.role), getattr(request.state, "request_id", None))


CurrentActor = Annotated[Actor, Depends(current_actor)]


def require_role(role: Role) -> Callable[[Account], Account]:
    """Build a dependency that lets through accounts whose role includes `role` (403 otherwise)."""

    def check(account: CurrentAccount) -> Account:
        if not Role(account.role).includes(role):
            raise RoleDenied(account, role)
        return account

    check.__name__ = f"require_{role}"
    return check


def role_router(
    prefix: str,
    tag: str,
    role: Role = Role.curator,
    responses: dict[int | str, dict[str, Any]] | None = None,
) -> APIRouter:
    """Build an admin router under `prefix`, tagged `tag`, whose every route needs `role`
    (and may answer `responses` besides its own)."""
    return APIRouter(
        prefix=prefix, tags=[tag], dependencies=[Depends(require_role(role))], responses=responses
    )


PATH_CHARS = 200  # how much of a refused request's path the audit log keeps


def record_denial(request: Request, exc: DomainError) -> None:
    """Write a refused authentication or role check to the audit log, in its own transaction,
    within the per-client, per-minute bound of the app's DenialLimiter."""
    client = request.client.host if request.client else "unknown"
    limiter: DenialLimiter = request.app.state.denials
    record, due = limiter.admit(client, time.time())
    for summary in due:
        write_suppressed(lambda: side_session(request), summary)
    if not record:
        return
    path = request.url.path
    where = {
        "method": request.method[:16],
        "path": path if len(path) <= PATH_CHARS else path[:PATH_CHARS] + "…",
        "client": client,
    }
    request_id = getattr(request.state, "request_id", None)
    if isinstance(exc, AuthFailure):
        target = f"token:{exc.token_id}" if exc.token_id else None
        audit.record_apart(
            lambda: side_session(request),
            "anonymous",
            "auth.failed",
            target=target,
            request_id=request_id,
            detail={"reason": exc.reason, **where},
        )
    elif isinstance(exc, RoleDenied):
        audit.record_apart(
            lambda: side_session(request),
            exc.account,
            "auth.forbidden",
            request_id=request_id,
            detail={"needed": str(exc.needed), **where},
        )


def write_suppressed(sessions: audit.SessionFactory, summary: Suppressed) -> None:
    """Record how many denials of one client in one minute were counted without a row each."""
    audit.record_apart(
        sessions,
        "anonymous",
        "auth.suppressed",
        detail={
            "client": summary.client,
            "minute": summary.minute.isoformat(),
            "count": summary.count,
        },
        now=summary.minute,
    )
