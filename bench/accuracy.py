"""Accuracy of the matcher on the labelled corpus in bench/corpus/: precision and recall.

Run from the repository root: `python -m bench.accuracy`. The corpus is a set of short articles
written for the project in six languages, with every expected mention marked `[[slug|text]]`
(`[[a,b|text]]` when several profiles share the name), plus a trap corpus where only what is
marked may match. The entities are the shipped seed data plus bench/corpus/gazetteer.yaml.
Prints precision and recall per language and per rule, and writes the "Accuracy" section of
docs/PERFORMANCE.md.
"""

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from api.annotate.matcher import Matcher, NameEntry
from api.organizations.models import OrganizationDocument
from api.people.models import PersonDocument
from api.seeding.files import read_path
from api.seeding.validation import Known, validate
from bench.report import write_section

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
LANGUAGES = ("en", "ru", "zh", "tr", "fr", "ar")
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
TARGETS = {"recall": 0.95, "trap_precision": 1.0}

Span = tuple[int, int, int, tuple[str, ...]]  # block, code-point start and end, slugs


@dataclass(frozen=True)
class Article:
    """One labelled article: its plain blocks and the mentions it must yield."""

    id: str
    lang: str
    rule: str
    trap: bool
    blocks: list[str]
    expected: frozenset[Span]


def parse_block(number: int, marked: str) -> tuple[str, list[Span]]:
    """Strip the `[[slug|text]]` marks from a block; return its text and the marked spans."""
    plain, spans, done = "", [], 0
    for mark in MARK.finditer(marked):
        plain += marked[done : mark.start()]
        slugs = tuple(sorted(s.strip() for s in mark[1].split(",")))
        spans.append((number, len(plain), len(plain) + len(mark[2]), slugs))
        plain += mark[2]
        done = mark.end()
    return plain + marked[done:], spans


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """Read every corpus file (a `lang` and its `articles`)."""
    out = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["articles"]:
            blocks, expected = [], []
            for number, marked in enumerate(item["blocks"]):
                plain, spans = parse_block(number, marked)
                blocks.append(plain)
                expected += spans
            lang = item.get("lang", data["lang"])
            trap = data["lang"] == "traps"
            out.append(Article(item["id"], lang, item["rule"], trap, blocks, frozenset(expected)))
    return out


def seed_entries(folder: Path) -> list[NameEntry]:
    """The names of every profile in the seed data, as the snapshot would feed them."""
    records = [record for path in sorted(folder.rglob("*.y*ml")) for record in read_path(path)]
    entries = []
    for item in validate(records, Known()):
        doc = item.document
        if isinstance(doc, OrganizationDocument):
            entries.append(
                NameEntry(
                    doc.slug,
                    "organization",
                    str(doc.kind),
                    doc.name,
                    tuple(doc.aliases),
                    tuple(doc.exclude),
                )
            )
        elif isinstance(doc, PersonDocument):
            entries.append(
                NameEntry(
                    doc.slug,
                    "person",
                    "person",
                    doc.name,
                    tuple(doc.aliases),
                    tuple(doc.exclude),
                    doc.match_surname,
                )
            )
    return entries


def corpus_entries(path: Path) -> list[NameEntry]:
    """The corpus's own gazetteer."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = [
        NameEntry(
            p["slug"],
            "person",
            "person",
            p["name"],
            tuple(p.get("aliases", ())),
            tuple(p.get("exclude", ())),
            p.get("match_surname", True),
        )
        for p in data["people"]
    ]
    orgs = [
        NameEntry(
            o["slug"],
            "organization",
            o["kind"],
            o["name"],
            tuple(o.get("aliases", ())),
            tuple(o.get("exclude", ())),
        )
        for o in data["organizations"]
    ]
    return people + orgs


@cache
def matcher() -> Matcher:
    return Matcher.build(
        seed_entries(ROOT / "seed_data") + corpus_entries(CORPUS / "gazetteer.yaml")
    )


def found_spans(engine: Matcher, blocks: Sequence[str]) -> frozenset[Span]:
    return frozenset((m.block, m.cp_start, m.cp_end, m.entities) for m in engine.annotate(blocks))


@dataclass
class Tally:
    """True positives, and how many were expected and found."""

    expected: int = 0
    found: int = 0
    right: int = 0

    def add(self, expected: frozenset[Span], found: frozenset[Span]) -> None:
        self.expected += len(expected)
        self.found += len(found)
        self.right += len(expected & found)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


@dataclass
class Result:
    """The figures of one run, and every miss and false match, for the report."""

    articles: int = 0
    traps_articles: int = 0
    overall: Tally = field(default_factory=Tally)
    traps: Tally = field(default_factory=Tally)
    by_lang: dict[str, Tally] = field(default_factory=dict)
    by_rule: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def evaluate(articles: Iterable[Article], engine: Matcher) -> Result:
    """Annotate every article and compare with its marks."""
    result = Result()
    for article in articles:
        found = found_spans(engine, article.blocks)
        result.articles += not article.trap
        result.traps_articles += article.trap
        tallies = [result.traps] if article.trap else [result.overall]
        tallies += [
            result.by_lang.setdefault(("traps: " if article.trap else "") + article.lang, Tally()),
            result.by_rule.setdefault(article.rule, Tally()),
        ]
        for tally in tallies:
            tally.add(article.expected, found)
        for kind, spans in (
            ("missed", article.expected - found),
            ("false", found - article.expected),
        ):
            for block, start, end, slugs in sorted(spans):
                text = article.blocks[block][start:end]
                result.errors.append(f"{article.id}: {kind} {text!r} → {', '.join(slugs)}")
    return result


def _row(label: str, tally: Tally) -> str:
    return (
        f"| {label} | {tally.expected} | {tally.found} | {tally.right} "
        f"| {tally.precision:.3f} | {tally.recall:.3f} |"
    )


def report(result: Result, entities: int) -> str:
    corpus = sum(t.expected for lang, t in result.by_lang.items() if not lang.startswith("traps"))
    lines = [
        "## Accuracy",
        "",
        f"Labelled corpus (bench/corpus/): {result.articles} short articles written for the "
        f"project, {corpus} marked mentions, plus {result.traps_articles} in the trap corpus; "
        f"{entities} entities (the "
        "seed data and the corpus gazetteer). A mention counts when its block, span and "
        "entities all agree.",
        "",
        "| language | expected | found | right | precision | recall |",
        "|---|---|---|---|---|---|",
        *[_row(lang, tally) for lang, tally in sorted(result.by_lang.items())],
        _row("**all but traps**", result.overall),
        "",
        "| rule | expected | found | right | precision | recall |",
        "|---|---|---|---|---|---|",
        *[_row(rule, tally) for rule, tally in sorted(result.by_rule.items())],
        "",
        f"Targets: trap precision {TARGETS['trap_precision']:.1f} — "
        f"{'met' if result.traps.precision >= TARGETS['trap_precision'] else '**missed**'}; "
        f"recall at least {TARGETS['recall']} overall — "
        f"{'met' if result.overall.recall >= TARGETS['recall'] else '**missed**'} "
        f"({result.overall.recall:.3f}).",
    ]
    if result.errors:
        lines += ["", "Misses and false matches:", "", *[f"- {e}" for e in result.errors]]
    return "\n".join(lines)


def corpus_files() -> list[Path]:
    return [CORPUS / f"{lang}.yaml" for lang in LANGUAGES] + [CORPUS / "traps.yaml"]


def main() -> None:
    engine = matcher()
    result = evaluate(load_articles(corpus_files()), engine)
    text = report(
        result,
        len(seed_entries(ROOT / "seed_data")) + len(corpus_entries(CORPUS / "gazetteer.yaml")),
    )
    print(text)
    write_section("accuracy", text)
    if (
        result.traps.precision < TARGETS["trap_precision"]
        or result.overall.recall < TARGETS["recall"]
    ):
        sys.exit(1)


if __name__ == "__main__":
    main()
