"""The profile form's citations take an archived copy; a bad one is shown by its field."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.console.conftest import SignIn
from tests.console.test_profile_form import count, expert_form

ARCHIVED = "https://web.archive.org/web/2025/https://uni-ulm.example/staff/novakova"


def test_a_new_citation_keeps_its_archived_copy(client: TestClient, sign_in: SignIn) -> None:
    csrf = sign_in("cora")
    form = client.get("/console/profile/new").text
    assert 'name="cite-0-archive_url"' in form
    saved = client.post(
        "/console/profile/new",
        data=expert_form(csrf, **{"cite-0-archive_url": ARCHIVED}),
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    changeset_id = saved.headers["location"].split("?")[0].rsplit("/", 1)[1]
    published = client.post(
        f"/console/review/{changeset_id}/publish", data={"csrf": sign_in("rita")}
    )
    assert published.status_code == 200
    card = client.get("/v1/entities/jana-novakova").json()
    assert ARCHIVED in [c["archive_url"] for c in card["citations"]]


def test_an_archived_copy_with_credentials_is_refused_by_its_field(
    client: TestClient, sign_in: SignIn, session: Session
) -> None:
    csrf = sign_in("cora")
    bad = expert_form(csrf, **{"cite-1-archive_url": "https://me:pw@archive.example/x"})
    response = client.post("/console/profile/new", data=bad)
    assert response.status_code == 422, response.text
    assert re.search(r'id="cite-1-archive_url-error">must not hold a user name', response.text)
    assert 'value="https://me:pw@archive.example/x"' in response.text
    assert count(session, "changeset") == 0
