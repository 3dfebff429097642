"""Behind a trusted proxy, feedback is limited per reader's address, as corrections are."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.config import Settings
from tests import factories
from tests.support import make_settings


@pytest.fixture
def app_settings() -> Settings:
    # TestClient's peer is "testclient": here it plays the reverse proxy.
    return make_settings(feedback_per_hour=1, trusted_proxies=["testclient"])


def test_each_reader_behind_the_proxy_has_a_bucket(client: TestClient, session: Session) -> None:
    factories.seed(
        session,
        citations=[factories.citation(key="p-about")],
        people=[factories.person(["p-about"], slug="p-ann")],
    )

    def vote(forwarded_for: str) -> int:
        body = {"entity": "p-ann", "vote": "helpful"}
        headers = {"X-Forwarded-For": forwarded_for}
        return client.post("/v1/feedback", json=body, headers=headers).status_code

    assert [vote("203.0.113.7"), vote("203.0.113.7"), vote("198.51.100.9")] == [202, 429, 202]
