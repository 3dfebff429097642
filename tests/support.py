"""Helpers shared by tests: backend choice, prerequisites and app settings."""

import os
from pathlib import Path

import pytest

from api.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BACKEND = os.environ.get("PROVNOTES_TEST_DB", "sqlite")
POSTGRES_URL = os.environ.get(
    "PROVNOTES_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip when a prerequisite is missing — or fail, in CI, where nothing may be skipped."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing prerequisite fails instead of skipping)")
    pytest.skip(reason)


def make_settings(**overrides: object) -> Settings:
    """Settings for an app under test."""
    values: dict[str, object] = {
        "environment": "test",
        "database_url": "sqlite://",
        "matcher_poll_seconds": 3600,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
