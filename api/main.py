"""The FastAPI application factory."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.engine import Engine

from api import handlers
from api.config import Settings, get_settings
from api.db import make_engine
from api.health.routes import router as health_router
from api.middleware import BodyLimit, RequestContext

DESCRIPTION = """Cited provenance notes on news outlets and the experts they quote.

The public read API (`/v1`) serves published profiles only; the curator admin API
(`/admin/v1`) needs a bearer token."""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the application for `settings` (the environment's by default)."""
    settings = settings or get_settings()
    owns_engine = engine is None
    engine = engine or make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if app.state.owns_engine:
            engine.dispose()

    app = FastAPI(
        title="Provenance Notes", version="1.0.0", description=DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.owns_engine = owns_engine
    handlers.install(app)
    app.include_router(health_router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContext, log_path=settings.request_log)
    return app
