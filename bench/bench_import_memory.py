"""Import memory (`python -m bench.bench_import_memory`): the memory an import of the largest
body the limit accepts takes, against that body's size, in the same run: the server's resident
memory (RSS) while it imports over HTTP, and the Python heap (tracemalloc) of the same import
run in this process; then a body over the limit, refused with 413."""

import argparse
import asyncio
import json
import os
import tempfile
import threading
import time
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import psutil

from api.auth.models import Actor, Role
from api.config import Settings
from api.db import make_engine, transaction
from api.exports.body import spool_chunks
from api.exports.service import import_body
from api.migrations import upgrade
from bench.bench_seed import generate
from bench.report import machine, write_section
from tests.contract.run import database, drop
from tests.faults.conftest import admin_headers
from tests.live import live_process

CHUNK = 1 << 16  # what a server hands on per message, about


def body_of(folder: Path, people: int) -> bytes:
    """One import body holding a synthetic seed set (citations, organizations, people)."""
    folder.mkdir(parents=True)
    generate(folder, people=people, orgs=2_000)
    files = []
    for path in sorted(folder.glob("*.json")):
        files.append({"name": path.name, **json.loads(path.read_text())})
    return json.dumps({"files": files}).encode()


def peak_rss(process: psutil.Process, stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        try:
            rss = process.memory_info().rss + sum(
                c.memory_info().rss for c in process.children(recursive=True)
            )
        except psutil.NoSuchProcess:
            return
        peak[0] = max(peak[0], rss)
        time.sleep(0.02)


def over_http(
    body: bytes, work: Path, limit: int, url: str
) -> tuple[int, list[tuple[bool, int, float]], int]:
    """Import `body` into a live server on `url` (dry run, then applied); return its idle RSS,
    each run's peak RSS and seconds, and the status of a body over the limit."""
    headers = {**admin_headers(url), "Content-Type": "application/json"}
    with live_process(url, work, timeout=120) as (base, server):
        process = psutil.Process(server.pid)
        time.sleep(1.0)
        idle = process.memory_info().rss
        figures = []
        for dry_run in (True, False):
            peak, stop = [idle], threading.Event()
            watcher = threading.Thread(target=peak_rss, args=(process, stop, peak))
            watcher.start()
            started = time.perf_counter()
            response = httpx.post(
                f"{base}/admin/v1/import",
                content=body,
                params={"dry_run": str(dry_run).lower(), "reason": "bench"},
                headers=headers,
                timeout=900,
            )
            seconds = time.perf_counter() - started
            stop.set()
            watcher.join()
            assert response.status_code == 200, response.text[:500]
            figures.append((dry_run, peak[0], seconds))
        over = httpx.post(
            f"{base}/admin/v1/import",
            content=b"{" + b" " * (limit + 1) + b"}",
            headers=headers,
            timeout=60,
        )
    return idle, figures, over.status_code


async def _chunks(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), CHUNK):
        yield body[start : start + CHUNK]


def traced(body: bytes, work: Path) -> list[tuple[str, int]]:
    """The Python heap's peak (tracemalloc) over the same import in this process, beside what
    holding the body whole as bytes, as text and parsed would take (the whole-body baseline)."""
    engine = make_engine(f"sqlite:///{work / 'traced.db'}")
    upgrade(engine)
    actor = Actor("bench", Role.admin)
    peaks = []
    tracemalloc.start()
    try:
        for dry_run in (True, False):
            tracemalloc.reset_peak()
            start = tracemalloc.get_traced_memory()[0]
            spooled = asyncio.run(spool_chunks(_chunks(body)))
            with transaction(engine) as session:
                import_body(session, actor, spooled, dry_run=dry_run, reason="bench")
            spooled.close()
            peaks.append(("applied" if not dry_run else "dry run", peak_of(start)))
        tracemalloc.reset_peak()
        start = tracemalloc.get_traced_memory()[0]
        whole = bytes(body)  # the old path: the body as bytes, then parsed whole
        parsed = json.loads(whole)
        peaks.append(("whole body: bytes + json.loads (baseline)", peak_of(start)))
        del whole, parsed
    finally:
        tracemalloc.stop()
        engine.dispose()
    return peaks


def peak_of(start: int) -> int:
    return tracemalloc.get_traced_memory()[1] - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=0, help="0: as many as the limit allows")
    parser.add_argument("--sqlite-only", action="store_true", help="skip the PostgreSQL run")
    args = parser.parse_args()
    limit = Settings().max_import_bytes
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        people = args.people or 40_000
        body = body_of(work / "seed", people)
        if not args.people:  # about the largest body the limit lets through
            people = int(people * limit / len(body) * 0.97)
            body = body_of(work / f"seed-{people}", people)
        runs = {"SQLite": over_http(body, work, limit, f"sqlite:///{work / 'http.db'}")}
        if not args.sqlite_only:
            url, schema = database("postgresql", work)
            try:
                runs["PostgreSQL"] = over_http(body, work, limit, url)
            finally:
                assert schema is not None
                drop(schema)
        heap = traced(body, work)
    size = len(body)
    mb = size / 1e6
    lines = [
        f"Machine: {machine()}. Limit `PROVNOTES_MAX_IMPORT_BYTES` = {limit / 1e6:.0f} MB; "
        f"the body holds {people:,} people, 2,000 organizations and their citations: "
        f"{mb:.1f} MB ({size / limit:.0%} of the limit). Budget: 4× the body. Load average "
        f"at the end: {os.getloadavg()[0]:.1f} (times are wall-clock on a shared machine).",
        "",
        "Over HTTP (a live server; its resident memory sampled every 20 ms):",
        "",
        "| database | import | body | server idle | peak resident | growth | growth ÷ body "
        "| time |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for backend, (idle, figures, _) in runs.items():
        for dry_run, peak_bytes, seconds in figures:
            growth = peak_bytes - idle
            lines.append(
                f"| {backend} | {'dry run' if dry_run else 'applied'} | {mb:.1f} MB | "
                f"{idle / 1e6:.0f} MB | {peak_bytes / 1e6:.0f} MB | {growth / 1e6:.0f} MB | "
                f"{growth / size:.2f}× | {seconds:.1f} s |"
            )
    lines += [
        "",
        "In process (the same import; Python heap peak by tracemalloc, above what was held "
        "before it):",
        "",
        "| run | heap peak | ÷ body |",
        "|---|---|---|",
        *(f"| {name} | {peak / 1e6:.1f} MB | {peak / size:.2f}× |" for name, peak in heap),
        "",
        f"A body of {(limit + 2) / 1e6:.0f} MB: HTTP "
        + ", ".join(f"{run[2]} ({backend})" for backend, run in runs.items())
        + ", refused unread.",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("import-memory", "## Import memory\n\n" + text)


if __name__ == "__main__":
    main()
