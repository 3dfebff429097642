"""A citation's optional archive URL: validated like other URLs, shown to readers on the card."""

from fastapi.testclient import TestClient

from tests.staff import Staff, check, citation, outlet, propose_and_publish

ARCHIVED = "https://web.archive.org/web/20240101000000/https://example.org/src"


def test_the_archive_url_is_kept_changed_and_cleared(client: TestClient, staff: Staff) -> None:
    src = propose_and_publish(client, staff, "citations", citation("src", archive_url=ARCHIVED))
    assert src["document"]["archive_url"] == ARCHIVED
    propose_and_publish(client, staff, "organizations", outlet("daily", "src"))
    card = check(client.get("/v1/entities/daily"))
    assert [c["archive_url"] for c in card["citations"]] == [ARCHIVED]
    cleared = check(
        client.patch(
            "/admin/v1/citations/src",
            json={"archive_url": None, "reason": "the archive is gone"},
            headers={**staff["cora"], "If-Match": src["etag"]},
        )
    )
    assert cleared["document"]["archive_url"] is None


def test_a_bad_archive_url_is_a_422_naming_the_field(client: TestClient, staff: Staff) -> None:
    for url, words in (
        ("https://user:secret@archive.example/x", "must not hold a user name or password"),
        ("http://someone@archive.example/x", "must not hold a user name or password"),
        ("ftp://archive.example/x", "must be an absolute http(s) URL"),
        ("https://archive.example/" + "x" * 2000, "at most 2000 characters"),
    ):
        answer = client.post(
            "/admin/v1/citations",
            json={**citation("bad", archive_url=url), "reason": "test"},
            headers=staff["cora"],
        )
        [problem] = check(answer, 422)["error"]["fields"]
        assert problem["loc"] == "body.archive_url", url
        assert words in problem["message"], problem
