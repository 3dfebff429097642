"""Replicas: each holds a snapshot and swaps in a new one when the data version moves."""

import contextlib
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from api.annotate import snapshot as snapshot_module
from api.annotate.snapshot import SnapshotHolder
from api.db import transaction
from api.main import create_app
from api.seeding import service as seeding
from tests import factories as f
from tests.support import make_settings


def _publish_person(engine: Engine, name: str) -> str:
    cite = f.citation()
    person = f.person([cite["key"]], name=name)
    with transaction(engine) as session:
        plan = seeding.plan(session, f.records(citations=[cite], people=[person]))
        seeding.apply(session, plan, author="test", reason="replica test")
    return str(person["slug"])


def test_refresh_swaps_only_when_the_version_moves(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    holder = SnapshotHolder(engine, poll_seconds=3600)
    first = holder.current()
    assert holder.refresh() is False
    assert holder.current() is first
    slug = _publish_person(engine, "Maria Example")
    assert holder.current() is first  # the old snapshot keeps serving until a refresh
    assert holder.refresh() is True
    fresh = holder.current()
    assert fresh.version == first.version + 1
    assert [m.entities for m in fresh.matcher.annotate(["Maria Example spoke."])] == [(slug,)]


def test_two_replicas_converge_after_a_publish(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    settings = make_settings(matcher_poll_seconds=0.05)
    replicas = [create_app(settings, engine=engine) for _ in range(2)]
    clients = [TestClient(app) for app in replicas]
    for client in clients:
        client.__enter__()
    try:
        blocks = {"url": "https://news.example/a", "blocks": ["Then Ivo Example said no."]}
        assert all(c.post("/v1/annotate", json=blocks).json()["mentions"] == [] for c in clients)
        slug = _publish_person(engine, "Ivo Example")
        deadline = time.monotonic() + 10
        seen: list[bool] = [False, False]
        while not all(seen) and time.monotonic() < deadline:
            for i, client in enumerate(clients):
                mentions = client.post("/v1/annotate", json=blocks).json()["mentions"]
                seen[i] = [m["entities"] for m in mentions] == [[slug]]
            time.sleep(0.05)
        assert seen == [True, True]
    finally:
        for client in clients:
            client.__exit__(None, None, None)


def test_a_failed_rebuild_keeps_the_old_snapshot(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    holder = SnapshotHolder(engine, poll_seconds=3600)
    first = holder.current()
    _publish_person(engine, "Lena Example")

    def broken() -> None:
        raise RuntimeError("database went away")

    holder._build = broken  # type: ignore[method-assign,assignment]
    with contextlib.suppress(RuntimeError):
        holder.refresh()
    assert holder.current() is first


def test_a_person_s_match_rules_reach_the_matcher(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    cite = f.citation()
    person = f.person(
        [cite["key"]], name="Maria Example", exclude=["Maria Example Bridge"], match_surname=False
    )
    with transaction(engine) as session:
        plan = seeding.plan(session, f.records(citations=[cite], people=[person]))
        seeding.apply(session, plan, author="test", reason="match rules")
    matcher = SnapshotHolder(engine, poll_seconds=3600).current().matcher
    text = "Maria Example spoke. Example agreed. The Maria Example Bridge closed."
    assert [m.text for m in matcher.annotate([text])] == ["Maria Example"]


def test_the_first_name_pack_request_after_start_gets_the_pack_built_meanwhile(
    fresh_db: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, engine = fresh_db
    _publish_person(engine, "Nadia Example")
    app = create_app(make_settings(matcher_poll_seconds=3600), engine=engine)
    with TestClient(app) as client:
        holder: SnapshotHolder = app.state.snapshots
        deadline = time.monotonic() + 60
        while not ((s := holder.ready()) and s.pack_ready) and time.monotonic() < deadline:
            time.sleep(0.02)  # the refresher publishes the snapshot, then builds its pack
        snapshot = holder.ready()
        assert snapshot is not None
        assert snapshot.pack_ready

        def unprepared(*_: object) -> None:
            raise AssertionError("the name pack was built on request")

        monkeypatch.setattr(snapshot_module, "NamePack", unprepared)
        response = client.get("/v1/names", headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["etag"] == snapshot.name_pack.etag
    assert response.content == snapshot.name_pack.body
