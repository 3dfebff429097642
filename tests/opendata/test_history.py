"""GET /v1/entities/{slug}/history: published revisions with diffs; no drafts, no comments."""

from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"
REV = "/admin/v1/revisions/organization/daily"


def test_history_lists_published_revisions_with_field_diffs(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    first = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    renamed = check(
        client.patch(
            f"{ORGS}/daily",
            json={"name": "Daily Two", "reason": "the outlet renamed itself"},
            headers={**staff["cora"], "If-Match": first["etag"]},
        )
    )
    check(client.post(f"{REV}/2/publish", json={"comment": "internal"}, headers=staff["rita"]))
    # A pending draft stays out of the public history.
    check(
        client.patch(
            f"{ORGS}/daily",
            json={"name": "Draft Name", "reason": "not yet reviewed"},
            headers={
                **staff["cliff"],
                "If-Match": check(client.get(f"{ORGS}/daily", headers=staff["cora"]))["etag"],
            },
        )
    )
    assert renamed["draft"]["number"] == 2

    response = client.get("/v1/entities/daily/history")
    body = check(response)
    assert body["entity_type"] == "organization"
    assert body["url"] == "/v1/entities/daily"
    assert [(r["number"], r["previous"], r["action"]) for r in body["revisions"]] == [
        (2, 1, "update"),
        (1, None, "create"),
    ]
    newest = body["revisions"][0]
    assert newest["reason"] == "the outlet renamed itself"
    assert (newest["author"], newest["reviewed_by"]) == ("cora", "rita")
    assert newest["changes"] == [
        {"path": "name", "change": "changed", "old": "Daily", "new": "Daily Two"}
    ]
    assert body["revisions"][1]["changes"][0]["change"] == "added"
    assert "Draft Name" not in response.text
    assert "internal" not in response.text
    assert "not yet reviewed" not in response.text

    assert response.headers["cache-control"].startswith("public")
    again = client.get(
        "/v1/entities/daily/history", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304


def test_an_unknown_or_unpublished_slug_is_a_clear_404(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    error = check(client.get("/v1/entities/nobody/history"), 404)
    assert error["error"]["message"] == "no published profile has the slug 'nobody'"
    check(
        client.post(
            ORGS, json={**outlet("drafty", "src"), "reason": "test"}, headers=staff["cora"]
        ),
        201,
    )
    check(client.get("/v1/entities/drafty/history"), 404)


def test_a_malformed_slug_is_a_422(client: TestClient) -> None:
    error = check(client.get("/v1/entities/Not_A_Slug/history"), 422)
    assert "slug" in str(error)
