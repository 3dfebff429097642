"""Console pages for admins: accounts with passwords, open sessions (revocable), the audit log."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError

from api.audit import service as audit
from api.auth import service as accounts
from api.auth.models import AccountCreate, AccountUpdate, Role
from api.console import auth
from api.console.deps import Admin, Form, attempt, field, page, redirect
from api.deps import SessionDep

router = APIRouter(prefix="/console/admin", include_in_schema=False)
ROLE_OPTIONS = [(r.value, r.value) for r in Role]


def _accounts(
    request: Request,
    session: SessionDep,
    status_code: int = 200,
    problems: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    return page(
        request,
        "accounts.html",
        status_code,
        accounts=accounts.list_accounts(session),
        sessions=auth.sessions_of(session),
        roles=[r.value for r in Role],
        role_options=ROLE_OPTIONS,
        problems=problems or {},
        values=values or {"role": "curator"},
        **extra,
    )


@router.get("/accounts")
def accounts_page(request: Request, user: Admin, session: SessionDep) -> Response:
    """List accounts and open sessions."""
    return _accounts(request, session)


@router.post("/accounts")
def create_account(request: Request, user: Admin, form: Form, session: SessionDep) -> Response:
    """Create an account with a password."""
    values = {"name": field(form, "name"), "role": field(form, "role")}
    password = form.get("password")
    password = password if isinstance(password, str) else ""
    problems: dict[str, list[str]] = {}
    try:
        data = AccountCreate(name=values["name"], role=values["role"])
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else "name"
            problems.setdefault(name, []).append(str(error["msg"]))
    if len(password) < auth.MIN_PASSWORD:
        problems.setdefault("password", []).append(f"at least {auth.MIN_PASSWORD} characters")
    if not problems:
        with attempt(session) as errors:
            account = accounts.create_account(session, data, user.actor())
            auth.set_password(session, account, password, user.actor())
        if not errors:
            return redirect("/console/admin/accounts")
        problems["name"] = [errors[0].message]
    return _accounts(request, session, 422, problems, values)


@router.post("/accounts/{name}")
def update_account(
    request: Request,
    user: Admin,
    form: Form,
    session: SessionDep,
    name: Annotated[str, Path(max_length=64)],
) -> Response:
    """Change an account's role, disable it, or set a new password."""
    password = form.get("password")
    password = password if isinstance(password, str) else ""
    try:
        data = AccountUpdate(role=field(form, "role"), disabled=bool(form.get("disabled")))
    except ValidationError:
        return _accounts(request, session, 422, error="Pick one of the roles.")
    if password and len(password) < auth.MIN_PASSWORD:
        problems = {f"password-{name}": [f"at least {auth.MIN_PASSWORD} characters"]}
        return _accounts(request, session, 422, problems)
    with attempt(session) as errors:
        account = accounts.update_account(session, name, data, user.actor())
        if password:
            auth.set_password(session, account, password, user.actor())
    if errors:
        return _accounts(request, session, errors[0].status, error=errors[0].message)
    return _accounts(request, session, notice=f"Account {name} is saved.")


@router.post("/sessions/{session_id}/revoke")
def revoke_session(
    request: Request,
    user: Admin,
    form: Form,
    session: SessionDep,
    session_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    """End someone's console session at once."""
    auth.revoke(session, session_id, user.actor())
    return _accounts(request, session, notice=f"Session {session_id} is revoked.")


@router.get("/audit")
def audit_page(
    request: Request,
    user: Admin,
    session: SessionDep,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=48)] = None,
) -> Response:
    """Show the newest audit events."""
    _, events = audit.events(
        session, actor=actor or None, action=action or None, target=None, page=1, per_page=200
    )
    return page(request, "audit.html", events=events, actor=actor, action=action)
