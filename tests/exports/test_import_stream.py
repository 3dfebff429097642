"""The import body is read as it streams: its shape, text and records are checked with the
place named, reports stay bounded, and a problem anywhere leaves every row as before."""

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.config import Settings
from api.seeding import stream
from api.seeding.validation import MAX_REPORTED
from tests.staff import Staff, check, citation, outlet
from tests.support import make_settings

LIMIT = 100_000


@pytest.fixture
def app_settings() -> Settings:
    return make_settings(max_import_bytes=LIMIT)


def _post(client: TestClient, staff: Staff, body: object, **params: str) -> object:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        "/admin/v1/import",
        content=content,
        params=params,
        headers={**staff["ada"], "Content-Type": "application/json"},
    )


def _rows(session: Session) -> tuple[int, ...]:
    return tuple(
        session.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
        for name in ("citation", "organization", "person", "document", "revision")
    )


def test_a_bad_record_at_the_end_leaves_every_row_as_before(
    client: TestClient, staff: Staff, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    check(_post(client, staff, {"files": [{"citations": [citation("old")]}]}))
    before = _rows(session)
    good = [outlet(f"outlet-{i}", "src") for i in range(30)]
    body = {
        "files": [
            {"name": "a.json", "citations": [citation("src")], "organizations": good},
            {"name": "b.json", "organizations": [outlet("last", "nowhere")]},
        ]
    }
    monkeypatch.setattr(stream, "BATCH", 7)  # several batches are written before the bad one
    error = check(_post(client, staff, body), 422)["error"]
    assert "b.json: organizations[0].citations[0]: unknown citation 'nowhere'" in error["message"]
    assert _rows(session) == before


def test_records_may_refer_to_records_later_in_the_body(
    client: TestClient, staff: Staff, session: Session
) -> None:
    person = {
        "slug": "early-person",
        "name": "Early Person",
        "description": "A person in a test",
        "citations": ["late-source"],
        "relations": [
            {"type": "employed_by", "object": "late-outlet", "citations": ["late-source"]}
        ],
    }
    body = {
        "files": [
            {"name": "people.json", "people": [person]},
            {
                "name": "rest.json",
                "citations": [citation("late-source")],
                "organizations": [outlet("late-outlet", "late-source")],
            },
        ]
    }
    result = check(_post(client, staff, body))
    assert (result["created"], result["omitted"]) == (3, 0)
    relation = session.execute(text("SELECT count(*) FROM relation")).scalar_one()
    assert relation == 1


def test_a_dry_run_report_is_bounded_and_counts_everything(
    client: TestClient, staff: Staff, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "MAX_LISTED", 5)
    body = {"files": [{"citations": [citation(f"c{i}") for i in range(12)]}]}
    result = check(_post(client, staff, body, dry_run="true"))
    assert (result["created"], len(result["changes"]), result["omitted"]) == (12, 5, 7)
    assert result["changes"][0] == "+ citation c0  (files[0]: citations[0])"
    assert _rows(session)[0] == 0


def test_every_problem_is_counted_and_the_first_ones_named(
    client: TestClient, staff: Staff
) -> None:
    broken = [{**citation(f"c{i}"), "url": "not a url"} for i in range(MAX_REPORTED + 20)]
    error = check(_post(client, staff, {"files": [{"name": "x", "citations": broken}]}), 422)
    message = error["error"]["message"]
    assert message.startswith(f"{MAX_REPORTED + 20} problem(s) in the seed data")
    assert "… and 20 more" in message
    assert len(error["error"]["fields"]) == MAX_REPORTED
    assert error["error"]["fields"][3]["loc"] == "x"
    assert error["error"]["fields"][3]["message"].startswith("x: citations[3].url: ")


@pytest.mark.parametrize(
    ("body", "loc", "says"),
    [
        ({"files": []}, "body.files", "at least one"),
        ({"files": [{}], "more": 1}, "body.more", "unknown field"),
        ({}, "body.files", "field required"),
        ([], "body", "must be an object"),
        ({"files": {"name": "x"}}, "body.files", "must be a list"),
        ({"files": [[]]}, "body.files[0]", "must be an object"),
        ({"files": [{"name": "n" * 501}]}, "body.files[0].name", "at most 500"),
        ({"files": [{"people": {}}]}, "body.files[0].people", "must be a list"),
        ({"files": [{"notes": []}]}, "body.files[0].notes", "unknown field"),
        (b'{"files": [{"people": [], "people": []}]}', "body.files[0].people", "given twice"),
    ],
)
def test_the_body_shape_is_checked_as_it_streams(
    client: TestClient, staff: Staff, body: object, loc: str, says: str
) -> None:
    error = check(_post(client, staff, body), 422)["error"]
    assert error["fields"][0]["loc"] == loc
    assert says in error["fields"][0]["message"]


@pytest.mark.parametrize(
    ("content", "status", "says"),
    [
        (b'{"files": [{"citations": [', 422, "not valid JSON"),
        (b'{"files": [{}]} trailing', 422, "not valid JSON"),
        (b'{"files": [{"name": "\xff"}]}', 400, "not UTF-8"),
        (b'{"files": [{"citations": [' + b"[" * 100 + b"]" * 100 + b"]}]}", 422, "nested deeper"),
    ],
)
def test_unreadable_bodies_get_a_clear_4xx(
    client: TestClient, staff: Staff, content: bytes, status: int, says: str
) -> None:
    error = check(_post(client, staff, content), status)["error"]
    assert says in error["message"]


@pytest.mark.parametrize(
    ("escape", "says"),
    [("\\u0000", "NUL"), ("\\ud800", "surrogates"), ("\\udc00", "surrogates")],
)
def test_text_no_column_holds_is_refused_with_its_place(
    client: TestClient, staff: Staff, session: Session, escape: str, says: str
) -> None:
    cite = json.dumps({"name": "up.json", "citations": [citation("ok"), citation("bad")]})
    cite = cite.replace('"Source bad"', f'"Source {escape} bad"')
    content = f'{{"files": [{cite}]}}'.encode()
    error = check(_post(client, staff, content), 422)["error"]
    assert error["fields"][0]["loc"] == "up.json: citations[1].title"
    assert says in error["fields"][0]["message"]
    assert _rows(session)[0] == 0


def test_paired_surrogates_and_other_text_come_through(client: TestClient, staff: Staff) -> None:
    content = json.dumps(
        {"files": [{"citations": [citation("emoji", title="Source \U0001f600 ünïcode")]}]}
    ).encode()
    assert b"\\ud83d\\ude00" in content
    check(_post(client, staff, content))
    exported = check(client.get("/admin/v1/export", headers=staff["cora"]))
    assert exported["citations"][0]["title"] == "Source \U0001f600 ünïcode"


def test_a_name_after_the_records_is_named_by_position(client: TestClient, staff: Staff) -> None:
    content = b'{"files": [{"citations": [{"key": "k"}], "name": "late.json"}]}'
    error = check(_post(client, staff, content), 422)["error"]
    assert error["fields"][0]["message"].startswith("files[0]: citations[0].")


def test_a_body_over_the_limit_is_refused_with_413_declared_or_streamed(
    client: TestClient, staff: Staff, session: Session
) -> None:
    records = [citation(f"c{i}") for i in range(LIMIT // 100)]
    content = json.dumps({"files": [{"citations": records}]}).encode()
    assert len(content) > LIMIT
    declared = _post(client, staff, content)
    assert check(declared, 413)["error"]["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(content), 8192):
            yield content[start : start + 8192]

    streamed = client.post(
        "/admin/v1/import",
        content=chunks(),
        headers={**staff["ada"], "Content-Type": "application/json"},
    )
    assert check(streamed, 413)["error"]["code"] == "payload_too_large"
    assert _rows(session)[0] == 0
