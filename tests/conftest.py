"""Test fixtures: one migrated database per run (SQLite or PostgreSQL), a rolled-back
transaction per test, and fresh databases for tests that must really commit."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.annotate.snapshot import Snapshot, build_snapshot
from api.config import Settings, get_settings
from api.db import make_engine
from api.deps import current_snapshot, get_session, read_sessions
from api.main import create_app
from api.migrations import upgrade
from tests.staff import Staff
from tests.support import BACKEND, POSTGRES_URL, make_settings, require


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` (parallel writers) belong to the PostgreSQL run only, tests
    marked `sqlite_run` (independent of the backend under test) to the SQLite run only."""
    other_run = "sqlite_run" if BACKEND == "postgresql" else "postgres"
    elsewhere = [item for item in items if item.get_closest_marker(other_run)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if not item.get_closest_marker(other_run)]


class Database:
    """Creates isolated, migrated databases: a SQLite file or a PostgreSQL schema each."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.schemas: list[str] = []
        self.engines: list[Engine] = []

    def url_and_engine(self) -> tuple[str, Engine]:
        if BACKEND == "postgresql":
            schema = f"pn_test_{uuid.uuid4().hex[:12]}"
            admin = make_engine(POSTGRES_URL)
            try:
                with admin.begin() as connection:
                    connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            except Exception as exc:
                admin.dispose()
                require(False, f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc}")
            admin.dispose()
            self.schemas.append(schema)
            sep = "&" if "?" in POSTGRES_URL else "?"
            url = f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
        else:
            url = f"sqlite:///{self.tmp / f'{uuid.uuid4().hex[:12]}.db'}"
        engine = make_engine(url)
        upgrade(engine)
        self.engines.append(engine)
        return url, engine

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()
        if self.schemas:
            admin = make_engine(POSTGRES_URL)
            with admin.begin() as connection:
                for schema in self.schemas:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database(tmp_path_factory.mktemp("db"))
    yield db
    db.close()


@pytest.fixture(scope="session")
def engine(databases: Database) -> Engine:
    """The run's shared, migrated database; tests reach it only through `session`."""
    return databases.url_and_engine()[1]


@pytest.fixture
def fresh_db(databases: Database) -> tuple[str, Engine]:
    """A new, empty, migrated database for a test that must commit for real."""
    return databases.url_and_engine()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test (savepoint mode)."""
    connection = engine.connect()
    outer = connection.begin()
    db_session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield db_session
    finally:
        db_session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def cli_sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let CLI commands change PROVNOTES_* variables and the cached settings; undo both after."""
    for name in ("DATABASE_URL", "PROVNOTES_DATABASE_URL", "PROVNOTES_PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def app_settings() -> Settings:
    return make_settings()


@pytest.fixture
def client(engine: Engine, session: Session, app_settings: Settings) -> Iterator[TestClient]:
    """An HTTP client whose requests all run inside the test's rolled-back transaction."""
    app = create_app(app_settings, engine=engine)

    @contextmanager
    def request_transaction() -> Iterator[Session]:
        # Like the real session dependency, per request: commit on success, roll back on error.
        # Here both act on savepoints, so the test's outer transaction still undoes everything;
        # the first commit keeps the test's own setup out of a failing request's rollback.
        session.commit()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    def same_session() -> Iterator[Session]:
        with request_transaction() as request_session:
            yield request_session

    def snapshot_of_this_transaction() -> Snapshot:
        # The shared snapshot reads committed data; a test's data lives in its transaction.
        return build_snapshot(session)

    app.dependency_overrides[get_session] = same_session
    app.dependency_overrides[current_snapshot] = snapshot_of_this_transaction
    app.dependency_overrides[read_sessions] = lambda: request_transaction
    app.state.side_sessions = request_transaction
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def seeded(session: Session) -> Session:
    """The test's session with the curated seed_data/ folder loaded (rolled back after)."""
    from api.seeding import service as seeding
    from api.seeding.files import read_path
    from tests.support import ROOT

    plan = seeding.plan(session, read_path(ROOT / "seed_data"))
    seeding.apply(session, plan, author="test", reason="seed_data for tests")
    session.flush()
    return session


@pytest.fixture
def staff(session: Session, app_settings: Settings) -> Staff:
    """Admin-API accounts with bearer headers: curators cora and cliff, reviewers rita and remy,
    admin ada (created in the test's transaction)."""
    from tests.staff import make_staff

    return make_staff(session, app_settings.token_pepper)
