"""SQLite faults: the disk fills up under writes, and the server is killed (-9) in the middle of
an import. Reads keep working, writes fail with a clear 503, nothing is half-written, and the
server recovers without a restart (disk) or with a plain restart (kill). Prints its figures."""

import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests import factories as f
from tests.faults.conftest import admin_headers
from tests.live import live_process, live_server
from tests.support import require

pytestmark = pytest.mark.faults
DISK = "8m"


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A tmpfs of a few megabytes of our own (root mounts it; CI runs as root)."""
    where = Path(tempfile.mkdtemp(prefix="provnotes-faults-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(where)], capture_output=True
    )
    require(mounted.returncode == 0, f"cannot mount a small tmpfs: {mounted.stderr!r}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        shutil.rmtree(where, ignore_errors=True)


def _citation_body(i: int) -> dict[str, object]:
    return {**f.citation(key=f"filler-{i}", quote="q" * 900), "reason": "fill the disk"}


def test_a_full_disk_refuses_writes_clearly_and_recovers(small_disk: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{small_disk / 'provnotes.db'}"
    headers = admin_headers(url)
    with live_server(url, tmp_path) as base, httpx.Client(base_url=base, headers=headers) as http:
        filler = small_disk / "filler"
        free = shutil.disk_usage(small_disk).free
        filler.write_bytes(b"\0" * max(0, free - 64 * 1024))  # leave 64 KB
        statuses: list[int] = []
        for i in range(200):
            response = http.post("/admin/v1/citations", json=_citation_body(i))
            statuses.append(response.status_code)
            if response.status_code != 201:
                break
        refused = response
        reads = [http.get(p).status_code for p in ("/admin/v1/me", "/v1/index", "/readyz")]
        filler.unlink()
        again = http.post("/admin/v1/citations", json=_citation_body(1000))
    print(
        f"\ndisk full ({DISK} tmpfs): {statuses.count(201)} writes fitted, then "
        f"{refused.status_code} {refused.json()['error']['message']!r} "
        f"(Retry-After {refused.headers.get('retry-after')}); reads {reads}; "
        f"after freeing space: {again.status_code}"
    )
    assert refused.status_code == 503
    assert "disk is full" in refused.json()["error"]["message"]
    assert "retry-after" in refused.headers
    assert reads == [200, 200, 200]
    assert again.status_code == 201


def _big_import(n: int) -> dict[str, object]:
    cite = f.citation(key="bulk-source")
    orgs = [f.outlet([cite["key"]], slug=f"bulk-outlet-{i}") for i in range(n)]
    return {"files": [{"name": "bulk.json", "citations": [cite], "organizations": orgs}]}


def test_kill_9_in_the_middle_of_an_import_leaves_every_row_as_before(tmp_path: Path) -> None:
    db = tmp_path / "provnotes.db"
    url = f"sqlite:///{db}"
    headers = admin_headers(url)
    with live_process(url, tmp_path) as (base, process):
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            before = http.get("/admin/v1/export").json()
            small = http.post("/admin/v1/import", json=_big_import(3), params={"reason": "setup"})
            assert small.status_code == 200, small.text
            before = http.get("/admin/v1/export").json()
        body = _big_import(20_000)  # about 7 MB: seconds of work, under the 16 MB limit
        outcome: list[object] = []

        def send() -> None:
            try:
                outcome.append(
                    httpx.post(
                        f"{base}/admin/v1/import",
                        json=body,
                        params={"reason": "killed"},
                        headers=headers,
                        timeout=120,
                    ).status_code
                )
            except httpx.TransportError as exc:
                outcome.append(type(exc).__name__)

        sender = threading.Thread(target=send)
        started = time.monotonic()
        sender.start()
        time.sleep(1.0)  # the server is parsing, validating and writing
        process.kill()
        process.wait()
        killed_after = time.monotonic() - started
        sender.join(timeout=30)
    check = sqlite3.connect(db)
    integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
    bulk = check.execute("SELECT count(*) FROM document WHERE slug LIKE 'bulk-outlet-%'").fetchone()
    check.close()
    with live_server(url, tmp_path) as base, httpx.Client(base_url=base, headers=headers) as http:
        after = http.get("/admin/v1/export").json()
        retried = http.post(
            "/admin/v1/import", json=_big_import(5), params={"reason": "after the crash"}
        )
    print(
        f"\nkill -9 {killed_after:.1f} s into a {len(body['files'][0]['organizations'])}-outlet "
        f"import (client saw {outcome}): integrity {integrity}, {bulk[0]} outlets stored "
        f"(3 before), export unchanged: {after == before}; "
        f"import after restart: {retried.status_code}"
    )
    assert outcome
    assert outcome[0] != 200, "the import finished before the kill; make it larger"
    assert integrity == "ok"
    assert bulk[0] == 3
    assert after == before
    assert retried.status_code == 200
