"""Every admin route, built from the app's own route table, against every kind of caller."""

import re
from datetime import timedelta

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from api.auth import service as auth
from api.auth.models import AccountCreate, ApiToken, Role
from api.common import utcnow
from api.config import Settings
from api.main import create_app
from tests.support import make_settings

ADMIN_ONLY = re.compile(r"^/admin/v1/(accounts|tokens|audit|import)\b")
REVIEWER = re.compile(r"/(publish|reject|send-back)$")
SAMPLE = {"entity_type": "organization", "number": "1", "index": "0", "lang": "en"}


def needed_role(path: str) -> Role:
    """The role each admin route must demand: what this test holds the app to."""
    if ADMIN_ONLY.match(path):
        return Role.admin
    if REVIEWER.search(path):
        return Role.reviewer
    return Role.curator


def admin_routes() -> list[tuple[str, str]]:
    app = create_app(make_settings())
    found = sorted(
        (method, route.path)
        for route in iter_route_contexts(app.routes)  # every route, through included routers
        if route.path.startswith("/admin")
        for method in route.methods or ()
    )
    assert len(found) > 40, "the admin API seems to be missing"
    return found


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE.get(m.group(1), "nobody-here"), path)


@pytest.fixture
def callers(session: Session, app_settings: Settings) -> dict[str, dict[str, str]]:
    """Authorization headers for every kind of caller."""
    pepper = app_settings.token_pepper
    headers: dict[str, dict[str, str]] = {"no token": {}, "bad token": _bearer("pn_not-a-token")}
    for role in Role:
        account = auth.create_account(session, AccountCreate(name=f"m-{role}", role=role), "t")
        token = auth.create_token(
            session, account, label="t", expires_days=None, actor="t", pepper=pepper
        )
        headers[str(role)] = _bearer(token.token)
    admin = auth.get_account(session, "m-admin")
    expired = auth.create_token(
        session, admin, label="old", expires_days=1, actor="t", pepper=pepper
    )
    session.execute(
        update(ApiToken)
        .where(ApiToken.id == expired.id)  # type: ignore[arg-type]
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    revoked = auth.create_token(
        session, admin, label="gone", expires_days=None, actor="t", pepper=pepper
    )
    auth.revoke_token(session, revoked.id, "t")
    headers["expired"] = _bearer(expired.token)
    headers["revoked"] = _bearer(revoked.token)
    session.flush()
    return headers


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(("method", "path"), admin_routes())
def test_every_admin_route_checks_token_and_role(
    client: TestClient, callers: dict[str, dict[str, str]], method: str, path: str
) -> None:
    url = concrete(path)
    body = {} if method in ("POST", "PUT", "PATCH") else None
    needed = needed_role(path)
    for caller, headers in callers.items():
        response = client.request(method, url, headers=headers, json=body)
        assert response.status_code < 500, (caller, method, url, response.text)
        if caller in ("no token", "bad token", "expired", "revoked"):
            expected = "401"
            assert response.status_code == 401, (caller, method, url, response.text)
            assert response.headers["WWW-Authenticate"] == "Bearer"
        elif Role(caller).includes(needed):
            expected = "not 401/403"
            assert response.status_code not in (401, 403), (caller, method, url, response.text)
        else:
            expected = "403"
            assert response.status_code == 403, (caller, method, url, response.text)
        if response.status_code >= 400:
            assert response.json()["error"]["status"] == response.status_code, expected


def test_the_public_api_needs_no_token(client: TestClient) -> None:
    assert client.get("/v1/index").status_code == 200
