"""Map domain errors, validation errors and HTTP errors to one JSON error shape."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

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


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse(
        error_body(exc.status_code, str(exc.detail)),
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


async def _conflicting_write(request: Request, exc: Exception) -> JSONResponse:
    log.warning("conflicting write on %s %s: %s", request.method, request.url.path, exc)
    message = "a concurrent change conflicted with this one; reload and try again"
    return JSONResponse(error_body(409, message), status_code=409)


async def _database_busy(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    body = {
        "error": {
            "status": 503,
            "code": "unavailable",
            "message": "the database is busy or unreachable; try again shortly",
        }
    }
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
