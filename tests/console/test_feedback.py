"""Console page "Feedback": profiles in the order of their "not helpful" reasons, with words."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories
from tests.console.conftest import SignIn
from tests.staff import check


def test_the_feedback_page_lists_the_most_doubted_profile_first(
    client: TestClient, session: Session, sign_in: SignIn
) -> None:
    factories.seed(
        session,
        citations=[factories.citation(key="c-about")],
        organizations=[factories.outlet(["c-about"], slug="c-daily", name="C Daily")],
        people=[factories.person(["c-about"], slug="c-ann", name="C Ann")],
    )
    votes = [
        {"entity": "c-daily", "vote": "not_helpful", "reasons": ["outdated"]},
        {"entity": "c-ann", "vote": "not_helpful", "reasons": ["source_dead"]},
        {"entity": "c-ann", "vote": "not_helpful", "reasons": ["other"], "text": "<b>gone</b>"},
    ]
    for vote in votes:
        check(client.post("/v1/feedback", json=vote), 202)
    sign_in("cora")
    html = check_page(client.get("/console/feedback"))
    rows = re.findall(r'<tr id="fb-([a-z0-9-]+)">', html)
    assert rows == ["c-ann", "c-daily"]
    ann = html[html.index('<tr id="fb-c-ann">') :]
    assert re.search(r'class="total">2<', ann)
    assert re.search(r'data-reason="source_dead">1<', ann)
    assert "&lt;b&gt;gone&lt;/b&gt;" in html, "readers' words are escaped"
    assert '<a href="/console/feedback">Feedback</a>' in html
    current = check_page(client.get("/console/feedback", params={"current_only": 1}))
    assert re.findall(r'<tr id="fb-([a-z0-9-]+)">', current) == ["c-ann", "c-daily"]


def test_the_feedback_page_needs_a_sign_in(client: TestClient) -> None:
    response = client.get("/console/feedback", follow_redirects=False)
    assert response.status_code == 303
    assert "/console/sign-in" in response.headers["location"]


def check_page(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return response.text
