"""No input makes the public API answer 500: random bodies, URLs, slugs and headers."""

from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from tests import factories as f

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
urls = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda host, path: f"https://{host}/{path}",
        st.text(min_size=1, max_size=30),
        st.text(max_size=30),
    ),
    st.sampled_from(
        [
            "https://[::1]:80/x",
            "https://xn--/",
            "http://a..b/",
            "https://例え.jp/",
            "https://ex ample.com/",
            "https://:0/",
            "https://a.com:99999/",
            "http://127.0.0.1/",
            "https://-bad-.com/",
        ]
    ),
)
BUDGET = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@BUDGET
@given(body=json_values)
def test_any_json_body(client: TestClient, session: Session, body: Any) -> None:
    assert client.post("/v1/annotate", json=body).status_code < 500


@BUDGET
@given(
    url=urls,
    blocks=st.lists(st.text(max_size=200), max_size=5),
    lang=st.none() | st.text(max_size=12),
)
def test_any_article(
    client: TestClient, session: Session, url: str, blocks: list[str], lang: str | None
) -> None:
    response = client.post("/v1/annotate", json={"url": url, "lang": lang, "blocks": blocks})
    assert response.status_code in (200, 413, 422), response.text


@BUDGET
@given(url=urls)
def test_any_lookup(client: TestClient, session: Session, url: str) -> None:
    assert client.get("/v1/lookup", params={"url": url}).status_code in (200, 422)


@BUDGET
@given(slug=st.text(min_size=1, max_size=40).filter(lambda s: s not in (".", "..")))
def test_any_slug(client: TestClient, session: Session, slug: str) -> None:
    response = client.get(f"/v1/entities/{quote(slug, safe='')}")
    assert response.status_code in (200, 404, 422)


@BUDGET
@given(
    raw=st.binary(max_size=300),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]
    ),
)
def test_any_bytes(client: TestClient, session: Session, raw: bytes, content_type: str) -> None:
    response = client.post("/v1/annotate", content=raw, headers={"content-type": content_type})
    assert response.status_code < 500


def test_seeded_data_survives_random_text(client: TestClient, session: Session) -> None:
    cite = f.citation()
    f.seed(session, citations=[cite], people=[f.person([cite["key"]], name="Zoë Ångström")])
    text = "ZOË ÅNGSTRÖM 🙂 zoe angstrom\u0301 Ångström's \u202eZoë Ångström\u202c"
    response = client.post("/v1/annotate", json={"url": "https://a.example/", "blocks": [text]})
    assert response.status_code == 200
    for mention in response.json()["mentions"]:
        encoded = text.encode("utf-16-le")
        assert (
            encoded[2 * mention["start"] : 2 * mention["end"]].decode("utf-16-le")
            == mention["text"]
        )
