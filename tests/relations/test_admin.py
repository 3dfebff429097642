"""Relations and reader notes are edited through their organization or person."""

from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish


def test_relations_of_a_person_are_added_replaced_and_removed(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    person = propose_and_publish(
        client,
        staff,
        "people",
        {"slug": "jane-doe", "name": "Jane Doe", "description": "Columnist", "citations": ["src"]},
    )
    base = "/admin/v1/people/jane-doe/relations"
    relation = {
        "type": "employed_by",
        "object": "daily",
        "role": "Columnist",
        "citations": ["src"],
        "reason": "her byline",
    }
    added = check(
        client.post(base, json=relation, headers={**staff["cora"], "If-Match": person["etag"]}), 201
    )
    assert added["entity_type"] == "person"
    assert check(client.get(base, headers=staff["cora"]))[0]["role"] == "Columnist"
    unknown = client.put(
        f"{base}/0",
        json={**relation, "object": "nowhere"},
        headers={**staff["cora"], "If-Match": added["etag"]},
    )
    assert check(unknown, 422)["error"]["fields"][0]["loc"] == "document.relations[0].object"
    replaced = check(
        client.put(
            f"{base}/0",
            json={**relation, "role": "Editor"},
            headers={**staff["cora"], "If-Match": added["etag"]},
        )
    )
    assert replaced["document"]["relations"][0]["role"] == "Editor"
    missing = client.delete(
        f"{base}/5?reason=gone", headers={**staff["cora"], "If-Match": replaced["etag"]}
    )
    assert missing.status_code == 404
    removed = check(
        client.delete(
            f"{base}/0?reason=left+the+paper",
            headers={**staff["cora"], "If-Match": replaced["etag"]},
        )
    )
    assert removed["document"].get("relations", []) == []


def test_notes_are_set_per_language(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    org = propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    base = "/admin/v1/organizations/daily/notes"
    put = check(
        client.put(
            f"{base}/tr",
            json={"text": "Bir gazete.", "reason": "Turkish note"},
            headers={**staff["cora"], "If-Match": org["etag"]},
        )
    )
    assert check(client.get(base, headers=staff["cora"])) == {"tr": "Bir gazete."}
    bad = client.put(
        f"{base}/Turkish",
        json={"text": "x", "reason": "bad"},
        headers={**staff["cora"], "If-Match": put["etag"]},
    )
    assert bad.status_code == 422
    gone = check(
        client.delete(f"{base}/tr?reason=wrong", headers={**staff["cora"], "If-Match": put["etag"]})
    )
    assert gone["document"].get("notes", {}) == {}
