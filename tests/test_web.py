"""Security headers on every response, CORS by API, a chunked oversized body, and the API
reference pages served with their own assets."""

import os
from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.main import create_app
from api.middleware import REQUEST_IDS
from tests.support import make_settings

ORIGIN = "https://reader.example"


def _secured(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/v1/index"),
        client.get("/v1/entities/no-such-slug"),
        client.get("/admin/v1/me"),
        client.post("/v1/annotate", content=b"x" * 2_000_000),
        client.get("/healthz"),
    ):
        _secured(response)


def test_any_origin_may_read_the_public_api_but_not_the_admin_api(client: TestClient) -> None:
    public = client.get("/v1/index", headers={"Origin": ORIGIN})
    assert public.headers["access-control-allow-origin"] == "*"
    admin = client.get("/admin/v1/me", headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in admin.headers
    preflight = client.options(
        "/admin/v1/me", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_configured_admin_origins_are_allowed() -> None:
    settings = make_settings(admin_cors_origins=["https://console.example"])
    with TestClient(create_app(settings)) as client:
        allowed = client.options(
            "/admin/v1/me",
            headers={
                "Origin": "https://console.example",
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "authorization,if-match",
            },
        )
        assert allowed.headers["access-control-allow-origin"] == "https://console.example"
        other = client.get("/admin/v1/me", headers={"Origin": ORIGIN})
        assert "access-control-allow-origin" not in other.headers


def test_a_chunked_oversized_body_gets_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b" " * 1024

    response = client.post(
        "/v1/corrections", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "payload_too_large"


def test_the_api_reference_loads_nothing_from_another_host(client: TestClient) -> None:
    pages = {
        "/docs": ["/docs/assets/swagger-ui-bundle.js", "/docs/assets/own/swagger-init.js"],
        "/redoc": ["/docs/assets/redoc.standalone.js"],
    }
    for page, assets in pages.items():
        response = client.get(page)
        assert response.status_code == 200
        assert "//" not in response.text  # no absolute URL: nothing from a CDN
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp
        assert "script-src" not in csp  # so no inline script may run
        for asset in assets:
            assert f'src="{asset}"' in response.text
            loaded = client.get(asset)
            assert loaded.status_code == 200, asset
            assert loaded.headers["content-type"].startswith(("text/javascript", "application/"))


def test_every_response_carries_its_own_request_id_or_the_one_sent(client: TestClient) -> None:
    ids = [client.get("/healthz").headers["x-request-id"] for _ in range(50)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert len({i[:16] for i in ids}) == 1  # one process: one random prefix, then a counter
    sent = client.get("/healthz", headers={"X-Request-ID": "trace-42"})
    assert sent.headers["x-request-id"] == "trace-42"
    unprintable = client.get("/healthz", headers={"X-Request-ID": "a\tb"})
    assert len(unprintable.headers["x-request-id"]) == 32


def test_a_forked_worker_draws_its_own_request_id_prefix() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its first id and leave without running any cleanup
        os.write(write, REQUEST_IDS.next().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 64).decode()
    os.close(read), os.close(write)
    assert len(child) == 32
    assert child[:16] != REQUEST_IDS.next()[:16]
