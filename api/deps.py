"""Request-scoped dependencies: the transactional session and the settings."""

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Path, Query, Request
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from api.annotate.snapshot import Snapshot
from api.common import DB_INT_MAX
from api.config import Settings
from api.db import transaction
from api.db_guard import lift_deadline
from api.errors import UnsupportedMediaType
from api.revisions.models import Page

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BULK_SECONDS = 300.0  # an import or export of the whole dataset


def request_engine(request: Request) -> Engine:
    """Return the engine for this request: reads share it, writes take the write lock first."""
    state = request.app.state
    engine: Engine = state.engine if request.method in READ_METHODS else state.write_engine
    return engine


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Yield a session that commits when the request succeeds and rolls back on any error.

    On SQLite, write requests first pass a per-process gate, waiting on the event loop rather
    than in a worker thread: SQLite has one writer at a time anyway, and a thread parked on the
    lock could be the one the lock's holder needs to finish.
    """
    gate = request.app.state.write_gate if request.method not in READ_METHODS else None
    async with gate or nullcontext():
        session = Session(request_engine(request), expire_on_commit=False)
        try:
            yield session
            await run_in_threadpool(session.commit)
        except BaseException:
            await run_in_threadpool(session.rollback)
            raise
        finally:
            await run_in_threadpool(session.close)


def get_bulk_session(session: "SessionDep") -> Session:
    """The request's session, allowed to run as long as a bulk import or export needs."""
    lift_deadline(session, BULK_SECONDS)
    return session


async def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def side_session(request: Request) -> AbstractContextManager[Session]:
    """Open a transaction of its own, for records that must outlive the request's rollback
    (tests replace the factory through `app.state.side_sessions`)."""
    factory = getattr(request.app.state, "side_sessions", None)
    if factory is not None:
        session: AbstractContextManager[Session] = factory()
        return session
    return transaction(request.app.state.write_engine)


def client_address(request: Request) -> str:
    """The client's address: the peer's, or the one a trusted proxy forwarded (see
    `trusted_proxies`); only ever used, keyed and hashed, to count requests."""
    return request.client.host if request.client else "unknown"


# scope="function": commit before the response is sent, so a failed commit is never a 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ClientAddress = Annotated[str, Depends(client_address)]
BulkSessionDep = Annotated[Session, Depends(get_bulk_session)]
RowId = Annotated[int, Path(ge=1, le=DB_INT_MAX, description="a numeric id")]
IfMatch = Annotated[
    str | None,
    Header(description="the ETag of your last read; required to change or delete", max_length=500),
]
ReasonParam = Annotated[
    str,
    Query(min_length=3, max_length=1000, description="why (recorded on the revision)"),
]
LangParam = Annotated[str | None, Query(max_length=35, pattern=r"^[A-Za-z0-9-]+$")]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Paging:
    """The page of a list that a request asks for, and the envelope its answer goes in."""

    page: int
    per_page: int

    def of(self, total: int, items: list[T]) -> Page[T]:
        """Wrap this page's `items`, out of `total` in the whole list."""
        return Page[T](items=items, total=total, page=self.page, per_page=self.per_page)

    def window(self, everything: Sequence[T]) -> Page[T]:
        """Cut this page out of the whole list."""
        start = (self.page - 1) * self.per_page
        return self.of(len(everything), list(everything[start : start + self.per_page]))


def paging(
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Paging:
    """Read the `page` and `per_page` query parameters of a list (25 a page, 100 at most)."""
    return Paging(page, per_page)


PagingDep = Annotated[Paging, Depends(paging)]


async def current_snapshot(request: Request) -> Snapshot:
    """Return the published-data snapshot (matcher and domain index) this replica serves."""
    holder = request.app.state.snapshots
    snapshot: Snapshot | None = holder.ready()
    if snapshot is not None:
        return snapshot
    built: Snapshot = await run_in_threadpool(holder.current)  # reads the database
    return built


async def read_sessions(request: Request) -> Callable[[], AbstractContextManager[Session]]:
    """Return a factory of read sessions, for routes that reach the database only sometimes
    (they open one, off the event loop, when their cache misses)."""
    engine = request.app.state.engine
    return lambda: Session(engine, expire_on_commit=False)


SnapshotDep = Annotated[Snapshot, Depends(current_snapshot)]


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


async def json_bodies_only(request: Request) -> None:
    """Refuse a request body that is not JSON with 415: every body this API reads is JSON."""
    headers = request.headers
    has_body = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
    if request.method not in BODY_METHODS or not has_body:
        return
    if request.url.path.startswith("/console/"):
        return  # the console's HTML forms post form data (and carry a CSRF token)
    content_type = headers.get("content-type", "")
    if not _is_json(content_type):
        sent = f"Content-Type {content_type!r}" if content_type else "no Content-Type"
        raise UnsupportedMediaType(
            f"the request body was sent with {sent}; send it as JSON with "
            "Content-Type: application/json"
        )


ReadSessions = Annotated[Callable[[], AbstractContextManager[Session]], Depends(read_sessions)]
