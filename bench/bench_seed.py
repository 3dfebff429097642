"""Benchmark `provnotes seed` on a synthetic 100,000-person gazetteer (SQLite and PostgreSQL).

Run: `python -m bench.bench_seed [--people N] [--postgres URL]`. Prints the figures (wall-clock
and CPU time, this process's and the database server's) and writes the "Seeding" section of
docs/PERFORMANCE.md. Baselines measured in the same run: the floor (the very rows the first load
wrote, copied into a fresh database with one bare executemany or COPY per table), and the naive
ORM way (one `session.add` + flush per profile, on a sample, extrapolated).
"""

import argparse
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import text
from sqlmodel import Session

from api.db import make_engine, transaction
from api.migrations import upgrade
from api.people.models import Person
from api.relations.models import Relation
from api.seeding import service as seeding
from api.seeding.bulk import collector_held, indexes_deferred
from api.seeding.files import read_path
from bench.report import machine, write_section

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

KINDS = ["outlet", "university", "think_tank", "government", "company"]


def generate(folder: Path, people: int, orgs: int, seed: int = 7) -> int:
    """Write a synthetic seed set as JSON files; return the number of records."""
    rng = random.Random(seed)
    citations = [
        {
            "key": f"src-{i}",
            "url": f"https://sources.example/{i}",
            "title": f"Source {i}",
            "publisher": "Example Register",
            "accessed": "2026-11-25",
        }
        for i in range(1000)
    ]
    organizations = []
    for i in range(orgs):
        kind = KINDS[i % len(KINDS)]
        record: dict[str, Any] = {
            "slug": f"org-{i}",
            "name": f"Organization {i}",
            "kind": kind,
            "country": "GB",
            "citations": [f"src-{i % 1000}"],
        }
        if kind == "outlet":
            record["domains"] = [{"host": f"outlet{i}.example", "citations": [f"src-{i % 1000}"]}]
            record["category"] = {
                "value": "independent_public",
                "as_of": "2024-01-01",
                "citations": [f"src-{i % 1000}"],
            }
        if i >= 5 and kind != "government":
            record["relations"] = [
                {
                    "type": "owned_by",
                    "object": f"org-{(i // 5) * 5 + 3}",
                    "citations": [f"src-{i % 1000}"],
                }
            ]
        organizations.append(record)
    (folder / "00-sources.json").write_text(json.dumps({"citations": citations}))
    (folder / "01-organizations.json").write_text(json.dumps({"organizations": organizations}))
    per_file = 10_000
    for part in range(0, people, per_file):
        batch = []
        for i in range(part, min(part + per_file, people)):
            relations = [
                {
                    "type": "employed_by",
                    "object": f"org-{rng.randrange(orgs)}",
                    "role": "Analyst",
                    "start": "2019",
                    "citations": [f"src-{i % 1000}"],
                }
            ]
            if i % 3 == 0:
                relations.append(
                    {
                        "type": "member_of",
                        "object": f"org-{rng.randrange(orgs)}",
                        "citations": [f"src-{(i + 1) % 1000}"],
                    }
                )
            batch.append(
                {
                    "slug": f"person-{i}",
                    "name": f"Person Number{i}",
                    "aliases": [f"P. Number{i}"],
                    "description": "A synthetic expert",
                    "country": "GB",
                    "citations": [f"src-{i % 1000}"],
                    "relations": relations,
                }
            )
        (folder / f"02-people-{part // per_file:03d}.json").write_text(
            json.dumps({"people": batch})
        )
    return len(citations) + len(organizations) + people


TABLES = (  # what a seed run writes, parents first
    "citation",
    "organization",
    "person",
    "outlet_domain",
    "outlet_designation",
    "relation",
    "claim_citation",
    "reader_note",
    "document",
    "revision",
)


class Meter:
    """Wall-clock and CPU time (user + system) of this process and, on PostgreSQL, of the
    server process behind the session's connection, so a loaded machine's share is visible."""

    def __init__(self, session: Session | None = None) -> None:
        self.server = None
        if session is not None and session.connection().dialect.name == "postgresql":
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            self.server = psutil.Process(int(pid))
        self.wall, self.cpu, self.db_cpu = time.perf_counter(), self._cpu(), self._db_cpu()

    @staticmethod
    def _cpu() -> float:
        times = os.times()
        return times.user + times.system

    def _db_cpu(self) -> float:
        if self.server is None:
            return 0.0
        times = self.server.cpu_times()
        return float(times.user + times.system)

    def read(self) -> dict[str, float]:
        """Seconds since the meter started: wall, cpu (this process), db cpu (the server)."""
        return {
            "wall": time.perf_counter() - self.wall,
            "cpu": self._cpu() - self.cpu,
            "db cpu": self._db_cpu() - self.db_cpu,
        }


def timed_seed(url: str, folder: Path) -> tuple[dict[str, float], str]:
    """Seed `folder` into `url` as `provnotes seed` does; time each stage (wall) and the whole
    run (wall, this process's CPU, the database server's CPU)."""
    engine = make_engine(url)
    stages: dict[str, float] = {}
    started = time.perf_counter()
    process = Meter()
    with collector_held():  # as `provnotes seed` runs
        records = list(read_path(folder))
        stages["read files"] = time.perf_counter() - started
        with transaction(engine) as session:
            server = Meter(session)
            mark = time.perf_counter()
            plan = seeding.plan(session, records)
            stages["validate + plan"] = time.perf_counter() - mark
            mark = time.perf_counter()
            seeding.apply(session, plan, author="bench", reason="benchmark")
            stages["write"] = time.perf_counter() - mark
            mark = time.perf_counter()
        stages["commit"] = time.perf_counter() - mark
        del records
    whole = process.read()
    stages["total"] = time.perf_counter() - started
    stages["cpu"] = whole["cpu"]
    stages["db cpu"] = server.read()["db cpu"]
    engine.dispose()
    return stages, plan.summary()


def floor(source: str, target: str) -> dict[str, float]:
    """The same rows as the first load wrote, copied from `source` into the fresh database
    `target` with no validation and no ORM: one executemany per table (SQLite) or one COPY
    (PostgreSQL), in one transaction, indexes built as the load builds them. What storing them
    costs the database and driver alone."""
    tables = list(TABLES)
    with make_engine(source).connect() as read:
        raw: Any = read.connection.driver_connection
        if read.dialect.name == "postgresql":
            dumps: dict[str, Any] = {}
            for name in tables:
                with raw.cursor() as cursor, cursor.copy(f'COPY "{name}" TO STDOUT') as copy:
                    dumps[name] = b"".join(bytes(chunk) for chunk in copy)
        else:
            dumps = {name: raw.execute(f'SELECT * FROM "{name}"').fetchall() for name in tables}
    engine = make_engine(target)
    with transaction(engine) as session:
        meter = Meter(session)
        raw = session.connection().connection.driver_connection
        with indexes_deferred(session):  # as the load builds them (SQLite, empty tables)
            for name in tables:
                if session.connection().dialect.name == "postgresql":
                    with raw.cursor() as cursor, cursor.copy(f'COPY "{name}" FROM STDIN') as c:
                        c.write(dumps[name])
                elif dumps[name]:
                    marks = ", ".join("?" * len(dumps[name][0]))
                    raw.executemany(f'INSERT INTO "{name}" VALUES ({marks})', dumps[name])
    measured = meter.read()
    engine.dispose()
    return measured


def naive(url: str, sample: int, orgs: int) -> float:
    """One ORM object per row, flushed per profile (how a first version might do it)."""
    engine = make_engine(url)
    rng = random.Random(3)
    started = time.perf_counter()
    with Session(engine) as session:
        for i in range(sample):
            person = Person(slug=f"naive-{i}", name=f"Naive {i}", description="x", reviewed_by="b")
            session.add(person)
            session.flush()
            session.add(
                Relation(
                    subject_person_id=person.id,
                    object_id=rng.randrange(orgs) + 1,
                    type="employed_by",
                )
            )
            session.flush()
        session.commit()
    engine.dispose()
    return time.perf_counter() - started


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A fresh, migrated schema on the PostgreSQL server at `url`, dropped afterwards."""
    schema = f"pn_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    scoped = f"{url}{sep}options=-csearch_path%3D{schema}"
    try:
        upgrade(make_engine(scoped))
        yield scoped
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def runs(url: str, folder: Path) -> list[tuple[str, dict[str, float]]]:
    """A first load, then the same seed again (which must change nothing)."""
    first, summary = timed_seed(url, folder)
    second, again = timed_seed(url, folder)
    if not again.startswith("0 created, 0 updated"):
        raise SystemExit(f"the second run was not a no-op: {again}")
    return [(f"first load: {summary}", first), (f"second run: {again}", second)]


def row(backend: str, name: str, s: dict[str, float]) -> str:
    return (
        f"| {backend} | {name} | {s['read files']:.1f} s | {s['validate + plan']:.1f} s | "
        f"{s['write']:.1f} s | {s['commit']:.1f} s | **{s['total']:.1f} s** | {s['cpu']:.1f} s | "
        + (f"{s['db cpu']:.1f} s |" if backend == "PostgreSQL" else "– |")
    )


def load_average() -> str:
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("PROVNOTES_TEST_POSTGRES_URL", POSTGRES),
        help="a PostgreSQL server to measure too (a schema is made and dropped); '' for none",
    )
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()
    process = psutil.Process()
    measured: list[tuple[str, list[tuple[str, dict[str, float]]]]] = []
    floors: dict[str, dict[str, float]] = {}
    load_before = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "seed", Path(tmp) / "bench.db"
        folder.mkdir()
        records = generate(folder, args.people, args.orgs)
        url = f"sqlite:///{db}"
        upgrade(make_engine(url))
        rss_before = process.memory_info().rss
        measured.append(("SQLite", runs(url, folder)))
        rss_peak = process.memory_info().rss
        bare = f"sqlite:///{Path(tmp) / 'floor.db'}"
        upgrade(make_engine(bare))
        floors["SQLite"] = floor(url, bare)
        if args.postgres:
            with postgres_schema(args.postgres) as pg_url:
                measured.append(("PostgreSQL", runs(pg_url, folder)))
                with postgres_schema(args.postgres) as pg_bare:
                    floors["PostgreSQL"] = floor(pg_url, pg_bare)
        sample = min(2_000, args.people)
        naive_s = naive(url, sample, args.orgs) * (args.people / sample)
    load_after = load_average()
    first = measured[0][1][0][1]
    targets = {"SQLite": 10.0, "PostgreSQL": 30.0}
    verdicts = [
        f"{backend} ≤ {targets[backend]:.0f} s — "
        f"{'met' if done[0][1]['total'] <= targets[backend] else '**missed**'} "
        f"({done[0][1]['total']:.1f} s)"
        for backend, done in measured
    ]
    lines = [
        f"Synthetic set: {records:,} records ({args.people:,} people with 1–2 relations each, "
        f"{args.orgs:,} organizations, 1,000 citations), JSON files, into a SQLite file and a "
        "fresh PostgreSQL schema (local server), validated and written in one transaction each, "
        f"with a revision per record; the second run must change nothing. Machine: {machine()}; "
        f"load average (1, 5, 15 min) {load_before} before the run, {load_after} after it "
        "(other work on the machine stretches wall-clock time, CPU time much less). SQLite "
        "runs with the settings every connection gets (WAL journal, synchronous=NORMAL, none "
        "changed for the load): a committed seed survives a killed process; the last commits "
        "before a power cut may be lost, never half of one. The plain (non-unique) indexes of "
        "tables that were empty are built once at the end of the load, in its transaction; "
        "unique keys are checked row by row throughout.",
        "",
        "| database | run | read | validate + plan | write | commit | total (wall) | CPU, this "
        "process | CPU, database server |",
        "|---|---|---|---|---|---|---|---|---|",
        *(row(backend, name, s) for backend, done in measured for name, s in done),
        "",
        f"Resident memory grew by {(rss_peak - rss_before) / 2**20:,.0f} MB during the first "
        "SQLite load.",
        "",
        "| baseline (same run) | wall | CPU, this process | CPU, database server | first load vs "
        "baseline: wall, CPU (both processes) |",
        "|---|---|---|---|---|",
        *(
            f"| floor, {backend}: the same rows as the first load wrote, copied in with "
            f"{'one COPY' if backend == 'PostgreSQL' else 'one bare executemany'} per table, "
            f"{'' if backend == 'PostgreSQL' else 'indexes built after as the load does, '}"
            f"no validation | {f['wall']:.1f} s | {f['cpu']:.1f} s | "
            + (f"{f['db cpu']:.1f} s" if backend == "PostgreSQL" else "–")
            + f" | {load['total'] / f['wall']:.1f}x, "
            f"{(load['cpu'] + load['db cpu']) / max(f['cpu'] + f['db cpu'], 0.01):.1f}x the floor |"
            for backend, done in measured
            for f, load in [(floors[backend], done[0][1])]
        ),
        f"| naive ORM on SQLite, one flush per row (extrapolated from {sample:,}) | "
        f"{naive_s:.1f} s | | | the first load is {naive_s / first['total']:.0f}x faster |",
        "",
        f"Targets for the first load: {'; '.join(verdicts)}.",
    ]
    body = "## Seeding\n\n" + "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section("seed", body)


if __name__ == "__main__":
    main()
