"""Map domain errors, validation errors and HTTP errors to one JSON error shape."""

import logging
import re
from functools import cache

from fastapi import FastAPI, Request, routing
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from api.auth.deps import record_denial
from api.common import loc_text
from api.errors import DomainError, Forbidden, Unauthorized

log = logging.getLogger("provnotes")

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "too_many_requests",
}


def error_body(
    status: int, message: str, fields: list[dict[str, str]] | None = None
) -> dict[str, object]:
    """Build the JSON error body every failure uses."""
    error: dict[str, object] = {
        "status": status,
        "code": HTTP_CODES.get(status, "error"),
        "message": message,
    }
    if fields:
        error["fields"] = fields
    return {"error": error}


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    if isinstance(exc, Unauthorized | Forbidden):
        await run_in_threadpool(record_denial, request, exc)
    headers = {**exc.headers, **({"WWW-Authenticate": "Bearer"} if exc.status == 401 else {})}
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = []
    for error in exc.errors():
        loc = loc_text(error.get("loc", ()))
        message = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid":
            message = "request body is not valid JSON"
        fields.append({"loc": loc, "message": message})
    summary = "; ".join(f"{f['loc']}: {f['message']}" for f in fields[:5])
    return JSONResponse(error_body(422, summary or "invalid request", fields), status_code=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        # Several routes may share a path: name every method any of them allows.
        headers["Allow"] = ", ".join(allowed_methods(request))
    return JSONResponse(
        error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code, headers=headers
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this request's path."""
    methods: set[str] = set()
    for route in routing.iter_route_contexts(request.app.routes):
        original = route.original_route
        if isinstance(original, APIRoute) and _path_regex(route.path_format).match(
            request.url.path
        ):
            methods |= set(route.methods or ())
    return sorted(methods)


@cache
def _path_regex(path_format: str) -> re.Pattern[str]:
    return compile_path(path_format)[0]


async def _conflicting_write(request: Request, exc: Exception) -> JSONResponse:
    log.warning("conflicting write on %s %s: %s", request.method, request.url.path, exc)
    message = "a concurrent change conflicted with this one; reload and try again"
    return JSONResponse(error_body(409, message), status_code=409)


async def _database_busy(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    full = "disk is full" in str(exc) or "No space left" in str(exc)
    message = (
        "the database's disk is full; nothing was written (the error has been logged)"
        if full
        else "the database is busy or unreachable; try again shortly"
    )
    body = {"error": {"status": 503, "code": "unavailable", "message": message}}
    return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(
        {
            "error": {
                "status": 500,
                "code": "internal_error",
                "message": "internal error; it has been logged",
            }
        },
        status_code=500,
    )


def install(app: FastAPI) -> None:
    """Register the error handlers on an app."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _conflicting_write)
    app.add_exception_handler(OperationalError, _database_busy)
    app.add_exception_handler(PoolTimeout, _database_busy)
    app.add_exception_handler(Exception, _unexpected)
