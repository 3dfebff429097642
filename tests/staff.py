"""Accounts with tokens for admin-API tests, and small helpers that drive the draft workflow."""

from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth import service as auth
from api.auth.models import AccountCreate, Role

ROLES = {
    "cora": Role.curator,
    "cliff": Role.curator,
    "rita": Role.reviewer,
    "remy": Role.reviewer,
    "ada": Role.admin,
}


@dataclass
class Staff:
    """Bearer headers by account name: curators cora and cliff, reviewers rita and remy, admin
    ada."""

    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> dict[str, str]:
        return self.headers[name]


def make_staff(session: Session, pepper: str) -> Staff:
    staff = Staff()
    for name, role in ROLES.items():
        account = auth.create_account(session, AccountCreate(name=name, role=role), "test")
        token = auth.create_token(
            session, account, label="test", expires_days=None, actor="test", pepper=pepper
        )
        staff.headers[name] = {"Authorization": f"Bearer {token.token}"}
    session.flush()
    return staff


def citation(key: str, **fields: Any) -> dict[str, Any]:
    return {
        "key": key,
        "url": f"https://example.org/{key}",
        "title": f"Source {key}",
        "publisher": "Example",
        "accessed": "2026-11-25",
        **fields,
    }


def outlet(slug: str, cite: str, **fields: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "kind": "outlet",
        "country": "GB",
        "citations": [cite],
        "domains": [{"host": f"{slug}.example", "citations": [cite]}],
        "category": {"value": "independent_public", "as_of": "2024-01-01", "citations": [cite]},
        **fields,
    }


def check(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def propose_and_publish(
    client: TestClient,
    staff: Staff,
    path: str,
    body: dict[str, Any],
    *,
    author: str = "cora",
    reviewer: str = "rita",
) -> dict[str, Any]:
    """Create an entity as a draft and have a reviewer publish it; return the admin view."""
    entity_type = {"citations": "citation", "organizations": "organization", "people": "person"}[
        path
    ]
    created = check(
        client.post(f"/admin/v1/{path}", json={**body, "reason": "test"}, headers=staff[author]),
        201,
    )
    slug = created["slug"]
    number = created["draft"]["number"]
    return check(
        client.post(
            f"/admin/v1/revisions/{entity_type}/{slug}/{number}/publish", headers=staff[reviewer]
        )
    )
