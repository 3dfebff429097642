"""The audit log records writes, publishes, token events and authentication failures —
never a secret."""

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from tests.staff import Staff, check, citation, propose_and_publish


def test_writes_publishes_tokens_and_failures_are_audited(
    client: TestClient, staff: Staff, session: Session
) -> None:
    propose_and_publish(client, staff, "citations", citation("src"))
    token = check(
        client.post(
            "/admin/v1/accounts/cora/tokens", json={"label": "laptop"}, headers=staff["ada"]
        ),
        201,
    )
    check(client.delete(f"/admin/v1/tokens/{token['id']}", headers=staff["ada"]))
    client.get("/admin/v1/me", headers={"Authorization": f"Bearer {token['token']}"})
    client.get("/admin/v1/me", headers={"Authorization": "Bearer pn_guess"})
    client.get("/admin/v1/audit", headers=staff["rita"])

    events = check(client.get("/admin/v1/audit", params={"per_page": 200}, headers=staff["ada"]))
    seen = [(e["actor"], e["action"], e["target"]) for e in events["items"]]
    assert ("cora", "citation.create", "citation:src") in seen
    assert ("rita", "revision.publish", "citation:src") in seen
    assert ("ada", "token.create", f"token:{token['id']}") in seen
    assert ("ada", "token.revoke", f"token:{token['id']}") in seen
    assert ("anonymous", "auth.failed", f"token:{token['id']}") in seen
    assert ("anonymous", "auth.failed", None) in seen
    assert ("rita", "auth.forbidden", None) in seen
    assert all(e["request_id"] for e in events["items"] if e["actor"] != "test")

    stored = " ".join(str(row) for row in session.execute(text("SELECT * FROM audit_event")))
    secrets = [
        token["token"],
        "pn_guess",
        *(h["Authorization"][7:] for h in staff.headers.values()),
    ]
    assert not [s for s in secrets if s in stored]
    hashes = " ".join(session.execute(text("SELECT token_hash FROM api_token")).scalars())
    assert token["token"] not in hashes


def test_the_log_filters_by_action(client: TestClient, staff: Staff) -> None:
    client.get("/admin/v1/me", headers={"Authorization": "Bearer nope"})
    failed = check(
        client.get("/admin/v1/audit", params={"action": "auth.failed"}, headers=staff["ada"])
    )
    assert failed["total"] == 1
    assert failed["items"][0]["detail"]["reason"] == "unknown token"
