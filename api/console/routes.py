"""The console's routes, static files and the handlers that turn sign-in, role and CSRF
failures into pages."""

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from api.console import (
    pages_admin,
    pages_auth,
    pages_curate,
    pages_feedback,
    pages_page,
    pages_replies,
    pages_review,
)
from api.console.deps import (
    HERE,
    CsrfFailed,
    RoleTooLow,
    SignInRequired,
    page,
    redirect,
    sign_in_path,
)


async def _sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return redirect(sign_in_path(exc.path))


async def _role(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RoleTooLow)
    request.state.console_user = exc.user
    message = f"This page needs the {exc.needed} role; you are a {exc.user.account.role}."
    return page(request, "message.html", 403, heading="Not allowed", message=message)


async def _csrf(request: Request, exc: Exception) -> Response:
    message = (
        "The form could not be checked (it may be from an old page or another site). "
        "Reload the page and try again."
    )
    return page(request, "message.html", 403, heading="Form expired", message=message)


def install(app: FastAPI) -> None:
    """Mount the console at /console (outside the OpenAPI schema)."""
    for module in (
        pages_auth,
        pages_curate,
        pages_page,
        pages_review,
        pages_feedback,
        pages_replies,
        pages_admin,
    ):
        app.include_router(module.router)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(RoleTooLow, _role)
    app.add_exception_handler(CsrfFailed, _csrf)
