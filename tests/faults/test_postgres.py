"""PostgreSQL frozen (SIGSTOP) and stopped under load: routes that need no database keep
answering, database routes answer 503 with Retry-After at once, and everything recovers
without a restart. Prints its figures."""

import signal
import time
from pathlib import Path

import pytest

from tests.faults.conftest import admin_headers
from tests.faults.load import Load, ms, percentile
from tests.faults.postgres import Cluster
from tests.live import live_server

pytestmark = pytest.mark.faults
FROZEN = 10.0
ROUTES = {"/v1/index": 2, "/admin/v1/me": 3, "/readyz": 1}
DATABASE_ROUTES = ("/admin/v1/me", "/readyz")


def _recovered(load: Load, since: float) -> float | None:
    firsts = [
        s.at + s.seconds - since
        for s in load.samples
        if s.route == "/admin/v1/me" and s.at >= since and s.status == 200
    ]
    return min(firsts) if firsts else None


def _report(load: Load, label: str, start: float, end: float) -> dict[str, float]:
    index = load.window("/v1/index", start, end)
    base_index = load.window("/v1/index", 0.0, start)
    db = [s for route in DATABASE_ROUTES for s in load.window(route, start, end)]
    refused = [s for s in db if s.status == 503]
    figures = {
        "index_p99": percentile([s.seconds for s in index], 99),
        "index_p99_before": percentile([s.seconds for s in base_index], 99),
        "db_p99": percentile([s.seconds for s in db], 99),
        "db_max": max((s.seconds for s in db), default=0.0),
    }
    print(
        f"\n{label}: /v1/index p50 {ms(percentile([s.seconds for s in index], 50))}, "
        f"p99 {ms(figures['index_p99'])} (before: p99 {ms(figures['index_p99_before'])}, "
        f"{len(index)} requests); database routes: {len(db)} requests, {len(refused)} × 503 "
        f"({sum(s.retry_after for s in refused)} with Retry-After), p99 {ms(figures['db_p99'])}, "
        f"max {ms(figures['db_max'])}"
    )
    assert {s.status for s in index} == {200}, load.unexpected
    assert {s.status for s in db} <= {200, 503}, load.unexpected
    assert all(s.retry_after for s in refused)
    return figures


def _server_case(pg: Cluster, tmp_path: Path, fault: str) -> None:
    headers = admin_headers(pg.url)
    with (
        live_server(pg.url, tmp_path) as base,
        Load(base, ROUTES, headers=headers) as load,
    ):
        time.sleep(2.0)
        start = load.now()
        if fault == "frozen":
            pg.signal(signal.SIGSTOP)
            time.sleep(FROZEN)
            end = load.now()
            pg.signal(signal.SIGCONT)
        else:
            pg.stop()
            time.sleep(4.0)
            end = load.now()
            pg.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _recovered(load, end) is None:
            time.sleep(0.1)
        time.sleep(0.5)
    figures = _report(load, f"PostgreSQL {fault}", start, end)
    recovered = _recovered(load, end)
    assert recovered is not None  # back without a restart
    print(
        f"PostgreSQL {fault}: first 200 from a database route {recovered:.2f} s after it returned"
    )
    assert figures["db_max"] < 5.0  # nothing waits for the server to come back


def test_frozen_postgres_under_load(postgres: Cluster, tmp_path: Path) -> None:
    _server_case(postgres, tmp_path, "frozen")


def test_stopped_postgres_under_load(postgres: Cluster, tmp_path: Path) -> None:
    _server_case(postgres, tmp_path, "stopped")
