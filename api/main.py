"""The FastAPI application factory."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from sqlalchemy.engine import Engine
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api import handlers, openapi
from api.admin import router as admin_router
from api.annotate.public import router as annotate_router
from api.annotate.snapshot import SnapshotHolder
from api.audit.flood import DenialLimiter
from api.auth.deps import write_suppressed
from api.cards.public import router as cards_router
from api.config import Settings, get_settings
from api.console import routes as console
from api.corrections.public import router as corrections_router
from api.db import for_writes, make_engine, transaction
from api.deps import json_bodies_only
from api.docs import pages as docs
from api.edge import TextGuard
from api.feedback.public import router as feedback_router
from api.health.routes import router as health_router
from api.middleware import BodyLimit, RequestContext
from api.opendata.public import router as opendata_router
from api.outlets.public import router as outlets_router
from api.replies.public import router as replies_router
from api.web import SecurityHeaders, SplitCORS

DESCRIPTION = """Cited provenance notes on news outlets and the experts they quote.

The public read API (`/v1`) serves published profiles only; the curator admin API
(`/admin/v1`) needs a bearer token."""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the application for `settings` (the environment's by default)."""
    settings = settings or get_settings()
    owns_engine = engine is None
    engine = engine or make_engine(settings.database_url, deadline=settings.db_deadline_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.snapshots.start()
        yield
        app.state.snapshots.stop()
        sessions = getattr(app.state, "side_sessions", None) or (
            lambda: transaction(app.state.write_engine)
        )
        for summary in app.state.denials.flush():
            write_suppressed(sessions, summary)
        if app.state.owns_engine:
            engine.dispose()

    app = FastAPI(
        title="Provenance Notes",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(json_bodies_only)],
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.write_engine = for_writes(engine)
    app.state.write_gate = asyncio.Lock() if engine.dialect.name == "sqlite" else None
    app.state.owns_engine = owns_engine
    app.state.denials = DenialLimiter(settings.audit_denials_per_minute)
    app.state.snapshots = SnapshotHolder(engine, settings.matcher_poll_seconds)
    handlers.install(app)
    docs.install(app)
    openapi.install(app)
    app.include_router(health_router)
    app.include_router(outlets_router)
    app.include_router(annotate_router)
    app.include_router(opendata_router)
    app.include_router(cards_router)
    app.include_router(corrections_router)
    app.include_router(feedback_router)
    app.include_router(replies_router)
    app.include_router(admin_router)
    console.install(app)
    app.add_middleware(SplitCORS, admin_origins=settings.admin_cors_origins)
    app.add_middleware(TextGuard, streamed=frozenset({"/admin/v1/import"}))
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        paths={
            "/admin/v1/import": settings.max_import_bytes,
            "/v1/corrections": settings.max_correction_bytes,
            "/v1/feedback": settings.max_feedback_bytes,
        },
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestContext, log_path=settings.request_log)
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    return app
