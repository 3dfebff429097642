"""Four-eyes review: drafts stay out of public view until a reviewer who wrote none of them
publishes; rejection keeps the live version."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"
REV = "/admin/v1/revisions/organization/daily"


@pytest.fixture
def cited(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))


def test_a_reviewer_cannot_publish_their_own_draft(
    client: TestClient, staff: Staff, cited: None
) -> None:
    draft = check(
        client.post(ORGS, json={**outlet("daily", "src"), "reason": "new"}, headers=staff["rita"]),
        201,
    )
    own = client.post(f"{REV}/{draft['draft']['number']}/publish", headers=staff["rita"])
    assert "another reviewer" in check(own, 403)["error"]["message"]
    assert check(client.post(f"{REV}/1/publish", headers=staff["remy"]))["status"] == "published"


def test_nor_a_draft_they_wrote_part_of(client: TestClient, staff: Staff, cited: None) -> None:
    first = check(
        client.post(ORGS, json={**outlet("daily", "src"), "reason": "new"}, headers=staff["rita"]),
        201,
    )
    second = client.patch(
        f"{ORGS}/daily",
        json={"description": "A paper", "reason": "more"},
        headers={**staff["cora"], "If-Match": first["etag"]},
    )
    assert check(second)["draft"]["number"] == 2
    assert client.post(f"{REV}/2/publish", headers=staff["rita"]).status_code == 403
    assert client.post(f"{REV}/1/publish", headers=staff["remy"]).status_code == 409
    assert client.post(f"{REV}/2/publish", headers=staff["remy"]).status_code == 200
    history = check(client.get(REV, headers=staff["cora"]))
    assert [(r["number"], r["status"]) for r in history] == [(2, "published"), (1, "superseded")]


def test_a_draft_never_reaches_the_public_api(
    client: TestClient, staff: Staff, session: Session, cited: None
) -> None:
    check(
        client.post(ORGS, json={**outlet("daily", "src"), "reason": "new"}, headers=staff["cora"]),
        201,
    )
    assert client.get("/v1/entities/daily").status_code == 404
    hosts = [d["host"] for d in check(client.get("/v1/index"))["domains"]]
    assert "daily.example" not in hosts
    assert session.execute(text("SELECT count(*) FROM organization")).scalar_one() == 0
    published = check(client.post(f"{REV}/1/publish", headers=staff["rita"]))
    assert check(client.get("/v1/entities/daily"))["name"] == "Daily"
    changed = client.patch(
        f"{ORGS}/daily",
        json={"name": "Daily Secret", "reason": "rename"},
        headers={**staff["cora"], "If-Match": published["etag"]},
    )
    assert check(changed)["status"] == "draft"
    assert check(client.get("/v1/entities/daily"))["name"] == "Daily"
    hidden = client.post(
        f"{ORGS}/daily/domains",
        json={"host": "secret.example", "citations": ["src"], "reason": "x y"},
        headers={**staff["cora"], "If-Match": check(changed)["etag"]},
    )
    check(hidden, 201)
    assert "secret.example" not in [d["host"] for d in check(client.get("/v1/index"))["domains"]]
    assert "Daily Secret" not in client.get("/v1/entities/daily").text


def test_rejection_keeps_the_live_version_and_says_why(
    client: TestClient, staff: Staff, cited: None
) -> None:
    live = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    draft = check(
        client.patch(
            f"{ORGS}/daily",
            json={"name": "Wrong", "reason": "rename"},
            headers={**staff["cora"], "If-Match": live["etag"]},
        )
    )
    queue = check(client.get("/admin/v1/review", headers=staff["cora"]))
    assert [(i["slug"], i["changed"]) for i in queue["items"]] == [("daily", ["name"])]
    assert client.post(f"{REV}/2/reject", json={}, headers=staff["rita"]).status_code == 422
    rejected = check(
        client.post(
            f"{REV}/2/reject", json={"comment": "no source for the name"}, headers=staff["rita"]
        )
    )
    assert rejected["status"] == "published"
    assert rejected["document"]["name"] == "Daily"
    assert check(client.get("/admin/v1/review", headers=staff["cora"]))["total"] == 0
    history = check(client.get(REV, headers=staff["cora"]))
    assert history[0]["review_comment"] == "no source for the name"
    assert client.post(f"{REV}/2/publish", headers=staff["remy"]).status_code == 409
    assert draft["etag"] == rejected["etag"]


def test_publishing_checks_references_against_live_data(client: TestClient, staff: Staff) -> None:
    check(
        client.post(
            "/admin/v1/citations",
            json={**citation("fresh"), "reason": "new"},
            headers=staff["cora"],
        ),
        201,
    )
    check(
        client.post(
            ORGS, json={**outlet("daily", "fresh"), "reason": "new"}, headers=staff["cora"]
        ),
        201,
    )
    early = client.post(f"{REV}/1/publish", headers=staff["rita"])
    assert (
        "citation 'fresh' is not yet published (draft revision 1)"
        in check(early, 409)["error"]["message"]
    )
    check(client.post("/admin/v1/revisions/citation/fresh/1/publish", headers=staff["rita"]))
    assert check(client.post(f"{REV}/1/publish", headers=staff["rita"]))["status"] == "published"


def test_curators_cannot_publish(client: TestClient, staff: Staff, cited: None) -> None:
    check(
        client.post(ORGS, json={**outlet("daily", "src"), "reason": "new"}, headers=staff["cora"]),
        201,
    )
    response: Any = client.post(f"{REV}/1/publish", headers=staff["cliff"])
    assert response.status_code == 403
