"""The OpenAPI document states every rule `POST /v1/feedback` enforces, and its statuses."""

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from tests.staff import check

DEAD = {"entity": "daily", "vote": "not_helpful", "reasons": ["source_dead"]}

VALID = [
    {"entity": "daily", "vote": "helpful"},
    {"entity": "daily", "vote": "helpful", "reasons": [], "revision": 1, "text": None},
    DEAD,
    {**DEAD, "reasons": ["outdated", "other"], "text": "moved"},
    {**DEAD, "reasons": ["unfair_wording"], "text": "the wording takes a side"},
]
BROKEN_RULES = [
    {**DEAD, "reasons": []},
    {**DEAD, "reasons": ["source_dead", "source_dead"]},
    {**DEAD, "reasons": ["other"]},
    {"entity": "daily", "vote": "helpful", "reasons": ["outdated"]},
    {"entity": "daily", "vote": "helpful", "text": "great"},
    {**DEAD, "reasons": ["other"], "text": "   "},
]


@pytest.mark.usefixtures("profiles")
def test_the_openapi_schema_states_every_rule(client: TestClient) -> None:
    document = check(client.get("/openapi.json"))
    validator = jsonschema_rs.Draft202012Validator(
        {"$ref": "#/components/schemas/FeedbackCreate", "components": document["components"]}
    )
    for body in VALID:
        assert validator.is_valid(body), body
        check(client.post("/v1/feedback", json=body), 202)
    for body in BROKEN_RULES:
        assert not validator.is_valid(body), body
        check(client.post("/v1/feedback", json=body), 422)
    statuses = set(document["paths"]["/v1/feedback"]["post"]["responses"])
    assert {"202", "404", "413", "415", "422", "429", "503"} <= statuses
