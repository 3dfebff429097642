"""Liveness and readiness probes."""

from fastapi.testclient import TestClient


def test_healthz_reports_the_process_up(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_the_database_version(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert isinstance(body["data_version"], int)


def test_readyz_says_unavailable_when_the_database_is_gone() -> None:
    from api.db import make_engine
    from api.main import create_app
    from tests.support import make_settings

    engine = make_engine("sqlite:////nonexistent-dir/provnotes.db")
    with TestClient(create_app(make_settings(), engine=engine)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
