"""The name pack: the matcher's compiled forms and rule data, for a client to match on its own.

Every automaton key comes with its outcomes worked out by the builder (see builder.py), so a
port only runs the scan of matcher.py; the characters' folds and the word lists of rules.py
travel with it, so both sides fold and decide alike. extension/src/match/ reads it.
"""

import gzip
import re
import sys
import unicodedata
from functools import cache
from typing import Any

from api.annotate import inflection, rules
from api.annotate.builder import Choice, Resolution, Variant
from api.annotate.folding import BLOCK_SEPARATOR, IGNORABLE, UNSPACED, _fold_char
from api.annotate.matcher import Matcher
from api.cards.card import dumps
from api.http_cache import strong_etag

FORMAT = 2  # 2: given_names is one string, a name a line
_ESCAPED = re.compile(r"\\(.)")


@cache
def fold_table() -> dict[str, str]:
    """Each character whose fold is not itself, less the spaces put around unspaced scripts."""
    table = {}
    for point in range(sys.maxunicode + 1):
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        if unicodedata.category(char) in ("Cn", "Co"):
            continue  # unassigned or private use: they fold to themselves
        folded = _fold_char(char)
        if UNSPACED.match(folded.strip()) and len(folded) == 3:
            folded = folded[1]
        if folded != char:
            table[char] = folded
    return table


@cache
def given_names() -> str:
    """The folded forms of every Russian given name the engine knows (inflection.given_names),
    sorted, one per line.

    The engine refuses a surname after another person's given name ("Анна Орлова" is not
    Mikhail Orlov); the client carries the same list, so it refuses exactly the same ones. One
    string, not a hundred thousand: a client holds one object until it first needs the list.
    """
    return "\n".join(sorted(inflection.given_names()))


def _tokens(pattern: re.Pattern[str]) -> list[str]:
    """An exclude pattern (rules.pattern) back as its folded tokens, `*` and `#` kept."""
    inner = pattern.pattern.removeprefix(r"(?<!\w)").removesuffix(r"(?!\w)")
    out = []
    for part in inner.split(" "):
        out.append("*" if part == r"\w+" else "#" if part == r"\d+" else _ESCAPED.sub(r"\1", part))
    return out


class _Encoder:
    def __init__(self) -> None:
        self.slugs: dict[str, int] = {}

    def slug(self, slug: str) -> int:
        return self.slugs.setdefault(slug, len(self.slugs))

    def outcome(self, resolution: Resolution | None) -> list[Any] | None:
        if resolution is None:
            return None
        slugs, match = resolution
        return [[self.slug(s) for s in slugs], match]

    def variant(self, variant: Variant) -> list[Any]:
        return [
            variant.flags,
            variant.exact,
            [self.slug(s) for s in sorted(variant.surname_of)],
            [self.outcome(case) for case in variant.cases],
            int(variant.surname_cased),
            sorted(variant.initials),
            [_tokens(p) for p in variant.patterns],
        ]


def build(matcher: Matcher, version: int) -> dict[str, Any]:
    """The name pack of one data version, as a JSON-ready document."""
    encoder = _Encoder()
    keys = []
    for key, payload in sorted(matcher.items()):
        if isinstance(payload, Choice):
            variants = [encoder.variant(v) for v in payload.variants]
            keys.append([key, payload.flags, variants])
        else:
            keys.append([key, payload.flags, [encoder.variant(payload)]])
    kinds = matcher.kinds
    slugs = sorted(encoder.slugs, key=encoder.slugs.__getitem__)
    return {
        "format": FORMAT,
        "data_version": version,
        "unicode": unicodedata.unidata_version,
        "slugs": slugs,
        "kinds": [kinds[s] for s in slugs],
        "keys": keys,
        "rules": {
            "separator": BLOCK_SEPARATOR,
            "ignorable": "".join(sorted(IGNORABLE)),
            "hyphens": "".join(sorted(rules.HYPHENS)),
            "proclitics": sorted(rules.PROCLITICS),
            "titles": sorted(rules.TITLES),
            "sentence_starters": sorted(rules.SENTENCE_STARTERS),
            "small_words": sorted(rules._SMALL_WORDS),
            "given_names": given_names(),
        },
        "fold": fold_table(),
    }


class NamePack:
    """The pack's bytes for one data version, serialized and compressed once."""

    def __init__(self, matcher: Matcher, version: int) -> None:
        self.body = dumps(build(matcher, version))
        self.etag = strong_etag(self.body)
        # Level 6, as the card buckets: level 9 took five times as long for 2 % less.
        self.gzip = gzip.compress(self.body, compresslevel=6, mtime=0)
        self.gzip_etag = strong_etag(self.gzip)  # another representation: another strong tag
