"""The extension's local matcher in headless Chromium, with the Python engine as the baseline.

Run from the repository root: `python -m bench.bench_local` (`--quick`: a 10,000-person pack).
Times extension/src/match/ on 1,500-word articles, p50 per article, with the name pack of the
shipped seed data and with a synthetic pack of 100,000 people (bench/gazetteer.py) added to it;
reports each pack's gzip size and the JS heap the matcher holds, and the Python engine's time
on the same articles; and the whole answer the extension's background gives a page
(src/background/local-match.js: the matcher, then the cards of the names found from buckets
already kept, as after a page's first visit). Writes the "Local matcher" section of
docs/PERFORMANCE.md.
"""

import argparse
import gzip
import json
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from api.annotate.matcher import Matcher, NameEntry
from api.annotate.pack import build
from api.cards.card import dumps
from bench import accuracy, gazetteer
from bench.report import machine, write_section

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTICLES, WARM_UP = 30, 5
GOALS = {"shipped": 2.0, "synthetic": 10.0}  # p50 ms per 1,500-word article (issue #12)


@dataclass
class Row:
    label: str
    entities: int
    forms: int
    gzip_bytes: int
    js_p50: float
    js_p90: float
    device_p50: float
    alone_p50: float  # the matcher alone, in the device loop
    py_p50: float
    heap_mb: float
    found: int


ENTRY = """export { createMatcher } from "./src/match/matcher.js";
export { createLocalAnnotator } from "./src/background/local-match.js";
"""
DEVICE_JS = """async ([docs, warm]) => {
  const kept = {};
  const card = (slug) => (kept[slug] ??= { slug, type: "person", kind: "person", name: slug,
    citations: [1], sources: 1, reviewed_at: "2026-01-01T00:00:00Z" });
  const annotate = LocalMatch.createLocalAnnotator({
    localMatcher: async () => ({ matcher: window.matcher, dataVersion: 0 }),
    cardsFor: async (apiBase, lang, slugs) => ({
      entities: Object.fromEntries(slugs.map((s) => [s, card(s)])), organizations: {},
      citations: { 1: { url: "https://example.org/", title: "t", publisher: "p" } } }),
  });
  const outlet = { slug: "sputnik",
    match: { host: "sputniknews.com", path_prefix: null, rule: "host" } };
  for (const blocks of docs.slice(0, warm)) await annotate("", { blocks, outlet, lang: "en" });
  const alone = [];
  const whole = [];
  for (const blocks of docs.slice(warm)) { // the matcher alone, then the whole answer
    let started = performance.now();
    window.matcher.annotate(blocks);
    alone.push(performance.now() - started);
    started = performance.now();
    await annotate("", { blocks, outlet, lang: "en" });
    whole.push(performance.now() - started);
  }
  return [alone, whole];
}"""


def bundle() -> str:
    """The matcher and the background's local annotator as one script defining `LocalMatch`
    (esbuild, as the build uses)."""
    command = [
        "node_modules/.bin/esbuild",
        "--bundle",
        "--format=iife",
        "--global-name=LocalMatch",
        "--sourcefile=bench-entry.js",
    ]
    return subprocess.run(
        command, cwd=ROOT / "extension", input=ENTRY, check=True, capture_output=True, text=True
    ).stdout


def heap(page: Page) -> float:
    """The page's used JS heap after a full collection, in bytes."""
    session = page.context.new_cdp_session(page)
    session.send("HeapProfiler.collectGarbage")
    used = float(session.send("Runtime.getHeapUsage")["usedSize"])
    session.detach()
    return used


def python_p50(matcher: Matcher, articles: list[list[str]]) -> float:
    for blocks in articles[:WARM_UP]:
        matcher.annotate(blocks)
    times = []
    for blocks in articles[WARM_UP:]:
        started = time.perf_counter()
        matcher.annotate(blocks)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(page: Page, script: str, label: str, entries: list[NameEntry]) -> Row:
    matcher = Matcher.build(entries)
    body = dumps(build(matcher, 0))
    docs = [a.blocks for a in gazetteer.articles(entries, WARM_UP + ARTICLES, words=1500)]
    page.goto("about:blank")
    page.add_script_tag(content=script)
    before = heap(page)
    page.evaluate(
        "(text) => { window.matcher = LocalMatch.createMatcher(JSON.parse(text)); }",
        body.decode("utf-8"),
    )
    held = heap(page) - before
    times, found = page.evaluate(
        """([docs, warm]) => {
            for (const blocks of docs.slice(0, warm)) window.matcher.annotate(blocks);
            const times = [];
            let found = 0;
            for (const blocks of docs.slice(warm)) {
              const started = performance.now();
              found += window.matcher.annotate(blocks).length;
              times.push(performance.now() - started);
            }
            return [times, found];
        }""",
        [docs, WARM_UP],
    )
    times.sort()
    alone, device = page.evaluate(DEVICE_JS, [docs, WARM_UP])
    return Row(
        label,
        len(entries),
        len(matcher),
        len(gzip.compress(body, 9)),
        statistics.median(times),
        times[int(len(times) * 0.9)],
        statistics.median(device),
        statistics.median(alone),
        python_p50(matcher, docs),
        held / 2**20,
        found // ARTICLES,
    )


def report(rows: Sequence[Row], words: int) -> str:
    lines = [
        "## Local matcher (extension, headless Chromium)",
        "",
        f"Machine: {machine()}; Debian Chromium, headless. {ARTICLES} articles of {words:,} "
        "words each (bench/gazetteer.py), after a warm-up; the Python engine on the same "
        "articles in the same run is the baseline. Heap: the page's used JS heap with the "
        "matcher built from the pack, less the blank page's, after a full collection. "
        "Device p50: the whole answer the extension's background gives a page "
        "(src/background/local-match.js), the matcher and then the cards of the names found "
        "from buckets already kept; in brackets the matcher alone, timed in turn with it "
        "in the same loop (so both are as warm).",
        "",
        "| Pack | Entities | Forms | Pack (gzip) | JS p50 | JS p90 | Device p50 | Python p50 "
        "| JS / Python | JS heap | Mentions per article | Goal (p50) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        goal = GOALS[r.label]
        verdict = "met" if r.js_p50 <= goal else "missed"
        lines.append(
            f"| {r.label} | {r.entities:,} | {r.forms:,} | {r.gzip_bytes / 2**20:.2f} MiB "
            f"| {r.js_p50:.2f} ms | {r.js_p90:.2f} ms "
            f"| {r.device_p50:.2f} ms ({r.alone_p50:.2f} ms) "
            f"| {r.py_p50:.2f} ms "
            f"| {r.js_p50 / r.py_p50:.2f}× | {r.heap_mb:.1f} MiB | {r.found} "
            f"| ≤ {goal:g} ms: {verdict} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 10,000-person synthetic pack")
    people = 10_000 if parser.parse_args(argv).quick else 100_000
    shipped = accuracy.seed_entries(ROOT / "seed_data")
    synthetic = gazetteer.people(gazetteer.random.Random(7), people) + shipped
    script = bundle()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page()
        rows = []
        for label, entries in (("shipped", shipped), ("synthetic", synthetic)):
            print(f"{label}: {len(entries):,} entities…", flush=True)
            rows.append(measure(page, script, label, entries))
            print(json.dumps(rows[-1].__dict__), flush=True)
        browser.close()
    text = report(rows, 1500)
    print(text)
    write_section("local-matcher", text)


if __name__ == "__main__":
    main()
