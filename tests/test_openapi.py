"""The OpenAPI document states the statuses each route answers and the rules it enforces."""

import re

from fastapi.testclient import TestClient

from api.common import PAGE_URL_PATTERN


def test_every_operation_documents_its_error_statuses(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "422" in codes, (method, path)
            if path.startswith("/admin/"):
                assert {"401", "403", "503"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if any(p["name"].lower() == "if-match" for p in operation.get("parameters", [])):
                assert {"412", "428"} <= codes, (method, path)
            for code, response in operation["responses"].items():
                if int(code) >= 400:
                    content = response["content"]["application/json"]["schema"]
                    assert content == {"$ref": "#/components/schemas/Error"}, (method, path, code)
    assert "429" in schema["paths"]["/v1/corrections"]["post"]["responses"]
    assert "Retry-After" in schema["paths"]["/readyz"]["get"]["responses"]["503"]["headers"]


def test_the_document_states_the_field_rules(client: TestClient) -> None:
    components = client.get("/openapi.json").json()["components"]["schemas"]
    organization = components["OrganizationDocument"]["properties"]
    assert organization["slug"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert organization["country"]["anyOf"][0]["pattern"] == "^[A-Z]{2}$"
    assert organization["citations"]["minItems"] == 1
    assert "citations" in components["OrganizationDocument"]["required"]
    assert components["ChangesetCreate"]["anyOf"]


def test_page_url_rule_agrees_with_the_server(client: TestClient) -> None:
    for url, valid in (
        ("https://news.example/story", True),
        ("http://1.2.3.4:8080/x?y=1", True),
        ("https://a..b/", False),
        ("https://a.com:99999/", False),
        ("ftp://a.com/", False),
        ("https://ex ample.com/", False),
    ):
        assert bool(re.fullmatch(PAGE_URL_PATTERN, url)) is valid, url
        response = client.get("/v1/lookup", params={"url": url})
        assert (response.status_code == 200) is valid, (url, response.text)


def _strings(node: object) -> list[dict[str, object]]:
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if node.get("type") == "string" else []
    return own + [s for value in node.values() for s in _strings(value)]


def test_no_string_in_the_document_admits_nul(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    parameters = [o.get("parameters", []) for ops in schema["paths"].values() for o in ops.values()]
    inputs = [schema["components"], parameters]
    strings = [s for s in _strings(inputs) if not {"enum", "const", "format"} & set(s)]
    assert len(strings) > 100
    for string in strings:
        rule = re.compile(str(string["pattern"]))
        assert not rule.search("ok\x00"), string
        assert not rule.search("\x00ok"), string
    text = schema["components"]["schemas"]["CitationDocument"]["properties"]["title"]
    assert re.search(text["pattern"], "A title, with ünïcode")
    response = client.get("/v1/search", params={"q": "a\x00b"})
    assert response.status_code == 422


def test_the_streamed_import_body_is_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/admin/v1/import"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/ImportRequest"}
    request = schema["components"]["schemas"]["ImportRequest"]
    assert request["properties"]["files"]["maxItems"] == 10_000
    assert "SeedFile" in schema["components"]["schemas"]
    assert {"400", "413", "415", "422"} <= set(operation["responses"])


def test_every_link_names_an_operation_and_its_parameters(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    targets = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for response in operation["responses"].values():
                for name, link in response.get("links", {}).items():
                    pointer, target_method = link["operationRef"].rsplit("/", 1)
                    target_path = pointer.removeprefix("#/paths/")
                    target_path = target_path.replace("~1", "/").replace("~0", "~")
                    target = schema["paths"][target_path][target_method]
                    names = {p["name"] for p in target.get("parameters", [])}
                    assert set(link["parameters"]) <= names, (method, path, name)
                    targets.add(f"{target_method.upper()} {target_path}")
    assert {
        "POST /v1/entities/{slug}/replies",
        "GET /admin/v1/replies/{reply_id}",
        "POST /admin/v1/replies/{reply_id}/open",
        "POST /admin/v1/replies/{reply_id}/decide",
    } <= targets
