"""`/healthz` (the process is up) and `/readyz` (the database answers)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Report that the process is up (never waits for the database)."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=None,
    responses={503: {"description": "The database does not answer; see `Retry-After`"}},
)
def readyz(request: Request) -> JSONResponse:
    """Report whether the database is reachable."""
    try:
        with request.app.state.engine.connect() as connection:
            version = connection.execute(text("SELECT version FROM data_version")).scalar()
    except SQLAlchemyError as exc:
        reason = type(exc).__name__
        return JSONResponse(
            {"status": "unavailable", "database": reason},
            status_code=503,
            headers={"Retry-After": "1"},
        )
    return JSONResponse({"status": "ready", "data_version": version})
