"""Validation at the edge: NUL characters, lone surrogates and out-of-range integers get a 422
that names the place, on every route, before any database sees them."""

import json

from fastapi.testclient import TestClient

from tests.staff import Staff

CORRECTION = {
    "entity": "sputnik",
    "message": "Sputnik moved to a new domain last year.",
    "source_url": "https://example.org/news",
}


def _fields(response: object) -> list[dict[str, str]]:
    assert response.status_code == 422, response.text  # type: ignore[attr-defined]
    fields: list[dict[str, str]] = response.json()["error"]["fields"]  # type: ignore[attr-defined]
    return fields


def test_nul_in_a_json_body_is_refused_with_its_place(client: TestClient) -> None:
    body = json.dumps({**CORRECTION, "message": "a\x00b"})
    response = client.post(
        "/v1/corrections", content=body, headers={"Content-Type": "application/json"}
    )
    assert _fields(response) == [
        {"loc": "body.message", "message": "must not contain NUL characters (U+0000)"}
    ]


def test_escaped_backslash_before_u0000_is_plain_text(client: TestClient) -> None:
    body = json.dumps({**CORRECTION, "message": "a literal \\u0000 in prose, and \U0001f642"})
    response = client.post(
        "/v1/corrections", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 202, response.text


def test_nul_in_the_query_or_path_is_refused(client: TestClient, staff: Staff) -> None:
    query = client.get("/admin/v1/organizations?q=a%00b", headers=staff["cora"])
    assert _fields(query)[0]["loc"] == "query"
    path = client.get("/v1/entities/a%00b")
    assert _fields(path)[0]["loc"] == "path"


def test_integers_beyond_every_backends_columns_are_refused(
    client: TestClient, staff: Staff
) -> None:
    for number in (2**31, 2**63, 10**30):
        for path in (
            f"/admin/v1/tokens/{number}",
            f"/admin/v1/corrections/{number}",
            f"/admin/v1/revisions/organization/sputnik/{number}",
        ):
            method = client.delete if "tokens" in path else client.get
            response = method(path, headers=staff["ada"])
            assert _fields(response)[0]["loc"].startswith("path."), path
    assert client.delete(f"/admin/v1/tokens/{2**31 - 1}", headers=staff["ada"]).status_code == 404


def test_an_etag_beyond_the_column_range_is_a_foreign_version(
    client: TestClient, staff: Staff
) -> None:
    from tests.staff import citation

    created = client.post(
        "/admin/v1/citations", json={**citation("src"), "reason": "setup"}, headers=staff["cora"]
    )
    assert created.status_code == 201, created.text
    for head in (2**31, 2**63, 10**40):
        response = client.patch(
            "/admin/v1/citations/src",
            json={"title": "Another title", "reason": "edit"},
            headers={**staff["cora"], "If-Match": f'"cite-src-r{head}"'},
        )
        assert response.status_code == 412, response.text


def test_a_deeply_nested_body_is_a_4xx_not_a_500(client: TestClient) -> None:
    for inner in (b'"\\u0000"', b'"fine"'):
        body = b'{"url": "https://a.example/", "blocks": ' + b"[" * 50_000 + inner
        body += b"]" * 50_000 + b"}"
        response = client.post(
            "/v1/annotate", content=body, headers={"Content-Type": "application/json"}
        )
        assert 400 <= response.status_code < 500, response.text[:200]
