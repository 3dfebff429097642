"""Citations are drafts too, and one that published profiles cite cannot be deleted."""

from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish


def test_a_cited_citation_cannot_be_deleted(client: TestClient, staff: Staff) -> None:
    src = propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    response = client.delete(
        "/admin/v1/citations/src?reason=dead+link",
        headers={**staff["cora"], "If-Match": src["etag"]},
    )
    assert "daily" in check(response, 409)["error"]["message"]


def test_citations_are_edited_and_searched(client: TestClient, staff: Staff) -> None:
    src = propose_and_publish(client, staff, "citations", citation("src", publisher="Reuters"))
    updated = check(
        client.patch(
            "/admin/v1/citations/src",
            json={"title": "Über uns", "reason": "real title"},
            headers={**staff["cora"], "If-Match": src["etag"]},
        )
    )
    assert updated["document"]["title"] == "Über uns"
    found = check(client.get("/admin/v1/citations", params={"q": "uber"}, headers=staff["cora"]))
    assert [i["slug"] for i in found["items"]] == ["src"]
    bad = client.patch(
        "/admin/v1/citations/src",
        json={"url": "ftp://x", "reason": "oops"},
        headers={**staff["cora"], "If-Match": updated["etag"]},
    )
    assert check(bad, 422)["error"]["fields"][0]["loc"] == "body.url"


def test_people_are_created_as_drafts(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    body = {
        "slug": "cenk-baslamis",
        "name": "Cenk Başlamış",
        "description": "Journalist",
        "country": "TR",
        "citations": ["src"],
        "reason": "quoted",
    }
    check(client.post("/admin/v1/people", json=body, headers=staff["cora"]), 201)
    found = check(client.get("/admin/v1/people", params={"q": "BASLAMIS"}, headers=staff["cora"]))
    assert found["items"][0]["status"] == "draft"
    clash = client.post(
        "/admin/v1/organizations",
        json={**outlet("cenk-baslamis", "src"), "reason": "same slug"},
        headers=staff["cora"],
    )
    assert "another kind of profile" in check(clash, 422)["error"]["message"]
