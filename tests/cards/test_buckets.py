"""Card buckets: each entity in the bucket of its hashed slug, the annotate card form, ETags."""

import gzip
import hashlib
import json

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.cards.buckets import MIN_BUCKET, prefix_length
from tests import factories as f


def _key(slug: str) -> str:
    return hashlib.sha256(slug.encode()).hexdigest()


def _seed(session: Session, people: int = 20) -> list[str]:
    cite = f.citation()
    ministry = f.organization([cite["key"]], kind="ministry", name="Ministry of Examples")
    folks = [
        f.person(
            [cite["key"]],
            notes={"en": "An English note", "tr": "Bir not"},
            relations=[
                {"type": "employed_by", "object": ministry["slug"], "citations": [cite["key"]]}
            ],
        )
        for _ in range(people)
    ]
    f.seed(session, citations=[cite], organizations=[ministry], people=folks)
    return [ministry["slug"], *(p["slug"] for p in folks)]


def test_the_prefix_is_as_long_as_every_bucket_stays_full() -> None:
    keys = [_key(f"entity-{n}") for n in range(16 * MIN_BUCKET * 3)]
    assert prefix_length(keys) == 1  # 256 buckets would hold about 1.5 each
    many = [_key(f"entity-{n}") for n in range(256 * MIN_BUCKET * 4)]
    assert prefix_length(many) == 2
    assert prefix_length([]) == 1


def test_each_entity_is_in_the_bucket_of_its_key(client: TestClient, session: Session) -> None:
    slugs = _seed(session)
    scheme = client.get("/v1/cards").json()
    assert scheme["hash"] == "sha256"
    assert scheme["key"] == "slug"
    assert scheme["prefix_length"] == 1
    assert scheme["buckets"] == 16
    assert scheme["entities"] == len(slugs)
    found: dict[str, str] = {}
    for n in range(16):
        prefix = format(n, "x")
        bucket = client.get(f"/v1/cards/bucket/{prefix}").json()
        assert bucket["prefix"] == prefix
        assert bucket["data_version"] == scheme["data_version"]
        for slug in bucket["entities"]:
            assert _key(slug).startswith(prefix)
            found[slug] = prefix
    assert sorted(found) == sorted(slugs)
    sizes = [sum(1 for p in found.values() if p == format(n, "x")) for n in range(16)]
    assert (scheme["smallest_bucket"], scheme["largest_bucket"]) == (min(sizes), max(sizes))


def test_a_bucket_card_is_the_card_annotate_sends(client: TestClient, session: Session) -> None:
    slugs = _seed(session)
    person = slugs[1]
    bucket = client.get(f"/v1/cards/bucket/{_key(person)[0]}", params={"lang": "tr"}).json()
    annotated = client.post(
        "/v1/annotate",
        json={
            "url": "https://news.example/a",
            "lang": "tr",
            "blocks": [bucket["entities"][person]["name"]],
        },
    ).json()
    assert bucket["entities"][person] == annotated["entities"][person]
    assert bucket["entities"][person]["note"] == {"lang": "tr", "text": "Bir not"}
    ministry = annotated["entities"][person]["affiliations"][0]["organization"]
    assert bucket["organizations"][ministry] == annotated["organizations"][ministry]
    for key in annotated["citations"]:
        assert bucket["citations"][key] == annotated["citations"][key]


def test_buckets_are_cached_with_strong_tags_and_gzip(client: TestClient, session: Session) -> None:
    slugs = _seed(session)
    # The factories' slugs are random: take a bucket one of them is known to be in.
    path = f"/v1/cards/bucket/{_key(slugs[1])[0]}"
    plain = client.get(path, headers={"accept-encoding": "identity"})
    assert slugs[1] in plain.json()["entities"]
    packed = client.get(path, headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert json.loads(packed.content) == plain.json()
    assert plain.headers["etag"].startswith('"')
    assert plain.headers["etag"] != packed.headers["etag"]
    assert "max-age" in plain.headers["cache-control"]
    assert "Accept-Encoding" in plain.headers["vary"]
    again = client.get(
        path,
        headers={"accept-encoding": "gzip", "if-none-match": packed.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.content == b""
    scheme = client.get("/v1/cards")
    assert (
        client.get("/v1/cards", headers={"if-none-match": scheme.headers["etag"]}).status_code
        == 304
    )
    assert len(gzip.compress(plain.content)) <= len(plain.content)


def test_a_prefix_of_another_length_names_no_bucket(client: TestClient, session: Session) -> None:
    _seed(session)
    wrong = client.get("/v1/cards/bucket/ab")
    assert wrong.status_code == 404
    assert "is 1 hex character long" in wrong.json()["error"]["message"]
    for bad in ("AB", "g", "abcde"):
        response = client.get(f"/v1/cards/bucket/{bad}")
        assert response.status_code == 422, bad
        assert "prefix" in response.json()["error"]["message"]
