"""Seed a running server through the admin API (`provnotes seed --api URL --token T`)."""

import secrets
import time
from collections.abc import Iterable
from typing import Any

import httpx

from api.exports.models import ImportResult
from api.seeding.files import SECTIONS, RawRecord

RETRIES = 3
RETRY_STATUSES = {502, 503, 504}


class RemoteError(Exception):
    """The server refused the upload or could not be reached."""


def seed_files(records: Iterable[RawRecord]) -> list[dict[str, Any]]:
    """Group raw records back into files, keeping each record's file, section and index."""
    files: dict[str, dict[str, Any]] = {}
    for record in records:
        file = files.setdefault(record.file, {"name": record.file, **{s: [] for s in SECTIONS}})
        file[record.section].append(record.data)
    return list(files.values())


def upload(
    api: str,
    token: str,
    records: Iterable[RawRecord],
    *,
    dry_run: bool,
    reason: str,
    timeout: float = 300.0,
) -> ImportResult:
    """Send seed records to `POST /admin/v1/import`; retries reuse one Idempotency-Key."""
    body = {"files": seed_files(records)}
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": secrets.token_urlsafe(24)}
    url = api.rstrip("/") + "/admin/v1/import"
    params = {"dry_run": str(dry_run).lower(), "reason": reason}
    response = None
    with httpx.Client(timeout=timeout) as client:
        for attempt in range(RETRIES):
            try:
                response = client.post(url, json=body, headers=headers, params=params)
            except httpx.TransportError as exc:
                if attempt == RETRIES - 1:
                    raise RemoteError(f"cannot reach {api}: {exc}") from exc
            else:
                if response.status_code not in RETRY_STATUSES:
                    break
            time.sleep(0.5 * 2**attempt)
    assert response is not None
    if response.status_code != 200:
        raise RemoteError(_message(response))
    return ImportResult.model_validate(response.json())


def _message(response: httpx.Response) -> str:
    try:
        error = response.json()["error"]
        return f"{error['message']} (HTTP {response.status_code})"
    except (ValueError, KeyError, TypeError):
        return f"the server answered HTTP {response.status_code}: {response.text[:300]}"
