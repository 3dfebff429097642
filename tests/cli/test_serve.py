"""`provnotes serve`: links follow the served address; the first start prints a summary."""

import gc
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.cli import served_at
from api.common import SERVING_YOUNG_THRESHOLD, collector_for_serving
from api.config import Settings
from extension.scripts.harness.server import free_port
from tests.support import ROOT, make_settings

PROVNOTES = str(Path(sys.executable).with_name("provnotes"))


@pytest.fixture
def app_settings() -> Settings:
    """The app as `provnotes serve --port 8123` builds it without PROVNOTES_PUBLIC_BASE_URL."""
    return served_at(make_settings(), "127.0.0.1", 8123)


def test_the_public_address_follows_host_and_port() -> None:
    assert served_at(make_settings(), "127.0.0.1", 8123).public_base_url == "http://127.0.0.1:8123"
    assert served_at(make_settings(), "0.0.0.0", 9000).public_base_url == "http://127.0.0.1:9000"
    assert served_at(make_settings(), "::1", 8001).public_base_url == "http://[::1]:8001"
    assert served_at(make_settings(), "notes.lan", 80).public_base_url == "http://notes.lan:80"


def test_an_explicit_public_address_wins() -> None:
    settings = make_settings(public_base_url="https://notes.example.org")
    assert served_at(settings, "127.0.0.1", 8123).public_base_url == "https://notes.example.org"


def test_serving_lets_the_young_generation_grow_before_a_collection() -> None:
    before = gc.get_threshold()
    try:
        collector_for_serving()
        assert gc.get_threshold() == (SERVING_YOUNG_THRESHOLD, *before[1:])
    finally:
        gc.set_threshold(*before)


def test_json_ld_links_point_at_the_served_port(client: TestClient, seeded: Session) -> None:
    response = client.post(
        "/v1/annotate",
        json={"url": "https://sputniknews.com/x.html", "blocks": ["Gevorg Mirzayan said so."]},
        headers={"accept": "application/ld+json"},
    )
    assert response.status_code == 200, response.text
    [item] = response.json()["first"]["items"]
    assert item["body"][0]["id"] == "http://127.0.0.1:8123/v1/entities/gevorg-mirzayan"


def test_the_first_start_prints_a_summary_not_every_profile(tmp_path: Path) -> None:
    port = free_port()
    command = [PROVNOTES, "serve", "--port", str(port), "--db", str(tmp_path / "first.db")]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True
        )
        try:
            deadline = time.monotonic() + 90
            while "Uvicorn running" not in log.read_text() and time.monotonic() < deadline:
                assert server.poll() is None, log.read_text()
                time.sleep(0.2)
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = log.read_text().splitlines()
    before_uvicorn = [line for line in lines if not line.startswith("INFO:")]
    assert len(before_uvicorn) == 1, lines
    [summary] = before_uvicorn
    assert summary.startswith("seeded an empty database: ")
    assert summary.endswith(" created, 0 updated, 0 unchanged")
