"""Failed-auth auditing is bounded per client and minute: a flood grows the log by a fixed
amount, and the rest is counted in one summary row."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.audit.flood import DenialLimiter
from api.config import Settings
from tests.support import make_settings

PER_MINUTE = 5
FLOOD = 200


@pytest.fixture
def app_settings() -> Settings:
    return make_settings(audit_denials_per_minute=PER_MINUTE)


def _audit_bytes(session: Session) -> tuple[int, int]:
    rows = session.execute(text("SELECT actor, action, target, detail FROM audit_event")).all()
    size = sum(len(json.dumps(list(row), default=str)) for row in rows)
    return len(rows), size


def test_a_flood_of_refused_requests_grows_the_log_by_a_bounded_amount(
    client: TestClient, session: Session
) -> None:
    before = _audit_bytes(session)
    long_path = "/admin/v1/organizations/" + "x" * 60_000
    for i in range(FLOOD):
        response = client.get(long_path if i % 2 else "/admin/v1/me")
        assert response.status_code == 401
    rows, size = _audit_bytes(session)
    grown = (rows - before[0], size - before[1])
    print(f"\n{FLOOD} refused requests, 60 KB paths: audit grew by {grown[0]} rows, {grown[1]} B")
    assert grown[0] == PER_MINUTE or grown[0] == 2 * PER_MINUTE + 1  # a minute may turn
    assert grown[1] < 600 * grown[0]
    paths = session.execute(text("SELECT detail FROM audit_event")).scalars().all()
    assert all(len(json.dumps(d)) < 600 for d in paths)


def test_suppressed_denials_are_summarised_when_the_minute_is_over() -> None:
    limiter = DenialLimiter(per_minute=3, max_clients=2)
    admitted = [limiter.admit("10.0.0.1", 60.0 + i)[0] for i in range(10)]
    assert admitted == [True] * 3 + [False] * 7
    recorded, due = limiter.admit("10.0.0.2", 125.0)  # next minute: the first is summarised
    assert recorded
    assert [(s.client, s.count, s.minute.timestamp()) for s in due] == [("10.0.0.1", 7, 60.0)]
    limiter.admit("10.0.0.3", 126.0)
    limiter.admit("10.0.0.4", 126.0)  # over max_clients: shares the overflow bucket
    assert set(limiter.clients) == {"10.0.0.2", "10.0.0.3", "*"}
    assert limiter.flush() == []
    assert limiter.clients == {}
