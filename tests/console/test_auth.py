"""Console sign-in: passwords, CSRF on every form, no session fixation, rate limits, revocation,
and pages that need a higher role."""

import re

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.console import auth
from tests.console.conftest import PASSWORD, SignIn, csrf_of


def test_pages_send_strangers_to_sign_in(client: TestClient) -> None:
    response = client.get("/console/review?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/sign-in?next=%2Fconsole%2Freview%3Fx%3D1"


def test_the_session_cookie_is_httponly_strict_and_new_at_every_sign_in(
    client: TestClient, console_accounts: None
) -> None:
    form = client.get("/console/sign-in")
    planted = "attacker-chosen-session-id"
    client.cookies.set("pn_console", planted, path="/console")
    response = client.post(
        "/console/sign-in",
        data={"csrf": csrf_of(form.text), "name": "cora", "password": PASSWORD},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain http here; https gets Secure
    issued = response.cookies.get("pn_console")
    assert issued
    assert issued != planted
    first = issued
    client.cookies.clear()
    client.cookies.set("pn_console", first, path="/console")
    again = client.post(
        "/console/sign-in",
        data={"csrf": csrf_of(client.get("/console").text), "name": "cora", "password": PASSWORD},
        follow_redirects=False,
    )
    second = again.cookies.get("pn_console")
    assert second
    assert second != first
    client.cookies.clear()
    client.cookies.set("pn_console", first, path="/console")
    assert client.get("/console", follow_redirects=False).status_code == 303  # old id is dead


def test_https_sets_secure(engine: object, console_accounts: None, client: TestClient) -> None:
    secure = TestClient(client.app, base_url="https://testserver")
    form = secure.get("/console/sign-in")
    response = secure.post(
        "/console/sign-in",
        data={"csrf": csrf_of(form.text), "name": "cora", "password": PASSWORD},
        follow_redirects=False,
    )
    assert "Secure" in response.headers["set-cookie"]


def test_wrong_passwords_are_refused_and_rate_limited(
    client: TestClient, console_accounts: None
) -> None:
    token = csrf_of(client.get("/console/sign-in").text)
    statuses = [
        client.post(
            "/console/sign-in", data={"csrf": token, "name": "cora", "password": "wrong guess!!"}
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]
    right = client.post(
        "/console/sign-in", data={"csrf": token, "name": "cora", "password": PASSWORD}
    )
    assert right.status_code == 429
    assert "try again in" in right.text
    assert int(right.headers["retry-after"]) > 0


class Counting(PasswordHasher):
    """The tests' cheap hasher, counting what it hashes and the hashes it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=64, parallelism=1)
        self.hashed = 0
        self.checked: list[str] = []

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.hashed += 1
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.checked.append(str(hash))
        return super().verify(hash, password)


def test_an_unknown_name_costs_one_check_like_a_known_one(
    client: TestClient, console_accounts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = Counting()
    monkeypatch.setattr(auth, "hasher", hasher)
    token = csrf_of(client.get("/console/sign-in").text)
    for name in ("nobody", "cora", "nobody-else"):
        response = client.post(
            "/console/sign-in", data={"csrf": token, "name": name, "password": "wrong guess!!"}
        )
        assert response.status_code == 401
    assert hasher.hashed == 1  # the stand-in hash, made once, on the first sign-in
    assert len(hasher.checked) == 3  # one check each, at the cost of the hasher in use
    assert not [h for h in hasher.checked if hasher.check_needs_rehash(h)]
    assert hasher.checked[0] == hasher.checked[2] != hasher.checked[1]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/console/sign-out", {}),
        ("/console/profile/new", {"entity_type": "person", "name": "X", "reason": "why not"}),
        ("/console/curate", {"url": "https://a.example/", "text": "hello"}),
        ("/console/admin/accounts", {"name": "eve", "role": "admin", "password": PASSWORD}),
    ],
)
def test_every_form_needs_the_csrf_token_of_this_session(
    client: TestClient, sign_in: SignIn, session: Session, path: str, data: dict[str, str]
) -> None:
    sign_in("ada")
    token = csrf_of(client.get("/console").text)
    tampered = token[:-2] + ("11" if token.endswith("00") else "00")  # never the token itself
    for csrf in (None, "forged", tampered):
        body = {**data, **({"csrf": csrf} if csrf else {})}
        response = client.post(path, data=body, follow_redirects=False)
        assert response.status_code == 403, path
        assert "Form expired" in response.text
    assert session.execute(text("SELECT count(*) FROM account WHERE name = 'eve'")).scalar() == 0
    assert session.execute(text("SELECT count(*) FROM changeset")).scalar() == 0


def test_another_sessions_token_does_not_work(client: TestClient, sign_in: SignIn) -> None:
    old_token = sign_in("cora")
    sign_in("ada")
    response = client.post(
        "/console/admin/accounts",
        data={"csrf": old_token, "name": "eve", "role": "admin", "password": PASSWORD},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("path", "role"),
    [("/console/admin/accounts", "admin"), ("/console/admin/audit", "admin")],
)
def test_a_curator_cannot_open_admin_pages(
    client: TestClient, sign_in: SignIn, path: str, role: str
) -> None:
    sign_in("cora")
    response = client.get(path)
    assert response.status_code == 403
    assert f"needs the {role} role" in response.text


def test_a_curator_cannot_publish_or_judge(client: TestClient, sign_in: SignIn) -> None:
    token = sign_in("cora")
    for path in ("/console/review/1/publish", "/console/review/1/verdict"):
        response = client.post(path, data={"csrf": token, "comment": "x"})
        assert response.status_code == 403
        assert "needs the reviewer role" in response.text
    queue = client.get("/console/review")
    assert queue.status_code == 200
    assert "Publish changeset" not in queue.text


def test_an_admin_revokes_a_session(client: TestClient, sign_in: SignIn) -> None:
    sign_in("cora")
    cora_cookie = client.cookies.get("pn_console")
    token = sign_in("ada")
    page = client.get("/console/admin/accounts").text
    ids = re.findall(r"/console/admin/sessions/(\d+)/revoke", page)
    assert len(ids) == 2
    for session_id in ids:
        if session_id != max(ids, key=int):
            revoked = client.post(
                f"/console/admin/sessions/{session_id}/revoke", data={"csrf": token}
            )
            assert revoked.status_code == 200, revoked.text
    client.cookies.clear()
    client.cookies.set("pn_console", cora_cookie or "", path="/console")
    assert client.get("/console", follow_redirects=False).status_code == 303


def test_sign_out_ends_the_session(client: TestClient, sign_in: SignIn) -> None:
    token = sign_in("cora")
    cookie = client.cookies.get("pn_console")
    assert (
        client.post("/console/sign-out", data={"csrf": token}, follow_redirects=False).status_code
        == 303
    )
    client.cookies.clear()
    client.cookies.set("pn_console", cookie or "", path="/console")
    assert client.get("/console", follow_redirects=False).status_code == 303


def test_the_console_is_not_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/console")]
