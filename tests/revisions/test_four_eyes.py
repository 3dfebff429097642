"""Four eyes without gaps: a reviewer never publishes content they wrote, even when someone else
brought it back by a revert."""

from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"
REV = "/admin/v1/revisions/organization/daily"


def test_a_reviewer_cannot_publish_their_rejected_draft_after_a_curator_reverts_to_it(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    live = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    own = client.patch(
        f"{ORGS}/daily",
        json={"description": "Rita's wording", "reason": "describe it"},
        headers={**staff["rita"], "If-Match": live["etag"]},
    )
    draft = check(own)
    number = draft["draft"]["number"]
    check(client.post(f"{REV}/{number}/reject", json={"comment": "hmm"}, headers=staff["rita"]))
    reverted = check(
        client.post(
            f"{REV}/{number}/revert",
            json={"reason": "it was right after all"},
            headers={
                **staff["cora"],
                "If-Match": draft["etag"].replace(f"r{number}", f"r{number}"),
            },
        )
    )
    again = reverted["draft"]["number"]
    refused = client.post(f"{REV}/{again}/publish", headers=staff["rita"])
    message = check(refused, 403)["error"]["message"]
    assert f"restores the content of revision {number}, which you wrote" in message
    assert check(client.post(f"{REV}/{again}/publish", headers=staff["remy"]))["status"] == (
        "published"
    )


def test_the_same_rule_holds_for_a_changeset(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    live = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    body = {**outlet("daily", "src"), "description": "Rita's wording"}
    mine = check(
        client.post(
            "/admin/v1/changesets",
            json={"reason": "reword", "organizations": [body]},
            headers=staff["rita"],
        ),
        201,
    )
    check(
        client.post(
            f"/admin/v1/changesets/{mine['id']}/reject",
            json={"comment": "no"},
            headers=staff["remy"],
        )
    )
    theirs = check(
        client.post(
            "/admin/v1/changesets",
            json={"reason": "back", "organizations": [body]},
            headers=staff["cora"],
        ),
        201,
    )
    refused = client.post(f"/admin/v1/changesets/{theirs['id']}/publish", headers=staff["rita"])
    assert "which you wrote" in check(refused, 403)["error"]["message"]
    assert live["status"] == "published"
