"""Replies behind a trusted proxy are limited per sender's address; two curators acting on one
reply at the same moment cannot both win."""

import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.auth.models import Actor, Role
from api.config import Settings
from api.errors import Conflict
from api.replies import service
from api.replies.models import ReplyCreate, ReplyDecision
from tests import factories
from tests.support import behind_proxy, forwarded_posts, make_settings

REPLY = {
    "name": "P Ann",
    "role": "subject",
    "text": "The affiliation on my profile ended in 2024, as the registry shows.",
}


@pytest.fixture
def app_settings() -> Settings:
    return behind_proxy(replies_per_hour=1)


def test_each_sender_behind_the_proxy_has_a_bucket(client: TestClient, session: Session) -> None:
    factories.seed(
        session,
        citations=[factories.citation(key="rp-about")],
        people=[factories.person(["rp-about"], slug="rp-ann")],
    )
    senders = ["203.0.113.7", "203.0.113.7", "198.51.100.9"]
    path = "/v1/entities/rp-ann/replies"
    assert forwarded_posts(client, path, REPLY, senders) == [202, 429, 202]


@pytest.mark.postgres
def test_of_two_curators_deciding_at_once_one_gets_a_conflict(
    fresh_db: tuple[str, Engine],
) -> None:
    _, engine = fresh_db
    with Session(engine) as session:
        factories.seed(
            session,
            citations=[factories.citation(key="rc-about")],
            people=[factories.person(["rc-about"], slug="rc-ann")],
        )
        reply = service.submit(
            session,
            "rc-ann",
            ReplyCreate.model_validate(REPLY),
            client="198.51.100.1",
            settings=make_settings(),
            request_id=None,
        )
        session.commit()
        reply_id = reply.id
    assert reply_id is not None
    outcomes: dict[str, str] = {}
    first_wrote = threading.Event()

    def decide(name: str, outcome: str, hold: float) -> None:
        with Session(engine) as session:
            try:
                if hold == 0:
                    first_wrote.wait(5)
                data = ReplyDecision(outcome=outcome, reason=f"decided by {name}")  # type: ignore[arg-type]
                service.decide(session, Actor(name, Role.curator), reply_id, data)
                if hold:
                    first_wrote.set()
                    time.sleep(hold)  # keep the row locked while the other one tries
                session.commit()
                outcomes[name] = "done"
            except Conflict as exc:
                session.rollback()
                outcomes[name] = exc.message

    threads = [
        threading.Thread(target=decide, args=("cora", "declined", 0.5)),
        threading.Thread(target=decide, args=("cliff", "declined", 0)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcomes["cora"] == "done"
    assert outcomes["cliff"] == f"reply {reply_id} is declined, not submitted or open"
