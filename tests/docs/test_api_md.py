"""docs/API.md says what the server really sends: the caching header and the 415 rule."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.support import ROOT

API_MD = (ROOT / "docs" / "API.md").read_text(encoding="utf-8")


def test_the_documented_cache_control_is_the_one_sent(client: TestClient, seeded: Session) -> None:
    documented = set(re.findall(r"`Cache-Control: ([^`]+)`", API_MD))
    assert documented, "docs/API.md names no Cache-Control header"
    for path in ("/v1/index", "/v1/entities/sputnik"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert documented == {response.headers["cache-control"]}, path
        assert "stale-while-revalidate" in response.headers["cache-control"]


def test_the_documented_415_is_what_a_text_body_gets(client: TestClient, session: Session) -> None:
    assert "gets `415`" in API_MD
    response = client.post("/v1/annotate", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415
