"""Database engine, metadata naming convention and transactional sessions."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
from sqlalchemy import JSON, MetaData, Table, event, insert
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, SQLModel, create_engine

from api.db_guard import guard

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

WRITE_OPTION = "provnotes_write"
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)
metadata = SQLModel.metadata


def normalize_url(url: str) -> str:
    """Use the psycopg 3 driver for plain `postgresql://` URLs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy, not the driver, issue BEGIN, so SAVEPOINTs and rollbacks behave.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE), so concurrent writers queue on
    # busy_timeout and then see each other's commits, instead of failing at their first write.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, deadline: float | None = None, **kwargs: Any) -> Engine:
    """Create an engine with the settings each backend needs (JSON columns via orjson).

    On PostgreSQL, `deadline` bounds every wait for the server (connect, statement, commit) and
    the wait for a pooled connection, so a hung server costs a request at most that long.
    """
    url = normalize_url(url)
    kwargs.setdefault("json_serializer", _json_text)
    kwargs.setdefault("json_deserializer", orjson.loads)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if "poolclass" not in kwargs:
        # As many connections as the worker threads that may wait for one (anyio's default 40):
        # a request holds its connection between thread hops, so a smaller pool can starve.
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 30)
        if deadline is not None:
            kwargs.setdefault("pool_timeout", deadline)
    if deadline is not None:
        parsed = make_url(url)
        options = str(parsed.query.get("options", ""))
        kwargs["connect_args"] = {
            **kwargs.get("connect_args", {}),
            "connect_timeout": max(2, round(deadline)),
            "options": f"{options} -c statement_timeout={int(deadline * 1000)}".strip(),
        }
    engine = create_engine(url, **kwargs)
    if deadline is not None:
        guard(engine, deadline)
    return engine


def for_writes(engine: Engine) -> Engine:
    """Return the engine that write requests use (SQLite: BEGIN IMMEDIATE)."""
    return engine.execution_options(**{WRITE_OPTION: True})


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """Open a session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def insert_rows(session: Session, target: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows that nothing reads back, all with the same keys: COPY on PostgreSQL
    (several times faster than INSERT for a seed run), one executemany elsewhere."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        for start in range(0, len(rows), 5000):
            session.execute(insert(target), list(rows[start : start + 5000]))
        return
    columns = list(rows[0])
    as_json = {c.name for c in target.c if isinstance(c.type, JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    raw: Any = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{target.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [
                    _json_text(row[c]) if c in as_json and row[c] is not None else row[c]
                    for c in columns
                ]
            )


def insert_returning_ids(
    session: Session, target: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert rows and return their new ids, in order. On PostgreSQL the ids are taken from the
    table's sequence in one statement and the rows copied in with them (COPY); elsewhere one
    multi-row INSERT … RETURNING."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        statement = insert(target).returning(target.c.id, sort_by_parameter_order=True)
        return [row_id for (row_id,) in session.execute(statement, list(rows))]
    ids = [
        int(row_id)
        for (row_id,) in connection.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) "
            "FROM generate_series(1, %(count)s)",
            {"table": target.name, "count": len(rows)},
        )
    ]
    insert_rows(
        session, target, [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)]
    )
    return ids
