"""Helpers shared by tests: backend choice, prerequisites and app settings."""

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BACKEND = os.environ.get("PROVNOTES_TEST_DB", "sqlite")
POSTGRES_URL = os.environ.get(
    "PROVNOTES_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"
CANONICAL_ARTICLE = SHARED / "fixtures" / "sputnik-s400-article.txt"
WITHOUT_SHARED = os.environ.get("PROVNOTES_WITHOUT_SHARED") == "1"


def require(condition: bool, reason: str) -> None:
    """Skip when a prerequisite is missing — or fail, in CI, where nothing may be skipped."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing prerequisite fails instead of skipping)")
    pytest.skip(reason)


def canonical_article() -> Path:
    """The canonical Sputnik article, read from ../shared (third-party: never in the repository).

    Missing, it skips — or fails with CI=true — unless PROVNOTES_WITHOUT_SHARED=1 says that this
    checkout deliberately runs without ../shared."""
    if not CANONICAL_ARTICLE.exists():
        need = (
            f"this test checks the canonical page and needs {CANONICAL_ARTICLE} "
            "(third-party text kept next to the repository, in ../shared)"
        )
        if WITHOUT_SHARED:
            pytest.skip(f"PROVNOTES_WITHOUT_SHARED=1: {need}")
        require(False, f"{need}; without it, run the suite with PROVNOTES_WITHOUT_SHARED=1")
    return CANONICAL_ARTICLE


def make_settings(**overrides: object) -> Settings:
    """Settings for an app under test."""
    values: dict[str, object] = {
        "environment": "test",
        "database_url": "sqlite://",
        "matcher_poll_seconds": 3600,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def behind_proxy(**overrides: object) -> Settings:
    """Settings for an app behind a trusted reverse proxy, played by TestClient's peer."""
    return make_settings(trusted_proxies=["testclient"], **overrides)


def forwarded_posts(
    client: TestClient, path: str, body: dict[str, Any], forwarded_for: Iterable[str]
) -> list[int]:
    """POST `body` to `path` once per `X-Forwarded-For` value, in order; return the statuses."""
    return [
        client.post(path, json=body, headers={"X-Forwarded-For": sender}).status_code
        for sender in forwarded_for
    ]
