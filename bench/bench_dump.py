"""Benchmark the open-data dump's memory: streamed NDJSON and seed file vs the whole export.

Run: `python -m bench.bench_dump [--people N]`. Seeds a synthetic gazetteer at N and at 4N
people (SQLite), then measures the peak Python heap (tracemalloc) and the time of writing each
dump to /dev/null. Baseline, measured in the same run: `export_dataset`, which builds the whole
seed file in memory. Writes the "Open-data dump" section of docs/PERFORMANCE.md.
"""

import argparse
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from api.db import make_engine, transaction
from api.exports.service import export_dataset
from api.migrations import upgrade
from api.opendata import dump
from api.seeding import service as seeding
from api.seeding.files import read_path
from bench.bench_seed import generate
from bench.report import machine, write_section


def measure(run: Callable[[], object]) -> tuple[float, float]:
    """Return the peak heap (MiB) and seconds of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak, elapsed


def drain(session: Session, fmt: dump.DumpFormat) -> None:
    with open(os.devnull, "wb") as sink:
        for chunk in dump.stream(session, fmt):
            sink.write(chunk)


def figures(people: int, orgs: int) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seed"
        folder.mkdir()
        generate(folder, people, orgs)
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        with transaction(engine) as session:
            plan = seeding.plan(session, read_path(folder))
            seeding.apply(session, plan, author="bench", reason="benchmark")
        with transaction(engine) as session:
            out = {
                "ndjson stream": measure(lambda: drain(session, "ndjson")),
                "seed stream": measure(lambda: drain(session, "seed")),
                "whole export (baseline)": measure(lambda: export_dataset(session)),
            }
        engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    sizes = [args.people, args.people * 4]
    results = {n: figures(n, max(n // 20, 50)) for n in sizes}
    rows = [
        "| people | dump | peak heap MiB | seconds (traced) | heap vs baseline |",
        "|---|---|---|---|---|",
    ]
    for n, found in results.items():
        base = found["whole export (baseline)"][0]
        for name, (peak, seconds) in found.items():
            rows.append(f"| {n:,} | {name} | {peak:.1f} | {seconds:.2f} | {peak / base:.2f}× |")
    small, large = (results[n]["ndjson stream"][0] for n in sizes)
    base_small, base_large = (results[n]["whole export (baseline)"][0] for n in sizes)
    growth = (
        f"4× the data: the NDJSON stream's peak heap grows {large / small:.2f}×, "
        f"the whole export's {base_large / base_small:.2f}×."
    )
    body = "\n".join(["## Open-data dump", "", f"Machine: {machine()}.", "", *rows, "", growth])
    print(body)
    write_section("dump", body)


if __name__ == "__main__":
    main()
