"""Console fixtures: accounts with passwords, and a helper that signs a browser-like client in."""

import re
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth import service as accounts
from api.console import auth
from tests.staff import ROLES, Staff

PASSWORD = "a long test password"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash test passwords with argon2id at its lowest cost (the real cost is for real ones)."""
    monkeypatch.setattr(auth, "hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def console_accounts(session: Session, staff: Staff) -> None:
    """The staff accounts (curators cora and cliff, reviewers rita and remy, admin ada), each
    with PASSWORD for the console."""
    for name in ROLES:
        auth.set_password(session, accounts.get_account(session, name), PASSWORD, "test")
    session.flush()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


SignIn = Callable[[str], str]


@pytest.fixture
def sign_in(client: TestClient, console_accounts: None) -> SignIn:
    """Sign the client in as an account; return a CSRF token for its next forms."""

    def go(name: str) -> str:
        client.cookies.clear()
        form = client.get("/console/sign-in")
        response = client.post(
            "/console/sign-in",
            data={
                "csrf": csrf_of(form.text),
                "name": name,
                "password": PASSWORD,
                "next": "/console",
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return csrf_of(client.get("/console").text)

    return go
