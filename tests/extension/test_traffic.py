"""The privacy check itself: what it lets through and what it flags."""

from tests.extension.traffic import PageFacts, Recorded, Statement, unprofiled_page, violations

API = "http://127.0.0.1:8111"
PAGE, _ = unprofiled_page("http://127.0.0.2:8112")
STATEMENT = Statement((API,), 1, {PAGE.url})


def get(url: str, **headers: str) -> Recorded:
    return Recorded("GET", url, tuple(headers.items()))


def test_the_statement_allows_downloads_buckets_and_the_page_itself() -> None:
    allowed = [
        get(f"{API}/v1/index", Accept="application/json"),
        get(f"{API}/v1/names"),
        get(f"{API}/v1/cards"),
        get(f"{API}/v1/cards/bucket/a?lang=tr"),
        get(PAGE.url),
        get("http://127.0.0.2:8112/favicon.ico"),
        Recorded("CONNECT", "accounts.google.com:443", ()),
    ]
    assert violations(allowed, STATEMENT, [PAGE]) == []


def test_it_flags_other_paths_prefixes_hosts_and_anything_of_the_page() -> None:
    body = (
        b'{"url": "%s", "blocks": ["Insurers in Istanbul raised the premiums"]}' % PAGE.url.encode()
    )
    flagged = {
        "annotate": Recorded("POST", f"{API}/v1/annotate", (), body),
        "entity": get(f"{API}/v1/entities/gevorg-mirzayan"),
        "long prefix": get(f"{API}/v1/cards/bucket/a7?lang=en"),
        "query": get(f"{API}/v1/cards/bucket/a?lang=en&u=x"),
        "other host": get("http://tracker.example/p.gif"),
        "referer": get(f"{API}/v1/cards", Referer=PAGE.url),
        "host": get(f"{API}/v1/names", **{"X-Page": "127.0.0.2:8112"}),
        "name": get(f"{API}/v1/cards/bucket/a?lang=en", **{"X-Q": "Ba%C5%9Flam%C4%B1%C5%9F"}),
        "folded name": get(f"{API}/v1/cards/bucket/a?lang=en", **{"X-Q": "baslamis"}),
        "text": get(f"{API}/v1/cards", **{"X-T": "they would rather wait"}),
        "service": Recorded("POST", "http://update.googleapis.com/x", (), body),
    }
    for what, request in flagged.items():
        assert violations([request], STATEMENT, [PAGE]), what


def test_the_text_runs_are_the_articles_own() -> None:
    page = PageFacts("http://127.0.0.2:1/a", "One two three four", ("x-y",), ("X Y",))
    assert page.fragments() == {"one two three", "two three four"}
    assert {"127.0.0.2", "127.0.0.2:1", "x-y", "x y"} <= page.secrets()
    assert "baslamis" in PAGE.secrets()
