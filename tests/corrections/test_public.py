"""`POST /v1/corrections`: size- and rate-limited, queued for curators, never changes data."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.config import Settings
from tests.staff import Staff, check
from tests.support import make_settings

REQUEST = {
    "entity": "sputnik",
    "message": "Sputnik Türkiye moved to a new domain last year.",
    "source_url": "https://example.org/news",
    "contact": "reader@example.org",
}


@pytest.fixture
def app_settings() -> Settings:
    return make_settings(corrections_per_hour=3)


def test_a_correction_lands_in_the_curators_queue(
    client: TestClient, staff: Staff, session: Session
) -> None:
    versions = session.execute(text("SELECT version FROM data_version")).scalar_one()
    receipt = check(client.post("/v1/corrections", json=REQUEST), 202)
    assert receipt["status"] == "open"
    queue = check(client.get("/admin/v1/corrections", headers=staff["cora"]))
    assert [(c["entity"], c["contact"]) for c in queue["items"]] == [
        ("sputnik", REQUEST["contact"])
    ]
    assert session.execute(text("SELECT version FROM data_version")).scalar_one() == versions
    assert session.execute(text("SELECT count(*) FROM revision")).scalar_one() == 0
    resolved = client.post(
        f"/admin/v1/corrections/{receipt['id']}/resolve",
        json={"status": "resolved", "resolution": "domain added in revision 4"},
        headers=staff["cora"],
    )
    assert check(resolved)["resolved_by"] == "cora"
    assert check(client.get("/admin/v1/corrections", headers=staff["cora"]))["total"] == 0


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"message": "short"}, "body.message"),
        ({**REQUEST, "source_url": "javascript:alert(1)"}, "body.source_url"),
        ({**REQUEST, "status": "resolved"}, "body.status"),
        ({**REQUEST, "entity": "Not A Slug"}, "body.entity"),
    ],
)
def test_bad_requests_name_the_field(client: TestClient, body: dict[str, str], loc: str) -> None:
    error = check(client.post("/v1/corrections", json=body), 422)["error"]
    assert error["fields"][0]["loc"] == loc


def test_large_bodies_are_refused(client: TestClient) -> None:
    response = client.post("/v1/corrections", json={**REQUEST, "message": "x" * 20_000})
    assert check(response, 413)["error"]["code"] == "payload_too_large"


def test_each_address_is_rate_limited(client: TestClient) -> None:
    for _ in range(3):
        check(client.post("/v1/corrections", json=REQUEST), 202)
    refused = client.post("/v1/corrections", json=REQUEST)
    assert check(refused, 429)["error"]["code"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) > 0
