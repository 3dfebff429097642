"""Console request plumbing: templates, the signed-in user, role checks, CSRF-checked forms and
cookies."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session
from starlette.datastructures import FormData

from api.auth.models import Role
from api.console import auth
from api.deps import SessionDep, SettingsDep
from api.errors import DomainError

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
SESSION_COOKIE = "pn_console"
PRE_COOKIE = "pn_console_pre"  # a random value before sign-in, so the sign-in form has a CSRF token


class SignInRequired(Exception):
    """No valid console session: send the browser to the sign-in page."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class RoleTooLow(Exception):
    """Signed in, but the page needs a higher role."""

    def __init__(self, user: auth.SignedIn, needed: Role) -> None:
        super().__init__(needed)
        self.user = user
        self.needed = needed


class CsrfFailed(Exception):
    """A form came without the CSRF token of this browser's session."""


def signed_in(request: Request, session: SessionDep, settings: SettingsDep) -> auth.SignedIn:
    """Return the console user, or send the browser to sign in."""
    user = auth.current(session, settings.token_pepper, request.cookies.get(SESSION_COOKIE))
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target)
    request.state.console_user = user
    return user


User = Annotated[auth.SignedIn, Depends(signed_in)]


def needs(role: Role) -> Callable[[auth.SignedIn], auth.SignedIn]:
    """Build a dependency that lets through users whose role includes `role`."""

    def check(user: User) -> auth.SignedIn:
        if not Role(user.account.role).includes(role):
            raise RoleTooLow(user, role)
        return user

    check.__name__ = f"console_{role}"
    return check


Reviewer = Annotated[auth.SignedIn, Depends(needs(Role.reviewer))]
Admin = Annotated[auth.SignedIn, Depends(needs(Role.admin))]


async def checked_form(request: Request) -> FormData:
    """Read a posted form and refuse it unless its `csrf` field matches this browser's session
    (or, before sign-in, its pre-sign-in cookie)."""
    form = await request.form()
    pepper = request.app.state.settings.token_pepper
    sent = form.get("csrf")
    secrets = (request.cookies.get(SESSION_COOKIE), request.cookies.get(PRE_COOKIE))
    if not isinstance(sent, str) or not any(auth.csrf_ok(pepper, s, sent) for s in secrets):
        raise CsrfFailed
    return form


Form = Annotated[FormData, Depends(checked_form)]


def field(form: FormData, name: str) -> str:
    """Return a form field as stripped text ('' when absent)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def page(
    request: Request,
    template: str,
    status_code: int = 200,
    secret: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render a console page with the user, its CSRF token and the nav."""
    user: auth.SignedIn | None = getattr(request.state, "console_user", None)
    pepper = request.app.state.settings.token_pepper
    secret = secret or (user.secret if user else request.cookies.get(PRE_COOKIE, ""))
    context.update(
        user=user,
        role=Role(user.account.role) if user else None,
        Role=Role,
        csrf=auth.csrf_token(pepper, secret) if secret else "",
    )
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """Set a console cookie: HttpOnly, SameSite=Strict, Secure when served over https."""
    response.set_cookie(
        name,
        value,
        max_age=auth.SESSION_HOURS * 3600,
        path="/console",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


@contextmanager
def attempt(session: Session) -> Iterator[list[DomainError]]:
    """Run a write in a savepoint: on a domain error it is undone entirely and the error is
    handed back in the list, so the page can show it and nothing is written."""
    errors: list[DomainError] = []
    try:
        with session.begin_nested():
            yield errors
    except DomainError as exc:
        errors.append(exc)


def sign_in_path(path: str) -> str:
    return f"/console/sign-in?next={quote(path, safe='')}"
