"""Benchmark `provnotes seed` on a synthetic 100,000-person gazetteer (SQLite and PostgreSQL).

Run: `python -m bench.bench_seed [--people N] [--postgres URL]`. Prints the figures and writes
the "Seeding" section of docs/PERFORMANCE.md. Baselines measured in the same run: a bare
`executemany` of the person rows alone (the floor), and the naive ORM way (one `session.add` +
flush per profile, on a sample, extrapolated).
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


def timed_seed(url: str, folder: Path) -> tuple[dict[str, float], str]:
    engine = make_engine(url)
    stages: dict[str, float] = {}
    started = time.perf_counter()
    records = list(read_path(folder))
    stages["read files"] = time.perf_counter() - started
    with transaction(engine) as session:
        mark = time.perf_counter()
        plan = seeding.plan(session, records)
        stages["validate + plan"] = time.perf_counter() - mark
        mark = time.perf_counter()
        seeding.apply(session, plan, author="bench", reason="benchmark")
        stages["write"] = time.perf_counter() - mark
        mark = time.perf_counter()
    stages["commit"] = time.perf_counter() - mark
    stages["total"] = time.perf_counter() - started
    engine.dispose()
    return stages, plan.summary()


def floor(url: str, people: int) -> float:
    """Bare executemany of the person rows alone, in one transaction."""
    engine = make_engine(url)
    rows = [
        {
            "slug": f"floor-{i}",
            "name": f"Person {i}",
            "aliases": "[]",
            "exclude": "[]",
            "match_surname": True,
            "description": "x",
            "country": "GB",
            "reviewed_by": "b",
            "reviewed_at": "2026-11-25 00:00:00",
        }
        for i in range(people)
    ]
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO person (slug, name, aliases, exclude, match_surname, description, "
                "country, reviewed_by, reviewed_at) VALUES (:slug, :name, :aliases, :exclude, "
                ":match_surname, :description, :country, :reviewed_by, :reviewed_at)"
            ),
            rows,
        )
    engine.dispose()
    return time.perf_counter() - started


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
        f"{s['write']:.1f} s | {s['commit']:.1f} s | **{s['total']:.1f} s** |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("PROVNOTES_TEST_POSTGRES_URL", POSTGRES),
        help="a PostgreSQL server to measure too (a schema is made and dropped); '' for none",
    )
    args = parser.parse_args()
    process = psutil.Process()
    measured: list[tuple[str, list[tuple[str, dict[str, float]]]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "seed", Path(tmp) / "bench.db"
        folder.mkdir()
        records = generate(folder, args.people, args.orgs)
        url = f"sqlite:///{db}"
        upgrade(make_engine(url))
        rss_before = process.memory_info().rss
        measured.append(("SQLite", runs(url, folder)))
        rss_peak = process.memory_info().rss
        if args.postgres:
            with postgres_schema(args.postgres) as pg_url:
                measured.append(("PostgreSQL", runs(pg_url, folder)))
        floor_s = floor(url, args.people)
        sample = min(5_000, args.people)
        naive_s = naive(url, sample, args.orgs) * (args.people / sample)
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
        f"with a revision per record; the second run must change nothing. Machine: {machine()}.",
        "",
        "| database | run | read | validate + plan | write | commit | total |",
        "|---|---|---|---|---|---|---|",
        *(row(backend, name, s) for backend, done in measured for name, s in done),
        "",
        f"Resident memory grew by {(rss_peak - rss_before) / 2**20:,.0f} MB during the first "
        "SQLite load.",
        "",
        "| baseline (same run, SQLite) | time | first load vs baseline |",
        "|---|---|---|",
        f"| floor: bare `executemany` of the {args.people:,} person rows alone | "
        f"{floor_s:.1f} s | {first['total'] / floor_s:.1f}x slower (it also validates, writes "
        "relations, citations, revisions) |",
        f"| naive ORM, one flush per row (extrapolated from {sample:,}) | {naive_s:.1f} s | "
        f"{naive_s / first['total']:.1f}x faster |",
        "",
        f"Targets for the first load: {'; '.join(verdicts)}.",
    ]
    body = "## Seeding\n\n" + "\n".join(lines)
    print(body)
    write_section("seed", body)


if __name__ == "__main__":
    main()
