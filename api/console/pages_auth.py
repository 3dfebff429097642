"""Console sign-in and sign-out pages."""

import secrets
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.console import auth
from api.console.deps import (
    PRE_COOKIE,
    SESSION_COOKIE,
    Form,
    field,
    page,
    redirect,
    set_cookie,
)
from api.deps import SessionDep, SettingsDep
from api.errors import TooManyRequests

router = APIRouter(prefix="/console", include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only ever go back to a console page (never another site)."""
    ok = target.startswith("/console") and not target.startswith("//") and "\\" not in target
    return target if ok else "/console"


@router.get("/sign-in")
def sign_in_page(
    request: Request, next_page: Annotated[str, Query(alias="next", max_length=500)] = "/console"
) -> Response:
    """Show the sign-in form (with a fresh pre-sign-in cookie for its CSRF token)."""
    pre = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(32)
    response = page(
        request, "sign_in.html", secret=pre, next=_safe_next(next_page), name="", problems={}
    )
    set_cookie(request, response, PRE_COOKIE, pre)
    return response


@router.post("/sign-in")
def sign_in(request: Request, form: Form, session: SessionDep, settings: SettingsDep) -> Response:
    """Check the name and password; on success start a new session (new id) and go on."""
    name, password = field(form, "name"), form.get("password")
    target = _safe_next(field(form, "next"))
    try:
        signed = auth.sign_in(
            session,
            name,
            password if isinstance(password, str) else "",
            address=request.client.host if request.client else "unknown",
            pepper=settings.token_pepper,
            user_agent=request.headers.get("user-agent"),
            old_secret=request.cookies.get(SESSION_COOKIE),
        )
    except TooManyRequests as exc:
        problems = {"password": [exc.message]}
        refused = page(request, "sign_in.html", 429, problems=problems, next=target, name=name)
        refused.headers.update(exc.headers)
        return refused
    if signed is None:
        return page(
            request,
            "sign_in.html",
            401,
            problems={"password": ["That name and password do not match an active account."]},
            next=target,
            name=name,
        )
    response = redirect(target)
    set_cookie(request, response, SESSION_COOKIE, signed.secret)
    response.delete_cookie(PRE_COOKIE, path="/console")
    return response


@router.post("/sign-out")
def sign_out(request: Request, form: Form, session: SessionDep, settings: SettingsDep) -> Response:
    """End this browser's session."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        auth.revoke_secret(session, settings.token_pepper, secret, "self")
    response = redirect("/console/sign-in")
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response
