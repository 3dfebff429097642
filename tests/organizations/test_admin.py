"""Curators edit organizations as drafts: validation, mass assignment, If-Match, sub-resources,
search, soft delete and restore."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ORGS = "/admin/v1/organizations"


@pytest.fixture
def sputnik(client: TestClient, staff: Staff) -> dict[str, Any]:
    propose_and_publish(client, staff, "citations", citation("src"))
    return propose_and_publish(
        client,
        staff,
        "organizations",
        outlet("sputnik", "src", aliases=["Спутник", "Sputnik Türkiye"]),
    )


def edit(client: TestClient, staff: Staff, etag: str, who: str = "cora", **fields: Any) -> Any:
    return client.patch(
        f"{ORGS}/sputnik",
        json={"reason": "edit", **fields},
        headers={**staff[who], "If-Match": etag},
    )


def test_a_new_organization_is_a_draft_with_an_etag(client: TestClient, staff: Staff) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    response = client.post(
        ORGS, json={**outlet("daily", "src"), "reason": "new outlet"}, headers=staff["cora"]
    )
    body = check(response, 201)
    assert body["status"] == "draft"
    assert body["draft"]["author"] == "cora"
    assert response.headers["ETag"] == body["etag"] == '"org-daily-r1"'
    assert body["published_revision"] is None


@pytest.mark.parametrize(
    "extra",
    [
        {"id": 7},
        {"status": "published"},
        {"created_by": "mallory"},
        {"reviewed_by": "x"},
        {"colour": "red"},
    ],
)
def test_clients_cannot_set_ids_status_authors_or_unknown_fields(
    client: TestClient, staff: Staff, extra: dict[str, Any]
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    body = {**outlet("daily", "src"), "reason": "new", **extra}
    response = client.post(ORGS, json=body, headers=staff["cora"])
    error = check(response, 422)["error"]
    field = next(iter(extra))
    assert any(f["loc"] == f"body.{field}" for f in error["fields"]), error
    assert check(client.get(f"{ORGS}/daily", headers=staff["cora"]), 404)


def test_mass_assignment_is_refused_on_update_too(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    for extra in ({"slug": "other"}, {"status": "published"}, {"id": 1}, {"author": "x"}):
        response = edit(client, staff, sputnik["etag"], **extra)
        assert response.status_code == 422, response.text


def test_a_draft_must_follow_the_seeding_rules_and_name_the_field(
    client: TestClient, staff: Staff
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    bad = outlet("daily", "src")
    bad["domains"][0]["citations"] = []
    bad["relations"] = [{"type": "owned_by", "object": "nobody", "citations": ["missing"]}]
    error = check(client.post(ORGS, json={**bad, "reason": "new"}, headers=staff["cora"]), 422)
    locs = {f["loc"] for f in error["error"]["fields"]}
    assert {"body.domains[0].citations", "body.relations[0].object"} <= locs
    assert "body.relations[0].citations[0]" in locs
    assert "unknown citation 'missing'" in error["error"]["message"]


def test_a_reason_is_required(client: TestClient, staff: Staff, sputnik: dict[str, Any]) -> None:
    response = client.patch(
        f"{ORGS}/sputnik",
        json={"name": "S"},
        headers={**staff["cora"], "If-Match": sputnik["etag"]},
    )
    assert check(response, 422)["error"]["fields"][0]["loc"] == "body.reason"
    response = client.delete(
        f"{ORGS}/sputnik", headers={**staff["cora"], "If-Match": sputnik["etag"]}
    )
    assert check(response, 422)["error"]["fields"][0]["loc"] == "query.reason"


def test_updates_need_a_current_if_match(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    no_tag = client.patch(
        f"{ORGS}/sputnik", json={"name": "S", "reason": "x y"}, headers=staff["cora"]
    )
    assert check(no_tag, 428)["error"]["code"] == "precondition_required"
    first = check(edit(client, staff, sputnik["etag"], description="State news agency"))
    assert first["etag"] == '"org-sputnik-r2"'
    stale = edit(client, staff, sputnik["etag"], who="cliff", description="Something else")
    error = check(stale, 412)["error"]
    assert "changed since you read it" in error["message"]
    assert "cora" in error["message"]
    foreign = edit(client, staff, '"org-other-r2"', description="x")
    assert foreign.status_code == 412
    assert check(edit(client, staff, first["etag"], who="cliff", name="Sputnik News"))["head"] == 3


def test_deletes_need_if_match_too(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    url = f"{ORGS}/sputnik?reason=closed+down"
    assert client.delete(url, headers=staff["cora"]).status_code == 428
    assert (
        client.delete(url, headers={**staff["cora"], "If-Match": '"org-sputnik-r9"'}).status_code
        == 412
    )


def test_domains_and_category_are_edited_through_the_outlet(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    tag = {"If-Match": sputnik["etag"]}
    added = client.post(
        f"{ORGS}/sputnik/domains",
        json={"host": "SputnikGlobe.com", "citations": ["src"], "reason": "new domain"},
        headers={**staff["cora"], **tag},
    )
    body = check(added, 201)
    assert [d["host"] for d in body["document"]["domains"]] == [
        "sputnik.example",
        "sputnikglobe.com",
    ]
    listed = check(client.get(f"{ORGS}/sputnik/domains", headers=staff["cora"]))
    assert len(listed) == 2
    twice = client.post(
        f"{ORGS}/sputnik/domains",
        json={"host": "sputnikglobe.com", "citations": ["src"], "reason": "again"},
        headers={**staff["cora"], "If-Match": body["etag"]},
    )
    assert "already belongs to 'sputnik'" in check(twice, 422)["error"]["message"]
    removed = client.delete(
        f"{ORGS}/sputnik/domains/sputnik.example?reason=gone",
        headers={**staff["cora"], "If-Match": body["etag"]},
    )
    body = check(removed)
    assert [d["host"] for d in body["document"]["domains"]] == ["sputnikglobe.com"]
    category = client.put(
        f"{ORGS}/sputnik/category",
        json={
            "value": "state_controlled",
            "as_of": "2025-01-01",
            "citations": ["src"],
            "reason": "SMM",
        },
        headers={**staff["cora"], "If-Match": body["etag"]},
    )
    body = check(category)
    assert check(client.get(f"{ORGS}/sputnik/category", headers=staff["cora"]))["value"] == (
        "state_controlled"
    )
    missing = client.delete(
        f"{ORGS}/sputnik/domains/nowhere.example?reason=gone",
        headers={**staff["cora"], "If-Match": body["etag"]},
    )
    assert missing.status_code == 404
    cleared = client.delete(
        f"{ORGS}/sputnik/category?reason=unsure",
        headers={**staff["cora"], "If-Match": body["etag"]},
    )
    assert (
        "category" not in check(cleared)["document"]
        or check(cleared)["document"]["category"] is None
    )


def test_search_folds_accents_and_case_and_filters(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    propose_and_publish(
        client,
        staff,
        "organizations",
        {
            "slug": "kremlin",
            "name": "Government of Russia",
            "kind": "government",
            "country": "RU",
            "citations": ["src"],
        },
    )
    for query in ("SPUTNIK TURKIYE", "türkiye", "спутник", "sputnik"):
        found = check(client.get(ORGS, params={"q": query}, headers=staff["cora"]))
        assert [i["slug"] for i in found["items"]] == ["sputnik"], query
    gov = check(client.get(ORGS, params={"kind": "government"}, headers=staff["cora"]))
    assert [i["slug"] for i in gov["items"]] == ["kremlin"]
    cat = check(client.get(ORGS, params={"category": "independent_public"}, headers=staff["cora"]))
    assert [i["slug"] for i in cat["items"]] == ["sputnik"]
    page = check(client.get(ORGS, params={"per_page": 1, "page": 2}, headers=staff["cora"]))
    assert page["total"] == 2
    assert len(page["items"]) == 1
    assert check(client.get(ORGS, params={"country": "ru"}, headers=staff["cora"]), 422)
    assert check(client.get(ORGS, params={"q": "100%_"}, headers=staff["cora"]))["total"] == 0
    edit(client, staff, sputnik["etag"], name="Sputnik Radio")
    drafts = check(client.get(ORGS, params={"status": "draft"}, headers=staff["cora"]))
    assert [i["slug"] for i in drafts["items"]] == ["sputnik"]
    assert check(client.get(ORGS, params={"q": "radio"}, headers=staff["cora"]))["total"] == 1


def test_delete_is_soft_and_restorable(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    deleted = check(
        client.delete(
            f"{ORGS}/sputnik?reason=closed", headers={**staff["cora"], "If-Match": sputnik["etag"]}
        )
    )
    assert deleted["draft"]["action"] == "delete"
    published = check(
        client.post("/admin/v1/revisions/organization/sputnik/2/publish", headers=staff["rita"])
    )
    assert published["status"] == "deleted"
    assert published["document"] is None
    assert client.get("/v1/entities/sputnik").status_code == 404
    restored = check(
        client.post(
            f"{ORGS}/sputnik/restore",
            json={"reason": "back"},
            headers={**staff["cora"], "If-Match": published["etag"]},
        )
    )
    assert restored["draft"]["action"] == "restore"
    check(client.post("/admin/v1/revisions/organization/sputnik/3/publish", headers=staff["remy"]))
    assert client.get("/v1/entities/sputnik").status_code == 200
    assert check(
        client.post(
            ORGS, json={**outlet("sputnik", "src"), "reason": "again"}, headers=staff["cora"]
        ),
        409,
    )


def test_an_organization_others_point_at_cannot_be_deleted(
    client: TestClient, staff: Staff, sputnik: dict[str, Any]
) -> None:
    propose_and_publish(
        client,
        staff,
        "organizations",
        outlet(
            "sputnik-tr",
            "src",
            relations=[{"type": "edition_of", "object": "sputnik", "citations": ["src"]}],
        ),
    )
    response = client.delete(
        f"{ORGS}/sputnik?reason=gone", headers={**staff["cora"], "If-Match": sputnik["etag"]}
    )
    error = check(response, 409)["error"]
    assert "sputnik-tr" in error["message"]
