"""`/v1/index` and `/v1/lookup`: published hosts, ETags, and URL → outlet."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories as f


def _outlet(session: Session) -> dict[str, object]:
    cite = f.citation()
    news = f.outlet(
        [cite["key"]],
        slug="example-news",
        domains=[
            {"host": "example-news.com", "citations": [cite["key"]]},
            {"host": "world.example-news.com", "path_prefix": "/tr/", "citations": [cite["key"]]},
        ],
    )
    f.seed(session, citations=[cite], organizations=[news])
    return news


def test_the_index_lists_published_hosts_with_a_strong_etag(
    client: TestClient, session: Session
) -> None:
    _outlet(session)
    response = client.get("/v1/index")
    assert response.status_code == 200
    etag = response.headers["etag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert "max-age" in response.headers["cache-control"]
    assert {
        "host": "example-news.com",
        "path_prefix": None,
        "outlet": "example-news",
    } in response.json()["domains"]
    again = client.get("/v1/index", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/v1/index", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_the_etag_changes_when_published_data_changes(client: TestClient, session: Session) -> None:
    _outlet(session)
    before = client.get("/v1/index").headers["etag"]
    cite = f.citation()
    f.seed(session, citations=[cite], organizations=[f.outlet([cite["key"]])])
    assert client.get("/v1/index", headers={"If-None-Match": before}).status_code == 200


def test_lookup_finds_the_outlet_of_a_page(client: TestClient, session: Session) -> None:
    _outlet(session)
    for url in [
        "https://example-news.com/a?x=1#top",
        "http://www.example-news.com:8080/b",
        "https://m.example-news.com/amp/c",
        "https://EXAMPLE-NEWS.com.",
    ]:
        body = client.get("/v1/lookup", params={"url": url}).json()
        assert body["outlet"]["slug"] == "example-news", url
        assert body["match"] == {"host": "example-news.com", "path_prefix": None, "rule": "host"}


def test_lookup_says_which_rule_fired(client: TestClient, session: Session) -> None:
    _outlet(session)
    rules = {
        url: client.get("/v1/lookup", params={"url": url}).json()["match"]
        for url in [
            "https://example-news.com/a",
            "https://world.example-news.com/a",
            "https://world.example-news.com/tr/a",
        ]
    }
    assert [(m["host"], m["path_prefix"], m["rule"]) for m in rules.values()] == [
        ("example-news.com", None, "host"),
        ("example-news.com", None, "registrable_domain"),
        ("world.example-news.com", "/tr/", "path_prefix"),
    ]


def test_lookup_never_matches_substrings(client: TestClient, session: Session) -> None:
    _outlet(session)
    for url in [
        "https://notexample-news.com/",
        "https://example-news.com.evil.net/",
        "https://example-news.co/",
    ]:
        body = client.get("/v1/lookup", params={"url": url}).json()
        assert body["outlet"] is None, url
        assert body["match"] is None


def test_lookup_rejects_a_malformed_url(client: TestClient, session: Session) -> None:
    response = client.get("/v1/lookup", params={"url": "not a url"})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("query.url")
    assert client.get("/v1/lookup").status_code == 422


def test_entities_return_published_cards_or_404(client: TestClient, session: Session) -> None:
    _outlet(session)
    response = client.get("/v1/entities/example-news")
    assert response.status_code == 200
    assert response.json()["domains"][0]["citations"]
    assert "etag" in response.headers
    missing = client.get("/v1/entities/no-such-profile")
    assert missing.status_code == 404
    assert "no-such-profile" in missing.json()["error"]["message"]
    assert client.get("/v1/entities/Bad Slug!").status_code == 422


def test_head_answers_like_get_without_a_body(client: TestClient, session: Session) -> None:
    _outlet(session)
    get = client.get("/v1/index")
    head = client.head("/v1/index")
    assert head.status_code == 200
    assert head.headers["etag"] == get.headers["etag"]
    assert head.content == b""
    assert client.head("/v1/entities/example-news").status_code == 200
    assert client.get("/openapi.json").status_code == 200
