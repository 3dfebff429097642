"""Benchmark `POST /v1/annotate` through HTTP against a real server on loopback.

Run: `python -m bench.bench_http [--quick]`. Seeds a SQLite file with the synthetic gazetteer
(100,000 people and 20,000 organizations), starts `provnotes serve` on 127.0.0.1, and times
annotate requests for 1,500-word articles — first pass (cards built from the database) and second
pass (cards cached in the snapshot) — against the engine alone on the same articles, in the same
run. Writes the "HTTP" section of docs/PERFORMANCE.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from api.annotate.matcher import Matcher
from api.db import make_engine, transaction
from api.migrations import upgrade
from api.seeding import service as seeding
from bench.gazetteer import articles, gazetteer
from bench.report import machine, write_section
from bench.servers import free_port, records

ROOT = Path(__file__).resolve().parent.parent


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def wait_ready(client: httpx.Client, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited early")
        try:
            if client.get("/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 people, 2,000 orgs")
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    people, orgs = (10_000, 2_000) if args.quick else (100_000, 20_000)
    entries = gazetteer(people, orgs)
    sample = articles(entries, args.articles)

    engine_times = []
    matcher = Matcher.build(entries)
    for article in sample:
        started = time.perf_counter()
        matcher.annotate(article.blocks)
        engine_times.append((time.perf_counter() - started) * 1000)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        url = f"sqlite:///{db}"
        db_engine = make_engine(url)
        upgrade(db_engine)
        started = time.perf_counter()
        with transaction(db_engine) as session:
            seeding.apply(
                session, seeding.plan(session, records(entries)), author="bench", reason="benchmark"
            )
        seed_seconds = time.perf_counter() - started
        db_engine.dispose()

        port = free_port()
        env = {**os.environ, "PROVNOTES_MATCHER_POLL_SECONDS": "3600"}
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "provnotes"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--db",
                str(db),
                "--seed",
                str(Path(tmp) / "none"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                wait_ready(client, process, 120)
                started = time.perf_counter()
                client.post("/v1/annotate", json={"url": "https://x.example/", "blocks": ["x"]})
                first_build = time.perf_counter() - started
                passes = []
                for _ in range(2):
                    times = []
                    for article in sample:
                        body = {
                            "url": "https://news.example/a",
                            "lang": "en",
                            "blocks": article.blocks,
                        }
                        started = time.perf_counter()
                        response = client.post("/v1/annotate", json=body)
                        times.append((time.perf_counter() - started) * 1000)
                        response.raise_for_status()
                    passes.append(times)
                mentions = len(response.json()["mentions"])
        finally:
            process.terminate()
            process.wait(timeout=30)

    e50, e99 = percentiles(engine_times)
    rows = [("engine alone (in process)", e50, e99)]
    rows += [
        (name, *percentiles(t))
        for name, t in (
            ("HTTP, first pass (cards read from the database)", passes[0]),
            ("HTTP, second pass (cards cached in the snapshot)", passes[1]),
        )
    ]
    lines = [
        f"Gazetteer: {people:,} people and {orgs:,} organizations seeded into a SQLite file "
        f"({seed_seconds:.1f} s); {len(sample)} synthetic 1,500-word articles (~20 names each; "
        f"the last one gave {mentions} mentions). Server: `provnotes serve` (uvicorn, one "
        f"process) on 127.0.0.1, one keep-alive client, sequential requests. "
        f"Machine: {machine()}.",
        "",
        "| path | p50 | p99 | p50 vs engine |",
        "|---|---|---|---|",
        *(
            f"| {name} | {p50:.2f} ms | {p99:.2f} ms | {p50 / e50:.1f}x |"
            for name, p50, p99 in rows
        ),
        "",
        f"First request after start (snapshot build in the server): {first_build:.1f} s.",
    ]
    body = "## HTTP\n\n" + "\n".join(lines)
    print(body)
    write_section("http", body)


if __name__ == "__main__":
    main()
