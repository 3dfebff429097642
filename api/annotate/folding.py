"""Accent- and case-insensitive search form of a text, with exact offsets back to the original."""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

_APOSTROPHES = frozenset("‘’ʼ`´ʻ′")
# Letters that carry no decomposition in Unicode, so NFKD alone would keep them apart.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ŀ": "l"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
)
_WORD_JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ sit inside Persian and Indic words
_MARKS = re.compile(rb"\?\?*")  # non-ASCII runs once encoded as "?" (a literal prefix: fast)


def _tables(fold_char: Callable[[str], str]) -> tuple[bytes, bytes]:
    """Byte translation tables for ASCII text, and for text where "?" marks non-ASCII runs."""
    chars = "".join(map(chr, range(128)))
    folded = "".join(map(fold_char, chars))
    marked = folded[:63] + "?" + folded[64:]
    return (
        bytes.maketrans(chars.encode(), folded.encode()),
        bytes.maketrans(chars.encode(), marked.encode()),
    )


def _is_word_char(char: str) -> bool:
    """Tell whether a character belongs to a word: a letter, a digit or a combining mark."""
    return char.isalnum() or unicodedata.category(char)[0] == "M" or char in _WORD_JOINERS


def _fold_ascii(char: str) -> str:
    return " " if char.isspace() else "'" if char == "`" else char.lower()


def _word_ascii(char: str) -> str:
    return char.lower() if char.isalnum() else " "


_ASCII_FOLD, _MARKED_FOLD = _tables(_fold_ascii)
_ASCII_WORDS, _MARKED_WORDS = _tables(_word_ascii)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_LETTERS)


class _Run(NamedTuple):
    """One folded run of non-ASCII characters."""

    text: str
    words: str
    # (index in the run, index in the folded run, folded length) of each character whose
    # fold is not exactly one character long
    irregular: tuple[tuple[int, int, int], ...]


@lru_cache(maxsize=16384)
def _fold_run(run: str) -> _Run:
    parts = [_fold_char(c) for c in run]
    text = "".join(parts)
    words = "".join(c if _is_word_char(c) else " " for c in text)
    starts = accumulate(map(len, parts), initial=0)
    irregular = tuple(
        (index, start, len(part))
        for index, (start, part) in enumerate(zip(starts, parts, strict=False))
        if len(part) != 1
    )
    return _Run(text, words, irregular)


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and the map from its offsets back to the original's.

    Only characters whose fold is not exactly one character long (ß → ss, ﬁ → fi, a bare
    combining accent → nothing) are stored, as breakpoints; between them offsets shift by a
    constant.
    """

    text: str  # NFKD, combining marks removed, case-folded, apostrophes unified
    words: str  # `text` with every character that is not part of a word replaced by a space
    fold_at: tuple[int, ...] = ()  # folded offset of each irregular character
    orig_at: tuple[int, ...] = ()  # its original offset
    sizes: tuple[int, ...] = ()  # its folded length
    shifts: tuple[int, ...] = ()  # original minus folded offset right after it

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span to the original text."""
        if not self.fold_at:
            return start, end
        return self.to_original(start), self.to_original(end, end=True)

    def to_original(self, i: int, *, end: bool = False) -> int:
        """Map folded offset `i` to the original text: a start, or an exclusive `end`.

        A start inside a character that folded to several maps to that character; an end
        inside it maps past it, and an end also takes in the combining marks that follow.
        """
        k = bisect_right(self.fold_at, i) - 1
        if k < 0:
            return i
        at, size = self.fold_at[k], self.sizes[k]
        if at < i < at + size:
            return self.orig_at[k] + int(end)
        if at == i and size:
            return self.orig_at[k]
        return i + self.shifts[k]


def fold(text: str) -> Folded:
    """Fold `text` for accent- and case-insensitive search, keeping the offset map."""
    if text.isascii():  # byte tables: str.translate looks every distinct character up
        ascii_bytes = text.encode("ascii")
        return Folded(
            ascii_bytes.translate(_ASCII_FOLD).decode("ascii"),
            ascii_bytes.translate(_ASCII_WORDS).decode("ascii"),
        )
    # Every non-ASCII character becomes "?", so that byte operations fold the ASCII rest and
    # find the runs; each run is then folded on its own (and cached).
    marked = text.encode("ascii", "replace")
    spans = [match.span() for match in _MARKS.finditer(marked)]
    runs = [_fold_run(text[start:end]) for start, end in spans]
    folded = _interleave(marked.translate(_MARKED_FOLD), spans, [run.text for run in runs])
    words = _interleave(marked.translate(_MARKED_WORDS), spans, [run.words for run in runs])
    if not any(run.irregular for run in runs):
        return Folded(folded, words)
    return Folded(folded, words, *_breakpoints(spans, runs))


def _interleave(marked: bytes, spans: list[tuple[int, int]], runs: list[str]) -> str:
    """Put the folded runs in place of their "?" marks."""
    ascii_text = marked.decode("ascii")
    pieces: list[str] = []
    done = 0
    for (start, end), run in zip(spans, runs, strict=True):
        pieces += (ascii_text[done:start], run)
        done = end
    pieces.append(ascii_text[done:])
    return "".join(pieces)


def _breakpoints(
    spans: list[tuple[int, int]], runs: list[_Run]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    growth = accumulate(
        (len(run.text) - (end - start) for (start, end), run in zip(spans, runs, strict=True)),
        initial=0,
    )
    breaks = [
        (start + grown + at, start + index, size)
        for (start, _), run, grown in zip(spans, runs, growth, strict=False)
        for index, at, size in run.irregular
    ]
    fold_at, orig_at, sizes = zip(*breaks, strict=True)
    shifts = tuple(o + 1 - f - s for f, o, s in breaks)
    return fold_at, orig_at, sizes, shifts


def search_words(text: str) -> str:
    """The word skeleton the matcher compares: folded, punctuation gone, single spaces."""
    return " ".join(fold(text).words.split())


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Return a converter from code-point offsets in `text` to UTF-16 code-unit offsets."""
    # "surrogatepass": a lone surrogate (JSON allows one) is one code unit, as in JavaScript
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return _same
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    return lambda i: i + bisect_left(astral, i)


def _same(i: int) -> int:
    return i
