"""Benchmark the public read path against a trivial FastAPI app, in the same run.

Run: `python -m bench.bench_framework [--seconds N] [--people N] [--no-write]`. Starts the
trivial app (bench/trivial_app.py) and `provnotes serve` on a SQLite file seeded from seed_data/,
loads each with wrk using the same threads, connections and duration, alternating trivial and
ours for a few rounds, and prints requests per second, p50/p99 and response sizes, with each
endpoint's ratio to the trivial route of the same method. Cold annotate runs against a second server
seeded with the synthetic gazetteer: every request sends another article, naming entities no
earlier request named, with another `lang`. Writes the "HTTP vs framework" section of
docs/PERFORMANCE.md unless told not to.
"""

import argparse
import json
import os
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench import load
from bench.gazetteer import fresh_articles, gazetteer
from bench.report import machine, write_section
from bench.servers import ROOT, provnotes, seed_gazetteer, serve, trivial

SHARED_ARTICLE = ROOT.parent / "shared" / "fixtures" / "sputnik-s400-article.txt"
OWN_ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "s400-talks.txt"
ARTICLE_URL = "https://sputniknews.com/world/201705051053318903-turkey-russia-s400-nato/"
JSON = "application/json"
ROUNDS = 3
SIZE_TARGET = 15 * 1024
NAMES = load.Request("GET", "/v1/names")
LANGS = ("de", "fr", "tr", "ru", "es", "ar", "pt", "it")


def canonical() -> tuple[str, list[str]]:
    """The canonical article (shared fixtures) as the extension sends it, else the project's."""
    path = SHARED_ARTICLE if SHARED_ARTICLE.exists() else OWN_ARTICLE
    text = path.read_text(encoding="utf-8")
    return path.name, [line.strip() for line in text.splitlines() if line.strip()]


def annotate(url: str, lang: str, blocks: list[str]) -> load.Request:
    body = json.dumps({"url": url, "lang": lang, "blocks": blocks})
    return load.Request("POST", "/v1/annotate", body, JSON)


def trivial_post(requests: list[load.Request]) -> list[load.Request]:
    return [load.Request("POST", "/post", r.body, JSON) for r in requests]


@dataclass(frozen=True)
class Row:
    """One endpoint: the round with the median ratio, and every round's ratio."""

    name: str
    ours: load.Result
    base: load.Result
    ratios: list[float]
    size: int  # bytes of one response body
    target: float

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    def line(self) -> str:
        o, b = self.ours, self.base
        rounds = ", ".join(f"{r:.2f}" for r in self.ratios)
        verdict = "met" if self.ratio >= self.target else "**missed**"
        return (
            f"| {self.name} | {o.rps:,.0f} | {o.p50_ms:.1f} ms | {o.p99_ms:.1f} ms | "
            f"{self.size:,} B | {b.rps:,.0f} | {b.p50_ms:.1f} ms | {b.p99_ms:.1f} ms | "
            f"**{self.ratio:.2f}** ({rounds}) | ≥ {self.target:.2f} {verdict} |"
        )


def body_size(base_url: str, request: load.Request) -> int:
    headers = {"Content-Type": request.content_type} if request.content_type else {}
    with httpx.Client(base_url=base_url, timeout=120) as client:
        response = client.request(
            request.method, request.path, content=request.body or None, headers=headers
        )
        response.raise_for_status()
        return len(response.content)


def compare(
    name: str,
    ours: tuple[str, list[list[load.Request]]],
    base: tuple[str, list[list[load.Request]]],
    seconds: float,
    target: float,
) -> Row:
    """Alternate the trivial route and ours, ROUNDS times, round r sending list r of each."""
    (ours_url, ours_lists), (base_url, base_lists) = ours, base
    size = body_size(ours_url, ours_lists[0][0])
    pairs = []
    for r in range(ROUNDS):
        baseline = load.run(base_url, base_lists[r % len(base_lists)], seconds)
        measured = load.run(ours_url, ours_lists[r % len(ours_lists)], seconds)
        pairs.append((measured.rps / baseline.rps, measured, baseline))
    pairs.sort(key=lambda p: p[0])
    _, measured, baseline = pairs[len(pairs) // 2]
    row = Row(name, measured, baseline, [p[0] for p in pairs], size, target)
    print(f"{name}: {measured.rps:,.0f} rps vs {baseline.rps:,.0f} → {row.ratio:.2f}", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args()
    started_load = os.getloadavg()[0]
    s = args.seconds
    article, blocks = canonical()
    warm = annotate(ARTICLE_URL, "en", blocks)
    lookup = load.Request("GET", f"/v1/lookup?{httpx.QueryParams(url=ARTICLE_URL)}&lang=en")
    get = [[load.Request("GET", "/get")]]
    entries = gazetteer(args.people, args.people // 5)
    cold = [
        annotate(f"https://news.example/{i}", f"{LANGS[i % len(LANGS)]}-{i:05x}", a.blocks)
        for i, a in enumerate(fresh_articles(entries, len(entries) // 7))
    ]
    part = len(cold) // (ROUNDS + 1)  # one fresh part per round, one to warm up
    cold_lists = [cold[(r + 1) * part : (r + 2) * part] for r in range(ROUNDS)]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        db, big = Path(tmp) / "seeded.db", Path(tmp) / "gazetteer.db"
        print(f"seeding {len(entries):,} synthetic profiles for the cold run…", flush=True)
        seeded_in = seed_gazetteer(big, entries)
        with (
            serve(trivial(), "/get") as base,
            serve(provnotes(db, ROOT / "seed_data"), "/readyz") as ours,
        ):
            b, o = base.base_url, ours.base_url
            body_size(o, NAMES)  # the name pack, built in the background after start-up
            for url, requests in ((b, get[0]), (b, trivial_post([warm])), (o, [warm, lookup])):
                load.run(url, requests, 2)  # warm up: first requests, the snapshot, the cache
            rows.append(compare("GET /v1/lookup", (o, [[lookup]]), (b, get), s, 0.70))
            index = load.Request("GET", "/v1/index")
            rows.append(compare("GET /v1/index", (o, [[index]]), (b, get), s, 0.70))
            post = [trivial_post([warm])]
            rows.append(compare("POST /v1/annotate, warm cards", (o, [[warm]]), (b, post), s, 0.50))
            with serve(provnotes(big, None), "/readyz") as cold_server:
                body_size(cold_server.base_url, cold[0])  # waits for the snapshot build
                body_size(cold_server.base_url, NAMES)  # and for its name pack's
                load.run(cold_server.base_url, cold[1:part], 2)
                rss = cold_server.rss_mb()
                trivial_cold = [trivial_post(requests) for requests in cold_lists]
                rows.append(
                    compare(
                        "POST /v1/annotate, cold cards",
                        (cold_server.base_url, cold_lists),
                        (b, trivial_cold),
                        s,
                        0.20,
                    )
                )
                grown = cold_server.rss_mb() - rss
    body = report(rows, article, len(entries), seeded_in, grown, s)
    body += (
        f"\n\nLoad average (1 min) at the start and the end: {started_load:.1f}, "
        f"{os.getloadavg()[0]:.1f} — other processes on the machine share its cores, so "
        "compare the ratios of one run, not absolute rates across runs."
    )
    print(body)
    if not args.no_write:
        write_section("framework", body)


def report(
    rows: list[Row], article: str, profiles: int, seeded: float, grown: float, seconds: float
) -> str:
    wrapped = any(r.ours.wrapped for r in rows[3:])
    size = rows[2].size
    return "\n".join(
        [
            "## HTTP vs framework",
            "",
            f"wrk ({load.THREADS} threads, {load.CONNECTIONS} connections, {seconds:g} s a run) "
            "against a trivial FastAPI app (`bench/trivial_app.py`: plain `def` routes, the "
            "POST validating a body of the annotate request's shape) and `provnotes serve`, "
            f"both uvicorn in one process with the same settings, on 127.0.0.1. {ROUNDS} rounds "
            "alternate trivial and ours; the table shows the round with the median ratio and "
            f"every round's ratio in brackets. Machine: {machine()}.",
            "",
            "| endpoint | rps | p50 | p99 | body | trivial rps | p50 | p99 | ratio | target |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *(row.line() for row in rows),
            "",
            "The trivial route is `GET /get` for the GETs and `POST /post` with the same bodies "
            f"for the POSTs. Warm: the canonical article ({article}), `lang=en`, the same body "
            "every request. Cold: a second server on a SQLite file with "
            f"{profiles:,} synthetic profiles (seeded in {seeded:.1f} s) with affiliations and "
            "state ties; every request sends another 350-word article naming 7 entities that no "
            "earlier request named, with another `lang`. The cold server's memory grew by "
            f"{grown:,.0f} MB over the cold rounds"
            + (" (the article list wrapped around)." if wrapped else "."),
            "",
            f"Canonical annotate response: {size:,} bytes (target ≤ {SIZE_TARGET:,} — "
            f"{'met' if size <= SIZE_TARGET else '**missed**'}).",
        ]
    )


if __name__ == "__main__":
    main()
