"""Test vectors for the extension's local matcher, written by the Python engine itself.

`make vectors` (python -m tests.annotate.match_vectors) runs the real matcher over the name
pack of the shipped seed data plus the accuracy corpus's gazetteer, on a corpus of its own:
the accuracy articles and traps, the project's article, each name in context (cases, marks,
astral characters, invisible characters, spaces, Chinese text, block splits) and the
canonical article from ../shared (by digest only: its text stays out of the repository). The
test next to it fails when the files differ from what the engine writes now.
"""

import hashlib
import json
import sys
import unicodedata
from typing import Any

from api.annotate import inflection
from api.annotate.folding import fold
from api.annotate.matcher import Matcher, Mention
from api.annotate.pack import build
from bench import accuracy
from tests.support import CANONICAL_ARTICLE, ROOT

FIXTURES = ROOT / "extension" / "test" / "fixtures"
PACK = FIXTURES / "match-pack.json"
VECTORS = FIXTURES / "match-vectors.json"
OWN_ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "s400-talks.txt"
SHARED_NAME = "fixtures/sputnik-s400-article.txt"

# Contexts for each name: a case each, in turn (the name is {n}, its capitals {N}).
TEMPLATES = [
    "{n}",
    "Yesterday {n} said that {n}'s view had changed.",
    "ANALYSTS QUOTED {N} AT LENGTH.",
    "a quote from {l}, in lower case",
    "«{n}», — сообщил источник.",
    "據報道，{n}表示。据报道{n}表示",
    "𝐀𝐁𝐂 {n} 😀 said 𝟙𝟚 things (🇷🇺).",
    "{d} spoke; the {d} decomposed form keeps its marks.",
    "Zero\u200bwidth {z} and soft\u00adhyphen.",
    "Non\u00a0breaking\u00a0{s} and  double   spaces\r\n{n}",
    "Mr {n}-backed {n}-PCR RT-{n} ({n})",
    "وقال {n} إن",
]


def blocks_of(text: str) -> list[str]:
    """Split a captured page into text blocks the way the extension sends them."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _mention(m: Mention) -> list[Any]:
    return [
        m.block,
        m.start,
        m.end,
        m.cp_start,
        m.cp_end,
        m.text,
        list(m.entities),
        m.kind,
        m.match,
    ]


def _contexts(name: str, i: int) -> list[list[str]]:
    template = TEMPLATES[i % len(TEMPLATES)]
    spaced = name.replace(" ", "\u00a0")
    zero = "\u200b".join(name[k : k + 3] for k in range(0, len(name), 3))
    text = template.format(
        n=name,
        N=name.upper(),
        l=name.lower(),
        d=unicodedata.normalize("NFD", name),
        z=zero,
        s=spaced,
    )
    cases = [[text]]
    words = name.split()
    if len(words) > 1 and i % 3 == 0:  # a name the block boundary separates
        cases.append([f"Said {' '.join(words[:-1])}", f"{words[-1]} later."])
    return cases


def corpus() -> list[dict[str, Any]]:
    """Every case's blocks (the canonical article's by reference)."""
    cases: list[dict[str, Any]] = []
    for article in accuracy.load_articles(accuracy.corpus_files()):
        cases.append({"id": article.id, "blocks": article.blocks})
        for n, block in enumerate(article.blocks):
            cases.append({"id": f"{article.id}/{n}", "blocks": [block]})
    own = blocks_of(OWN_ARTICLE.read_text(encoding="utf-8"))
    cases.append({"id": "s400-talks", "blocks": own})
    cases += [{"id": f"s400-talks/{n}", "blocks": [b]} for n, b in enumerate(own)]
    entries = accuracy.seed_entries(ROOT / "seed_data")
    entries += accuracy.corpus_entries(accuracy.CORPUS / "gazetteer.yaml")
    for i, entry in enumerate(entries):
        for name in (entry.name, *entry.aliases[:1]):
            for k, blocks in enumerate(_contexts(name, i)):
                cases.append({"id": f"{entry.slug}/{k}/{len(cases)}", "blocks": blocks})
    return cases


def _found(matcher: Matcher, blocks: list[str]) -> list[list[Any]]:
    return [_mention(m) for m in matcher.annotate(blocks)]


def _with_pack_names(matcher: Matcher, names: set[str], blocks: list[str]) -> list[list[Any]]:
    """The mentions when only the pack's given names count as such (see pack.given_names)."""
    dictionary = inflection.is_given_name
    inflection.is_given_name = lambda word: fold(word).text in names  # type: ignore[assignment]
    try:
        return _found(matcher, blocks)
    finally:
        inflection.is_given_name = dictionary


def generate(matcher: Matcher) -> tuple[dict[str, Any], dict[str, Any]]:
    """The name pack and the vectors: every case with the mentions the engine finds.

    A case whose outcome needs the whole Russian dictionary of given names (a surname after
    another person's given name that is not profiled) says so, with what the pack yields."""
    pack = build(matcher, 0)
    names = set(pack["rules"]["given_names"].split("\n"))
    cases = []
    for case in corpus():
        found = _found(matcher, case["blocks"])
        local = _with_pack_names(matcher, names, case["blocks"])
        cases.append({**case, "mentions": found} | ({"local": local} if local != found else {}))
    shared = None
    if CANONICAL_ARTICLE.exists():
        raw = CANONICAL_ARTICLE.read_bytes()
        blocks = blocks_of(raw.decode("utf-8"))
        shared = {
            "id": "canonical",
            "shared": SHARED_NAME,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "mentions": [_mention(m) for m in matcher.annotate(blocks)],
        }
    vectors = {"format": 1, "pack": PACK.name, "canonical": shared, "cases": cases}
    return pack, vectors


def dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main() -> None:
    pack, vectors = generate(accuracy.matcher())
    if vectors["canonical"] is None and VECTORS.exists():  # keep the reference it was built with
        vectors["canonical"] = json.loads(VECTORS.read_text(encoding="utf-8"))["canonical"]
    PACK.write_text(dump(pack), encoding="utf-8")
    VECTORS.write_text(dump(vectors), encoding="utf-8")
    print(f"{len(vectors['cases'])} cases, {len(pack['keys'])} forms → {VECTORS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
    sys.exit(0)
