"""Behind a trusted proxy, feedback is limited per reader's address, as corrections are."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.config import Settings
from tests import factories
from tests.support import behind_proxy, forwarded_posts


@pytest.fixture
def app_settings() -> Settings:
    return behind_proxy(feedback_per_hour=1)


def test_each_reader_behind_the_proxy_has_a_bucket(client: TestClient, session: Session) -> None:
    factories.seed(
        session,
        citations=[factories.citation(key="p-about")],
        people=[factories.person(["p-about"], slug="p-ann")],
    )

    vote = {"entity": "p-ann", "vote": "helpful"}
    senders = ["203.0.113.7", "203.0.113.7", "198.51.100.9"]
    assert forwarded_posts(client, "/v1/feedback", vote, senders) == [202, 429, 202]
