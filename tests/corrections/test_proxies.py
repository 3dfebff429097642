"""Behind a trusted proxy the rate limit counts each reader's address, not the proxy's."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from api.config import Settings
from api.main import create_app
from tests.support import behind_proxy, forwarded_posts, make_settings

REQUEST = {
    "entity": "sputnik",
    "message": "Sputnik Türkiye moved to a new domain last year.",
    "source_url": "https://example.org/news",
}


@pytest.fixture
def app_settings() -> Settings:
    return behind_proxy(corrections_per_hour=2)


def _send(client: TestClient, *forwarded_for: str) -> list[int]:
    return forwarded_posts(client, "/v1/corrections", REQUEST, forwarded_for)


def test_readers_behind_a_trusted_proxy_have_their_own_buckets(client: TestClient) -> None:
    assert _send(client, *["203.0.113.7"] * 3, "198.51.100.9") == [202, 202, 429, 202]
    # The proxy appends the peer it saw; an address the reader forged in front is ignored.
    assert _send(client, *["203.0.113.99, 198.51.100.9"] * 2) == [202, 429]


def test_forwarded_headers_from_an_untrusted_peer_are_ignored(
    fresh_db: tuple[str, Engine],
) -> None:
    url, engine = fresh_db
    settings = make_settings(database_url=url, corrections_per_hour=2)
    with TestClient(create_app(settings, engine=engine)) as client:
        statuses = _send(client, *(f"203.0.113.{i}" for i in range(3)))
    assert statuses == [202, 202, 429]  # one bucket: the peer's
