"""Bulk loading: the indexes a first load defers are all there once it ends, or fails; the
collector held off for a run sees everything again after it."""

import gc
import weakref

import pytest
from sqlalchemy import inspect
from sqlmodel import Session

from api.seeding.bulk import WRITTEN, collector_held, indexes_deferred
from tests import factories as f


def _indexes(session: Session) -> dict[str, set[str]]:
    found = inspect(session.connection())
    return {t.name: {i["name"] or "" for i in found.get_indexes(t.name)} for t in WRITTEN}


def _sample() -> dict[str, list[dict[str, object]]]:
    cite = f.citation()
    outlet = f.outlet([cite["key"]])
    person = f.person(
        [cite["key"]],
        relations=[{"type": "employed_by", "object": outlet["slug"], "citations": [cite["key"]]}],
    )
    return {"citations": [cite], "organizations": [outlet], "people": [person]}


def test_a_first_load_ends_with_every_index_it_began_with(session: Session) -> None:
    before = _indexes(session)
    assert before["claim_citation"]  # the tables have plain indexes to defer
    f.seed(session, **_sample())
    assert _indexes(session) == before


def test_only_sqlite_drops_the_empty_tables_plain_indexes_for_the_load(
    session: Session,
) -> None:
    sample = _sample()
    f.seed(session, citations=sample["citations"], organizations=sample["organizations"])
    before = _indexes(session)
    with indexes_deferred(session):
        during = _indexes(session)
    if session.connection().dialect.name == "sqlite":
        assert during["person"] == before["person"] - {"ix_person_name", "ix_person_country"}
        assert during["organization"] == before["organization"]  # it holds a row: left alone
    else:
        assert during == before  # other databases keep their indexes through a load
    assert _indexes(session) == before


def test_a_load_that_fails_leaves_the_indexes_in_place(session: Session) -> None:
    before = _indexes(session)
    with pytest.raises(RuntimeError, match="stopped"), indexes_deferred(session):
        raise RuntimeError("stopped")
    assert _indexes(session) == before
    f.seed(session, **_sample())  # and the next load finds them as a first load would
    assert _indexes(session) == before


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_the_collector_is_held_for_the_run_and_misses_nothing_after_it() -> None:
    assert gc.isenabled()
    with collector_held():
        assert not gc.isenabled()
        node = _Node()  # a cycle that only the collector frees
        alive = weakref.ref(node)
        del node
    assert gc.isenabled()
    assert alive() is not None  # nothing collected it while held
    gc.collect()
    assert alive() is None  # and nothing was left frozen out of its sight
