"""Bulk loading aids for seed runs: the collector held off, indexes built once at the end."""

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection, Table, literal, select
from sqlmodel import Session

from api.citations.models import Citation
from api.common import collector_paused
from api.designations.models import OutletDesignation
from api.notes.models import ReaderNote
from api.organizations.models import Organization, OutletDomain
from api.people.models import Person
from api.profiles.projection import table
from api.relations.models import ClaimCitation, Relation
from api.revisions.models import Document, Revision

# Every table a seed run writes rows into.
WRITTEN = tuple(
    table(model)
    for model in (
        Citation,
        Organization,
        Person,
        OutletDomain,
        OutletDesignation,
        Relation,
        ClaimCitation,
        ReaderNote,
        Document,
        Revision,
    )
)


@contextmanager
def collector_held() -> Iterator[None]:
    """Keep the cyclic garbage collector off for a whole seed run, and hand what the run still
    holds at its end to the collector's oldest generation without a collection.

    Reading, validating and writing make several objects per record that hold no cycles
    (reference counting frees them): with the collector on, its collections walked every
    record read so far, over and over; turned back on with the run's plan still alive, its
    first collection walked each of those millions of objects once more (seconds, for a plan
    the command prints and drops). Frozen and unfrozen, they join the objects that only full
    collections look at, which a `seed` process ends before it needs. (Objects frozen before,
    as the matcher freezes its automaton, rejoin that generation too.)
    """
    settle = gc.isenabled()
    with collector_paused():
        try:
            yield
        finally:
            if settle:  # before the collector is back on, so no collection walks them first
                gc.freeze()
                gc.unfreeze()


@contextmanager
def indexes_deferred(session: Session, tables: Iterable[Table] = WRITTEN) -> Iterator[None]:
    """On SQLite, drop the plain (non-unique) indexes of those `tables` that hold no rows yet,
    and create them again when the block ends, in the session's transaction.

    Sorting a whole column once costs a fraction of keeping its B-tree in order row by row: a
    first load of 100,000 people spent a third of its insert time on the claim tables' indexes.
    Unique and primary keys stay, so every constraint is still checked row by row; the drop is
    part of the transaction, so a run that fails leaves the indexes as they were, and readers
    never see the tables without them. Tables with rows, and other databases, are left alone.
    """
    connection = session.connection()
    deferred: list[str] = []
    if connection.dialect.name == "sqlite":
        for target in tables:
            if connection.execute(select(literal(1)).select_from(target).limit(1)).first():
                continue
            listed = connection.exec_driver_sql(f'PRAGMA index_list("{target.name}")').all()
            for name in (row.name for row in listed if row.origin == "c" and not row.unique):
                sql = connection.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
                ).scalar_one()
                connection.exec_driver_sql(f'DROP INDEX "{name}"')
                deferred.append(sql)
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the error that stopped the load is the one to report
            _create(connection, deferred)
        raise
    _create(connection, deferred)


def _create(connection: Connection, statements: list[str]) -> None:
    for sql in statements:
        connection.exec_driver_sql(sql)
