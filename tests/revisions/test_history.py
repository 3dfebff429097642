"""History with readable diffs, and revert as a new revision."""

from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"
REV = "/admin/v1/revisions/organization/daily"


def test_revert_restores_old_content_as_a_new_revision(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    first = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    changed = check(
        client.patch(
            f"{ORGS}/daily",
            json={"name": "Daily Mangled", "aliases": ["DM"], "reason": "rename"},
            headers={**staff["cliff"], "If-Match": first["etag"]},
        )
    )
    check(client.post(f"{REV}/2/publish", headers=staff["rita"]))
    assert check(client.get("/v1/entities/daily"))["name"] == "Daily Mangled"

    reverted = check(
        client.post(
            f"{REV}/1/revert",
            json={"reason": "vandalism"},
            headers={**staff["cora"], "If-Match": changed["etag"]},
        )
    )
    assert reverted["draft"] == {**reverted["draft"], "number": 3, "action": "revert"}
    check(client.post(f"{REV}/3/publish", headers=staff["remy"]))
    assert check(client.get("/v1/entities/daily"))["name"] == "Daily"

    history = check(client.get(REV, headers=staff["cora"]))
    assert [(r["number"], r["action"], r["status"]) for r in history] == [
        (3, "revert", "published"),
        (2, "update", "published"),
        (1, "create", "published"),
    ]
    assert (
        check(client.get(f"{REV}/3", headers=staff["cora"]))["snapshot"]
        == check(client.get(f"{REV}/1", headers=staff["cora"]))["snapshot"]
    )


def test_a_diff_names_each_changed_field(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    first = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    check(
        client.patch(
            f"{ORGS}/daily",
            json={"name": "Daily Two", "website": "https://d.example", "reason": "rename"},
            headers={**staff["cora"], "If-Match": first["etag"]},
        )
    )
    diff = check(client.get(f"{REV}/2/diff", headers=staff["cora"]))
    assert diff["old"] == 1
    assert diff["new"] == 2
    assert {(c["path"], c["change"], c["old"], c["new"]) for c in diff["changes"]} == {
        ("name", "changed", "Daily", "Daily Two"),
        ("website", "added", None, "https://d.example"),
    }
    assert '-  "name": "Daily",' in diff["text"]
    assert '+  "name": "Daily Two",' in diff["text"]
    created = check(client.get(f"{REV}/1/diff", headers=staff["cora"]))
    assert created["old"] is None
    assert created["changes"][0]["change"] == "added"
    assert client.get(f"{REV}/9/diff", headers=staff["cora"]).status_code == 404
    # Past every backend's integer columns (PostgreSQL's end at 2^31 - 1): a 422, not a 500.
    too_big = client.get(f"{REV}/2/diff", params={"against": 2**31}, headers=staff["cora"])
    assert too_big.status_code == 422
    assert "against" in too_big.text


def test_revert_to_a_missing_revision_is_a_404(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    first = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    response = client.post(
        f"{REV}/7/revert",
        json={"reason": "why not"},
        headers={**staff["cora"], "If-Match": first["etag"]},
    )
    assert response.status_code == 404
