"""Database engine, metadata naming convention and transactional sessions."""

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import JSON, MetaData, Table, event, func, insert, select
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
SQLITE_MMAP_BYTES = 256 * 2**20
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
    # Read pages through one shared mapping of the file rather than a read call and a copy
    # into each connection's small page cache: cold card builds read scattered pages.
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _json_or_null(value: Any) -> str | None:
    return None if value is None else _json_text(value)


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


def _names_defaults(target: Table, row: dict[str, Any]) -> bool:
    """Whether a row names every column that has a Python-side default: the bulk paths below
    write only the columns they are given, so any other row goes through SQLAlchemy's insert,
    which fills those defaults in."""
    return all(c.name in row for c in target.c if c.default is not None and not c.primary_key)


def _sqlite_processor(
    target: Table, name: str, connection: Connection
) -> Callable[[Any], Any] | None:
    """A column's bind processor; outside JSON columns, one that converts a value passed again
    (the same object: every row's `reviewed_at` is one instant) only once, the driver's own
    adapter included (sqlite3 turns each datetime into text)."""
    column_type = target.c[name].type
    process = column_type.bind_processor(connection.dialect)
    if isinstance(column_type, JSON) and not column_type.none_as_null:
        return _json_text  # what the JSON type's processor does with lists, dicts and None
    if process is None or isinstance(column_type, JSON):
        return process
    last: list[Any] = [object(), None]  # the value last converted, and what it became

    def convert(value: Any) -> Any:
        if value is not last[0]:
            out = process(value)
            adapt = sqlite3.adapters.get((type(out), sqlite3.PrepareProtocol))
            last[:] = value, adapt(out) if adapt else out
        return last[1]

    return convert


def _sqlite_insert(
    session: Session, target: Table, rows: Sequence[dict[str, Any]], ids: Sequence[int] | None
) -> None:
    """One executemany on the driver's cursor: each value converted by its column's own bind
    processor (so it is stored exactly as SQLAlchemy would store it), without SQLAlchemy's
    per-row statement machinery, which cost several times the insert itself on a seed run.
    Errors still arrive as SQLAlchemy's own exceptions."""
    connection = session.connection()
    keys = [*rows[0], *(["id"] if ids is not None else [])]
    compiled = insert(target).compile(dialect=connection.dialect, column_keys=keys)
    names = list(compiled.positiontup or [])
    converters = {name: _sqlite_processor(target, name, connection) for name in names}
    connection.exec_driver_sql(str(compiled), _values(rows, names, converters, ids))


def _values(
    rows: Sequence[dict[str, Any]],
    names: list[str],
    converters: dict[str, Callable[[Any], Any] | None],
    ids: Sequence[int] | None = None,
) -> list[Sequence[Any]]:
    """The rows' values in the order of `names` (`ids` as the column "id", when given), each
    passed through its column's converter (if any): picked in C, then each converted column
    mapped as a whole (a column holding one value throughout, as a run's timestamps do,
    converted once) and the rows zipped again."""
    picked = [name for name in names if ids is None or name != "id"]
    pick = itemgetter(*picked) if len(picked) > 1 else lambda row: (row[picked[0]],)
    converted = [(at, convert) for at, name in enumerate(names) if (convert := converters[name])]
    values: list[Sequence[Any]] = [pick(row) for row in rows]
    if (not converted and ids is None) or not values:
        return values
    columns: list[Sequence[Any]] = list(zip(*values, strict=True))
    if ids is not None:
        columns.insert(names.index("id"), ids)
    for at, convert in converted:
        column = columns[at]
        first = column[0]
        if all(value is first for value in column):
            columns[at] = [convert(first)] * len(column)
        else:
            columns[at] = list(map(convert, column))
    return list(zip(*columns, strict=True))


def insert_rows(
    session: Session,
    target: Table,
    rows: Sequence[dict[str, Any]],
    *,
    ids: Sequence[int] | None = None,
) -> None:
    """Insert many rows that nothing reads back, all with the same keys (and, with `ids`, the
    id of each): COPY on PostgreSQL (several times faster than INSERT for a seed run), one
    executemany elsewhere."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "sqlite" and _names_defaults(target, rows[0]):
        _sqlite_insert(session, target, rows, ids)
        return
    if connection.dialect.name != "postgresql" or not _names_defaults(target, rows[0]):
        if ids is not None:
            rows = [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)]
        for start in range(0, len(rows), 5000):
            session.execute(insert(target), list(rows[start : start + 5000]))
        return
    columns = [*rows[0], *(["id"] if ids is not None else [])]
    as_json = {c.name: _json_or_null for c in target.c if isinstance(c.type, JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    raw: Any = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{target.name}" ({names}) FROM STDIN') as copy:
        for value in _values(rows, columns, {c: as_json.get(c) for c in columns}, ids):
            copy.write_row(value)


def _new_ids(session: Session, target: Table, count: int) -> list[int]:
    """Reserve `count` ids for rows about to be inserted into `target`. PostgreSQL: from the
    table's sequence, in one statement. SQLite: the ids after the largest one, which is what it
    would pick itself; the transaction holds the write lock once it writes, and a writer that
    committed in between makes its first write fail (busy snapshot), so two never collide."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        ids = connection.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) "
            "FROM generate_series(1, %(count)s)",
            {"table": target.name, "count": count},
        )
        return list(ids.scalars().all())  # all at once: row by row cost a second per 100,000
    top = session.execute(select(func.max(target.c.id))).scalar()
    start = int(top or 0) + 1
    return list(range(start, start + count))


def insert_returning_ids(
    session: Session, target: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert rows and return their new ids, in order: the ids are reserved first (see
    `_new_ids`), then the rows written with them in bulk (COPY on PostgreSQL, one executemany on
    SQLite); other databases use one multi-row INSERT … RETURNING."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name not in ("postgresql", "sqlite"):
        statement = insert(target).returning(target.c.id, sort_by_parameter_order=True)
        return [row_id for (row_id,) in session.execute(statement, list(rows))]
    ids = _new_ids(session, target, len(rows))
    insert_rows(session, target, rows, ids=ids)
    return ids
