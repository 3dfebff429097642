"""The one profile form: a new expert, a new organization inline and two new citations become
one changeset; bad input is shown next to its field and nothing is written."""

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from tests.console.conftest import SignIn
from tests.staff import Staff, citation, outlet, propose_and_publish


def expert_form(csrf: str, **overrides: str) -> dict[str, str]:
    form = {
        "csrf": csrf,
        "entity_type": "person",
        "name": "Jana Nováková",
        "description": "Lecturer in economics",
        "country": "cz",
        "aliases": "Jana Novakova\n",
        "match_surname": "1",
        "cite-0-url": "https://uni-ulm.example/staff/novakova",
        "cite-0-title": "Staff page",
        "cite-0-publisher": "Ulm Institute",
        "cite-1-url": "https://news.example/interview",
        "cite-1-title": "Interview",
        "cite-1-publisher": "News Example",
        "rel-0-type": "employed_by",
        "rel-0-new-name": "Ulm Institute",
        "rel-0-new-kind": "university",
        "rel-0-new-country": "DE",
        "rel-0-role": "Lecturer",
        "reason": "quoted by news.example",
    }
    form.update(overrides)
    return form


def count(session: Session, table: str) -> int:
    return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_one_form_makes_one_changeset_and_one_click_publishes_it(
    client: TestClient, sign_in: SignIn
) -> None:
    csrf = sign_in("cora")
    saved = client.post("/console/profile/new", data=expert_form(csrf), follow_redirects=False)
    assert saved.status_code == 303, saved.text
    changeset_url = saved.headers["location"].split("?")[0]
    shown = client.get(changeset_url).text
    for label in ("Jana Nováková", "Ulm Institute", "Staff page", "Interview"):
        assert label in shown
    assert "Publish changeset" not in shown  # cora is a curator
    reviewer = sign_in("rita")
    changeset_id = changeset_url.rsplit("/", 1)[1]
    published = client.post(f"/console/review/{changeset_id}/publish", data={"csrf": reviewer})
    assert published.status_code == 200
    assert f"Changeset {changeset_id} is published." in published.text
    found = client.post(
        "/v1/annotate",
        json={"url": "https://x.example/a", "blocks": ["Jana Nováková told the paper."]},
    ).json()
    assert [m["entities"] for m in found["mentions"]] == [["jana-novakova"]]
    card = client.get("/v1/entities/jana-novakova").json()
    assert card["name"] == "Jana Nováková"


def test_missing_fields_are_shown_next_to_them_and_nothing_is_written(
    client: TestClient, sign_in: SignIn, session: Session
) -> None:
    csrf = sign_in("cora")
    bad = expert_form(csrf, name="", reason="", **{"cite-1-url": ""})
    response = client.post("/console/profile/new", data=bad)
    assert response.status_code == 422
    page = response.text
    assert re.search(r'id="name-error">a name is required<', page)
    assert re.search(r'id="reason-error">say why', page)
    assert re.search(r'id="cite-1-url-error">the source', page)
    assert 'value="Lecturer in economics"' in page  # what was typed stays
    assert count(session, "changeset") == 0
    assert count(session, "document") == 0


def test_rule_errors_land_on_their_fields(
    client: TestClient, sign_in: SignIn, session: Session
) -> None:
    csrf = sign_in("cora")
    bad = expert_form(csrf, country="Russia", **{"cite-0-published": "yesterday"})
    response = client.post("/console/profile/new", data=bad)
    assert response.status_code == 422, response.text
    assert re.search(r'id="country-error">[^<]*ISO 3166', response.text)
    assert re.search(r'id="cite-0-published-error">must be an ISO date', response.text)
    unknown = expert_form(csrf, **{"rel-0-new-name": "", "rel-0-object": "no-such-org"})
    response = client.post("/console/profile/new", data=unknown)
    assert response.status_code == 422, response.text
    assert re.search(
        r'id="rel-0-object-error">unknown organization &#39;no-such-org&#39;', response.text
    )
    assert count(session, "changeset") == 0
    assert count(session, "revision") == 0


def test_a_possible_duplicate_must_be_acknowledged(
    client: TestClient, sign_in: SignIn, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    person = {"slug": "jana", "name": "Jana Novakova", "description": "x", "citations": ["src"]}
    propose_and_publish(client, staff, "people", person)
    csrf = sign_in("cora")
    warned = client.post("/console/profile/new", data=expert_form(csrf))
    assert warned.status_code == 409
    assert "Possible duplicates" in warned.text
    assert 'href="/console/entities/person/jana"' in warned.text
    assert 'name="acknowledge_duplicates"' in warned.text
    again = client.post(
        "/console/profile/new",
        data=expert_form(csrf, acknowledge_duplicates="1"),
        follow_redirects=False,
    )
    assert again.status_code == 303


def test_editing_prefills_the_form_and_proposes_an_update(
    client: TestClient, sign_in: SignIn, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    csrf = sign_in("cora")
    form = client.get("/console/profile/organization/daily/edit").text
    assert 'value="Daily"' in form
    assert "daily.example" in form
    values: dict[str, Any] = {
        "csrf": csrf,
        "entity_type": "organization",
        "name": "Daily",
        "kind": "outlet",
        "country": "GB",
        "description": "A daily paper",
        "domains": "daily.example",
        "category": "independent_public",
        "cites_existing": "src",
        "reason": "describe it",
    }
    saved = client.post("/console/profile/organization/daily/edit", data=values)
    assert saved.status_code == 200, saved.text  # followed to the changeset page
    assert "description" in saved.text
    assert "A daily paper" in saved.text


def test_other_forms_refuse_bad_input_and_write_nothing(
    client: TestClient, sign_in: SignIn, staff: Staff, session: Session
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    csrf = sign_in("ada")
    before = count(session, "revision")
    alias = client.post(
        "/console/entities/organization/daily/aliases",
        data={"csrf": csrf, "op": "add", "aliases-value": "", "aliases-reason": "x"},
    )
    assert alias.status_code == 422
    assert 'id="aliases-value-error">write the text' in alias.text
    assert 'id="aliases-reason-error">say why' in alias.text
    revert = client.post(
        "/console/entities/organization/daily/revisions/1/revert", data={"csrf": csrf}
    )
    assert revert.status_code == 422
    assert 'id="reason-error"' in revert.text
    account = client.post(
        "/console/admin/accounts",
        data={"csrf": csrf, "name": "Eve!", "role": "curator", "password": "short"},
    )
    assert account.status_code == 422
    assert 'id="name-error"' in account.text
    assert 'id="password-error">at least 12 characters' in account.text
    curate = client.post("/console/curate", data={"csrf": csrf, "url": "", "text": ""})
    assert curate.status_code == 422
    assert 'id="url-error"' in curate.text
    assert count(session, "revision") == before
    assert session.execute(text("SELECT count(*) FROM account WHERE name = 'eve!'")).scalar() == 0


def test_review_and_correction_forms_show_missing_comments_by_their_field(
    client: TestClient, sign_in: SignIn, session: Session
) -> None:
    csrf = sign_in("cora")
    saved = client.post("/console/profile/new", data=expert_form(csrf), follow_redirects=False)
    changeset_id = saved.headers["location"].split("?")[0].rsplit("/", 1)[1]
    reviewer = sign_in("rita")
    response = client.post(
        f"/console/review/{changeset_id}/verdict",
        data={"csrf": reviewer, "comment": "", "verdict": "reject"},
    )
    assert response.status_code == 422
    assert f'id="comment-{changeset_id}-error">write a comment' in response.text
    assert session.execute(text("SELECT status FROM changeset")).scalar() == "open"
    client.post("/v1/corrections", json={"message": "The description is out of date."})
    correction = client.post("/console/corrections/1", data={"csrf": reviewer, "resolution": ""})
    assert correction.status_code == 422
    assert 'id="resolution-1-error">write a note' in correction.text
    assert session.execute(text("SELECT status FROM correction")).scalar() == "open"
    wrong = client.post(
        "/console/sign-in", data={"csrf": reviewer, "name": "rita", "password": "not it at all"}
    )
    assert wrong.status_code == 401
    assert 'id="password-error">That name and password' in wrong.text


def test_an_untouched_relation_row_is_ignored(client: TestClient, sign_in: SignIn) -> None:
    csrf = sign_in("cora")
    form = expert_form(csrf)
    for key in [k for k in form if k.startswith("rel-0-") and k != "rel-0-type"]:
        del form[key]
    saved = client.post("/console/profile/new", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
