"""`GET /v1/names`: the name pack's content, strong ETags, 304s and gzip."""

import gzip
import json

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories as f


def _seed(session: Session) -> None:
    cite = f.citation()
    f.seed(
        session,
        citations=[cite],
        people=[f.person([cite["key"]], name="Ada Lovelace", slug="ada-lovelace")],
        organizations=[
            f.outlet([cite["key"]], name="Sputnik", slug="sputnik", exclude=["Sputnik V"])
        ],
    )


def test_the_pack_carries_each_form_and_its_outcome(client: TestClient, session: Session) -> None:
    _seed(session)
    response = client.get("/v1/names", headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    pack = response.json()
    assert pack["format"] == 2
    keys = {key: variants for key, _, variants in pack["keys"]}
    slugs = pack["slugs"]
    ada = keys[" ada lovelace "][0]
    assert [slugs[i] for i in ada[3][0][0]] == ["ada-lovelace"]  # any case: a person's name
    assert keys[" lovelace "][0][2] == [slugs.index("ada-lovelace")]  # a surname
    sputnik = keys[" sputnik "][0]
    assert sputnik[3][0] is None  # needs its capital
    assert sputnik[3][1] is not None
    assert keys[" sputnik v "][0][3][0] == [[], "name"]  # an exclude phrase
    assert pack["kinds"][slugs.index("sputnik")] == "cited_outlet"
    assert [pack["fold"][c] for c in "Äß國"] == ["a", "ss", "国"]


def test_the_pack_is_gzipped_with_its_own_strong_etag(client: TestClient, session: Session) -> None:
    _seed(session)
    plain = client.get("/v1/names", headers={"accept-encoding": "identity"})
    raw = client.get("/v1/names", headers={"accept-encoding": "br;q=1, gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in raw.headers["vary"]
    assert json.loads(raw.content) == plain.json()  # the client decoded it
    assert raw.headers["etag"] != plain.headers["etag"]
    assert raw.headers["etag"].startswith('"')  # strong
    assert len(gzip.compress(plain.content)) < len(plain.content) / 3
    refused = client.get("/v1/names", headers={"accept-encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers


def test_a_current_etag_gets_a_304(client: TestClient, session: Session) -> None:
    _seed(session)
    first = client.get("/v1/names", headers={"accept-encoding": "gzip"})
    again = client.get(
        "/v1/names",
        headers={"accept-encoding": "gzip", "if-none-match": first.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    head = client.head("/v1/names", headers={"accept-encoding": "identity"})
    assert head.status_code == 200
    assert (
        head.headers["etag"]
        == client.get("/v1/names", headers={"accept-encoding": "identity"}).headers["etag"]
    )
