"""Changesets through the admin API: one request to propose a profile with everything it needs,
one to publish it, in dependency order and all or nothing, under four eyes."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from tests import factories as f
from tests.staff import Staff, check

CS = "/admin/v1/changesets"


class Counting:
    """A client that counts the requests each account sends."""

    def __init__(self, client: TestClient, staff: Staff) -> None:
        self.client, self.staff, self.counts = client, staff, dict[str, int]()

    def send(self, who: str, method: str, url: str, **kwargs: Any) -> Any:
        self.counts[who] = self.counts.get(who, 0) + 1
        return self.client.request(method, url, headers=self.staff[who], **kwargs)


def expert_profile() -> dict[str, Any]:
    """A new expert, their new university and two new citations, as one seed-format body."""
    staff_page = f.citation(key="ulm-staff-page", url="https://uni-ulm.example/staff/novak")
    interview = f.citation(key="ulm-interview", url="https://news.example/interview-novak")
    university = f.organization(
        ["ulm-staff-page"], slug="ulm-institute", name="Ulm Institute", kind="university"
    )
    expert = f.person(
        ["ulm-staff-page", "ulm-interview"],
        slug="jana-novakova",
        name="Jana Nováková",
        description="Lecturer in economics",
        relations=[
            {
                "type": "employed_by",
                "object": "ulm-institute",
                "role": "Lecturer",
                "citations": ["ulm-staff-page"],
            }
        ],
    )
    # Listed in an order that would not publish one by one: the person first.
    return {"people": [expert], "organizations": [university], "citations": [staff_page, interview]}


def test_a_new_expert_takes_one_request_to_propose_and_one_to_publish(
    client: TestClient, staff: Staff
) -> None:
    api = Counting(client, staff)
    body = {"reason": "expert quoted by news.example", **expert_profile()}
    created = check(api.send("cora", "POST", CS, json=body), 201)
    assert created["status"] == "open"
    assert [d["slug"] for d in created["drafts"]] == [
        "ulm-staff-page",
        "ulm-interview",
        "ulm-institute",
        "jana-novakova",
    ]
    published = check(api.send("rita", "POST", f"{CS}/{created['id']}/publish"))
    assert published["status"] == "published"
    assert {d["status"] for d in published["drafts"]} == {"published"}
    assert api.counts == {"cora": 1, "rita": 1}

    text_block = "“It will not last,” Jana Novakova told the paper. Novakova added more."
    result = check(
        client.post("/v1/annotate", json={"url": "https://other.example/a", "blocks": [text_block]})
    )
    found = {slug for m in result["mentions"] for slug in m["entities"]}
    assert "jana-novakova" in found
    card = check(client.get("/v1/entities/jana-novakova"))
    assert card["name"] == "Jana Nováková"


def test_a_reviewer_who_wrote_any_draft_of_it_cannot_publish(
    client: TestClient, staff: Staff
) -> None:
    created = check(
        client.post(CS, json={"reason": "expert", **expert_profile()}, headers=staff["cora"]), 201
    )
    extra = f.citation(key="ulm-extra")
    check(
        client.post(
            f"{CS}/{created['id']}/documents", json={"citations": [extra]}, headers=staff["rita"]
        )
    )
    refused = client.post(f"{CS}/{created['id']}/publish", headers=staff["rita"])
    assert "another reviewer" in check(refused, 403)["error"]["message"]
    single = client.post(
        "/admin/v1/revisions/citation/ulm-staff-page/1/publish", headers=staff["rita"]
    )
    assert check(single, 403)["error"]["message"].startswith("you wrote drafts in changeset")
    assert (
        check(client.post(f"{CS}/{created['id']}/publish", headers=staff["remy"]))["status"]
        == "published"
    )


def test_publishing_is_all_or_nothing(client: TestClient, staff: Staff, session: Session) -> None:
    created = check(
        client.post(CS, json={"reason": "expert", **expert_profile()}, headers=staff["cora"]), 201
    )
    # Someone publishes a conflicting domain owner in the meantime? Simpler: break a reference by
    # rejecting the university on its own, so the person cannot go live.
    check(
        client.post(
            "/admin/v1/revisions/organization/ulm-institute/1/reject",
            json={"comment": "not this one"},
            headers=staff["remy"],
        )
    )
    version = session.execute(text("SELECT version FROM data_version")).scalar_one()
    failed = client.post(f"{CS}/{created['id']}/publish", headers=staff["rita"])
    error = check(failed, 409)["error"]
    assert "unknown organization 'ulm-institute'" in error["message"]
    assert session.execute(text("SELECT version FROM data_version")).scalar_one() == version
    assert client.get("/v1/entities/ulm-staff-page").status_code == 404
    detail = check(client.get(f"{CS}/{created['id']}", headers=staff["cora"]))
    assert {d["slug"]: d["status"] for d in detail["drafts"]}["ulm-staff-page"] == "draft"


def test_a_draft_reference_says_which_changeset_it_waits_in(
    client: TestClient, staff: Staff
) -> None:
    created = check(
        client.post(CS, json={"reason": "expert", **expert_profile()}, headers=staff["cora"]), 201
    )
    early = client.post("/admin/v1/revisions/person/jana-novakova/1/publish", headers=staff["rita"])
    message = check(early, 409)["error"]["message"]
    assert (
        f"citation 'ulm-staff-page' is not yet published (draft in changeset {created['id']})"
        in message
    )
    assert "unknown" not in message


def test_reject_and_send_back(client: TestClient, staff: Staff) -> None:
    created = check(
        client.post(CS, json={"reason": "expert", **expert_profile()}, headers=staff["cora"]), 201
    )
    url = f"{CS}/{created['id']}"
    assert check(client.post(f"{url}/send-back", json={}, headers=staff["rita"]), 422)
    back = check(
        client.post(
            f"{url}/send-back", json={"comment": "add a second source"}, headers=staff["rita"]
        )
    )
    assert back["status"] == "changes_requested"
    assert back["review_comment"] == "add a second source"
    waiting = client.post(f"{url}/publish", headers=staff["remy"])
    assert "sent back for changes" in check(waiting, 409)["error"]["message"]
    again = check(
        client.post(
            f"{url}/documents",
            json={"citations": [f.citation(key="ulm-second")]},
            headers=staff["cora"],
        )
    )
    assert again["status"] == "open"
    rejected = check(
        client.post(f"{url}/reject", json={"comment": "not notable"}, headers=staff["rita"])
    )
    assert rejected["status"] == "rejected"
    assert {d["status"] for d in rejected["drafts"]} == {"rejected"}
    assert check(client.post(f"{url}/publish", headers=staff["remy"]), 409)
    assert client.get("/v1/entities/jana-novakova").status_code == 404


def test_an_existing_slug_becomes_a_full_update(client: TestClient, staff: Staff) -> None:
    first = check(
        client.post(CS, json={"reason": "expert", **expert_profile()}, headers=staff["cora"]), 201
    )
    check(client.post(f"{CS}/{first['id']}/publish", headers=staff["rita"]))
    changed = expert_profile()
    changed["people"][0]["description"] = "Senior lecturer in economics"
    second = check(
        client.post(CS, json={"reason": "promoted", **changed}, headers=staff["cliff"]), 201
    )
    assert [(d["slug"], d["action"]) for d in second["drafts"]] == [("jana-novakova", "update")]
    assert second["drafts"][0]["changes"] == [
        {
            "path": "description",
            "change": "changed",
            "old": "Lecturer in economics",
            "new": "Senior lecturer in economics",
        }
    ]
    unchanged = client.post(
        CS, json={"reason": "again", **expert_profile()}, headers=staff["cliff"]
    )
    assert check(unchanged, 409)["error"]["message"].startswith(
        "person 'jana-novakova' already has a draft in changeset"
    )


def test_bad_documents_are_named_and_nothing_is_written(
    client: TestClient, staff: Staff, session: Session
) -> None:
    body = expert_profile()
    body["people"][0]["relations"][0]["object"] = "no-such-org"
    body["citations"][1]["url"] = "not a url"
    response = client.post(CS, json={"reason": "expert", **body}, headers=staff["cora"])
    error = check(response, 422)["error"]
    locations = {field["loc"] for field in error["fields"]}
    assert "citations[1].url" in locations
    assert "people[0].relations[0].object" in locations
    assert session.execute(text("SELECT count(*) FROM changeset")).scalar_one() == 0
    assert session.execute(text("SELECT count(*) FROM document")).scalar_one() == 0
    assert check(client.post(CS, json={"reason": "nothing"}, headers=staff["cora"]), 422)
    assert check(client.post(CS, json={"reason": "x", "people": "no"}, headers=staff["cora"]), 422)
    assert check(
        client.post(CS, json={"reason": "ok reason", "people": [1]}, headers=staff["cora"]), 422
    )
    assert check(client.get(f"{CS}/0", headers=staff["cora"]), 422)
    assert check(client.get(f"{CS}/999", headers=staff["cora"]), 404)


def test_the_list_shows_the_queue_oldest_first(client: TestClient, staff: Staff) -> None:
    one = check(
        client.post(
            CS, json={"reason": "first", "citations": [f.citation()]}, headers=staff["cora"]
        ),
        201,
    )
    two = check(
        client.post(
            CS, json={"reason": "second", "citations": [f.citation()]}, headers=staff["cliff"]
        ),
        201,
    )
    listed = check(client.get(f"{CS}?status=open", headers=staff["cora"]))
    assert [c["id"] for c in listed["items"]] == [one["id"], two["id"]]
    assert listed["items"][0]["pending"] == 1
    assert check(client.get(f"{CS}?status=bogus", headers=staff["cora"]), 422)
