"""Database engine, metadata naming convention and transactional sessions."""

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
from sqlalchemy import JSON, Index, MetaData, Table, event, func, insert, select, text
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


def partial_index(table: str, column: str, where: str | None = None) -> Index:
    """The index `ix_<table>_<column>` of only the rows `where` (SQL; by default, those whose
    `column` is set) holds for, on SQLite and PostgreSQL alike: for a column most rows leave
    NULL, or a status most rows have left, which no query looks rows up by. A query whose own
    condition implies `where` (`column = ?` implies `column IS NOT NULL`) still uses it."""
    clause = text(where or f"{column} IS NOT NULL")
    return Index(f"ix_{table}_{column}", column, sqlite_where=clause, postgresql_where=clause)


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


def _names_defaults(target: Table, columns: Sequence[str]) -> bool:
    """Whether rows name every column that has a Python-side default: the bulk paths below
    write only the columns they are given, so any other rows go through SQLAlchemy's insert,
    which fills those defaults in."""
    return all(c.name in columns for c in target.c if c.default is not None and not c.primary_key)


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


def _stored(
    rows: Sequence[Sequence[Any]],
    converters: Sequence[Callable[[Any], Any] | None],
    ids: Sequence[int] | None = None,
) -> Sequence[Sequence[Any]]:
    """The rows as the driver is to receive them: each value passed through its column's
    converter (if any) and, with `ids`, each row's id after its values. Rows no converter
    touches pass as they are; otherwise the converted columns are mapped whole (a column
    holding one value throughout, as a run's timestamps do, converted once) and the rows
    zipped again."""
    converted = [(at, convert) for at, convert in enumerate(converters) if convert]
    if not converted:
        if ids is None:
            return rows
        return [(*row, row_id) for row, row_id in zip(rows, ids, strict=True)]
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for at, convert in converted:
        column = columns[at]
        first = column[0]
        if all(value is first for value in column):
            columns[at] = [convert(first)] * len(column)
        else:
            columns[at] = list(map(convert, column))
    if ids is not None:
        columns.append(ids)
    return list(zip(*columns, strict=True))


def insert_rows(
    session: Session,
    target: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ids: Sequence[int] | None = None,
) -> None:
    """Insert many rows that nothing reads back, each a tuple of values in the order of
    `columns` (and, with `ids`, the id of each): COPY on PostgreSQL (several times faster than
    INSERT for a seed run), one executemany on the driver's cursor on SQLite. Each value is
    converted by its column's own bind processor on SQLite (so it is stored exactly as
    SQLAlchemy would store it) and JSON values encoded for COPY, without SQLAlchemy's per-row
    statement machinery, which cost several times the insert itself on a seed run; errors
    still arrive as SQLAlchemy's own exceptions. Rows that leave out a column with a
    Python-side default, and other databases, go through SQLAlchemy's insert."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect.name
    names = [*columns, *(["id"] if ids is not None else [])]
    if dialect not in ("sqlite", "postgresql") or not _names_defaults(target, columns):
        dicts = [dict(zip(names, row, strict=True)) for row in _stored(rows, [], ids)]
        for start in range(0, len(dicts), 5000):
            session.execute(insert(target), dicts[start : start + 5000])
        return
    quote = connection.dialect.identifier_preparer.quote
    head = f"{quote(target.name)} ({', '.join(map(quote, names))})"
    if dialect == "sqlite":
        converters = [_sqlite_processor(target, name, connection) for name in columns]
        marks = ", ".join("?" * len(names))
        connection.exec_driver_sql(
            f"INSERT INTO {head} VALUES ({marks})",  # noqa: S608 (quoted names, bound values)
            list(_stored(rows, converters, ids)),  # a list: many rows, not one
        )
        return
    as_json = [_json_or_null if isinstance(target.c[name].type, JSON) else None for name in columns]
    raw: Any = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {head} FROM STDIN") as copy:
        for value in _stored(rows, as_json, ids):
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
    session: Session, target: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert rows, each a tuple of values in the order of `columns`, and return their new ids,
    in order: the ids are reserved first (see `_new_ids`), then the rows written with them in
    bulk (`insert_rows`); other databases use one multi-row INSERT … RETURNING."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name not in ("postgresql", "sqlite"):
        statement = insert(target).returning(target.c.id, sort_by_parameter_order=True)
        dicts = [dict(zip(columns, row, strict=True)) for row in rows]
        return [row_id for (row_id,) in session.execute(statement, dicts)]
    ids = _new_ids(session, target, len(rows))
    insert_rows(session, target, columns, rows, ids=ids)
    return ids
