"""Behind a trusted proxy the rate limit counts each reader's address, not the proxy's."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from api.config import Settings
from api.main import create_app
from tests.support import make_settings

REQUEST = {
    "entity": "sputnik",
    "message": "Sputnik Türkiye moved to a new domain last year.",
    "source_url": "https://example.org/news",
}


@pytest.fixture
def app_settings() -> Settings:
    # TestClient's peer is "testclient": here it plays the reverse proxy.
    return make_settings(corrections_per_hour=2, trusted_proxies=["testclient"])


def _send(client: TestClient, forwarded_for: str) -> int:
    response = client.post(
        "/v1/corrections", json=REQUEST, headers={"X-Forwarded-For": forwarded_for}
    )
    return response.status_code


def test_readers_behind_a_trusted_proxy_have_their_own_buckets(client: TestClient) -> None:
    assert [_send(client, "203.0.113.7") for _ in range(3)] == [202, 202, 429]
    assert _send(client, "198.51.100.9") == 202
    # The proxy appends the peer it saw; an address the reader forged in front is ignored.
    assert _send(client, "203.0.113.99, 198.51.100.9") == 202
    assert _send(client, "203.0.113.99, 198.51.100.9") == 429


def test_forwarded_headers_from_an_untrusted_peer_are_ignored(
    fresh_db: tuple[str, Engine],
) -> None:
    url, engine = fresh_db
    settings = make_settings(database_url=url, corrections_per_hour=2)
    with TestClient(create_app(settings, engine=engine)) as client:
        statuses = [_send(client, f"203.0.113.{i}") for i in range(3)]
    assert statuses == [202, 202, 429]  # one bucket: the peer's
