"""Import memory (`python -m bench.bench_import_memory`): the server's resident memory while
it imports the largest body it accepts, against its own idle memory in the same run; and a
body over the limit refused with 413."""

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

from api.config import Settings
from bench.bench_seed import generate
from bench.report import machine, write_section
from tests.faults.conftest import admin_headers
from tests.live import live_process


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=0, help="0: as many as the limit allows")
    args = parser.parse_args()
    limit = Settings().max_import_bytes
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        people = args.people or 40_000
        body = body_of(work / "seed", people)
        if not args.people:  # about the largest body the limit lets through
            people = int(people * limit / len(body) * 0.95)
            body = body_of(work / f"seed-{people}", people)
        url = f"sqlite:///{work / 'bench.db'}"
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
    mb = len(body) / 1e6
    lines = [
        f"Machine: {machine()}. Limit `PROVNOTES_MAX_IMPORT_BYTES` = {limit / 1e6:.0f} MB.",
        "",
        "| import | body | server idle | peak resident | growth | growth ÷ body | time |",
        "|---|---|---|---|---|---|---|",
    ]
    for dry_run, peak_bytes, seconds in figures:
        growth = peak_bytes - idle
        lines.append(
            f"| {'dry run' if dry_run else 'applied'} ({people:,} people) | {mb:.1f} MB | "
            f"{idle / 1e6:.0f} MB | {peak_bytes / 1e6:.0f} MB | {growth / 1e6:.0f} MB | "
            f"{growth / len(body):.1f}× | {seconds:.1f} s |"
        )
    lines += ["", f"A body of {(limit + 2) / 1e6:.0f} MB: HTTP {over.status_code}, refused unread."]
    text = "\n".join(lines)
    print(text)
    write_section("import-memory", "## Import memory\n\n" + text)


if __name__ == "__main__":
    main()
