"""`POST /v1/annotate`: limits, errors, empty input, JSON-LD, ambiguity and drafts."""

import json
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories as f

URL = "https://news.example/story"


def _post(client: TestClient, body: Any, **headers: str) -> Any:
    return client.post("/v1/annotate", json=body, headers=headers)


def test_empty_text_gives_an_empty_result(client: TestClient, session: Session) -> None:
    response = _post(client, {"url": URL, "blocks": []})
    assert response.status_code == 200
    assert response.json()["mentions"] == []
    response = _post(client, {"url": URL, "blocks": ["", "   "]})
    assert response.status_code == 200
    assert response.json()["mentions"] == []


def test_a_malformed_url_is_a_422_naming_the_field(client: TestClient, session: Session) -> None:
    for bad in ["not a url", "ftp://example.org/x", "javascript:alert(1)", "http://"]:
        response = _post(client, {"url": bad, "blocks": ["text"]})
        assert response.status_code == 422, bad
        assert response.json()["error"]["message"].startswith("body.url"), response.text


def test_malformed_json_is_a_422(client: TestClient, session: Session) -> None:
    response = client.post(
        "/v1/annotate", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "JSON" in response.json()["error"]["message"]


def test_wrong_types_and_unknown_fields_are_422(client: TestClient, session: Session) -> None:
    assert _post(client, {"url": URL, "blocks": "text"}).status_code == 422
    assert _post(client, {"url": URL, "blocks": [1, 2]}).status_code == 422
    assert _post(client, {"url": URL, "blocks": [], "extra": 1}).status_code == 422
    assert _post(client, {"blocks": []}).json()["error"]["fields"][0]["loc"] == "body.url"
    assert _post(client, [1, 2, 3]).status_code == 422


def test_too_many_blocks_is_a_413(client: TestClient, session: Session) -> None:
    response = _post(client, {"url": URL, "blocks": ["a"] * 501})
    assert response.status_code == 413
    assert "501 blocks" in response.json()["error"]["message"]


def test_too_much_text_is_a_413(client: TestClient, session: Session) -> None:
    response = _post(client, {"url": URL, "blocks": ["x" * 100_000, "y" * 100_001]})
    assert response.status_code == 413
    assert "characters" in response.json()["error"]["message"]


def test_a_body_over_the_byte_limit_is_a_413(client: TestClient, session: Session) -> None:
    response = client.post(
        "/v1/annotate", content=b"x" * 1_100_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_two_profiles_sharing_a_name_are_ambiguous(client: TestClient, session: Session) -> None:
    cite = f.citation()
    one = f.person([cite["key"]], name="Anna Petrova", slug="anna-petrova-economist")
    two = f.person([cite["key"]], name="Anna Petrova", slug="anna-petrova-diplomat")
    f.seed(session, citations=[cite], people=[one, two])
    result = _post(client, {"url": URL, "blocks": ["Anna Petrova said so."]}).json()
    [mention] = result["mentions"]
    assert mention["ambiguous"] is True
    assert mention["entities"] == ["anna-petrova-diplomat", "anna-petrova-economist"]
    assert set(result["entities"]) == {"anna-petrova-diplomat", "anna-petrova-economist"}


def test_json_ld_follows_the_web_annotation_model(client: TestClient, session: Session) -> None:
    cite = f.citation()
    f.seed(
        session,
        citations=[cite],
        people=[f.person([cite["key"]], name="Ada Lovelace", slug="ada-lovelace")],
    )
    blocks = ["Intro 🙂 text.", "Then Ada Lovelace spoke."]
    response = _post(client, {"url": URL, "blocks": blocks}, accept="application/ld+json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    assert body["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert body["type"] == "AnnotationCollection"
    [item] = body["first"]["items"]
    quote, position = item["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "Ada Lovelace",
        "prefix": "Then ",
        "suffix": " spoke.",
    }
    article = "\n\n".join(blocks)
    assert article[position["start"] : position["end"]] == "Ada Lovelace"  # code points
    assert item["body"][0]["id"].endswith("/v1/entities/ada-lovelace")


def test_never_a_500_on_odd_text(client: TestClient, session: Session) -> None:
    odd = [
        "\u202e\u0301\u0301",
        "🙂" * 50,
        "İ" * 30,
        "ß" * 20,
        "\r\n\t",
        "a" * 5000,
    ]
    response = _post(client, {"url": URL, "blocks": odd})
    assert response.status_code == 200


def test_a_body_that_is_not_json_is_a_415(client: TestClient, session: Session) -> None:
    body = b'{"url": "https://news.example/story", "blocks": ["text"]}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        headers = {"content-type": content_type} if content_type else {}
        response = client.post("/v1/annotate", content=body, headers=headers)
        assert response.status_code == 415, (content_type, response.text)
        error = response.json()["error"]
        assert error["code"] == "unsupported_media_type"
        assert "Content-Type: application/json" in error["message"]
        assert (content_type or "no Content-Type") in error["message"]
    for content_type in ("application/json; charset=utf-8", "application/ld+json"):
        response = client.post("/v1/annotate", content=body, headers={"content-type": content_type})
        assert response.status_code == 200, (content_type, response.text)


def test_every_json_endpoint_refuses_other_bodies(client: TestClient, session: Session) -> None:
    response = client.post(
        "/v1/corrections", content=b"please fix", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    assert client.get("/v1/index", headers={"content-type": "text/plain"}).status_code == 200


def test_text_no_column_can_hold_is_refused_at_the_edge(client: TestClient) -> None:
    for accept in ("application/json", "application/ld+json"):
        for bad, what in (("a\x00b", "NUL"), ("x\ud800y", "surrogate"), ("\udc00", "surrogate")):
            body = json.dumps({"url": URL, "blocks": ["fine", bad]})  # escapes as \\u....
            response = client.post(
                "/v1/annotate",
                content=body,
                headers={"Accept": accept, "Content-Type": "application/json"},
            )
            assert response.status_code == 422, response.text
            field = response.json()["error"]["fields"][0]
            assert field["loc"] == "body.blocks[1]"
            assert what in field["message"]
    paired = _post(client, {"url": URL, "blocks": ["\U0001f642 and \\ud800 as text"]})
    assert paired.status_code == 200
