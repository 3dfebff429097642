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
