"""Accent- and case-insensitive search form of a text, with exact offsets back to the original.

The rules, in order (a later JavaScript port follows the same list):
1. each character is folded on its own: NFKD, case-folded, combining marks dropped, the letters
   in `_LETTERS` spelled out, apostrophes unified, every space character and the block
   separator (`\x00`) made a plain space, traditional Chinese characters made simplified
   (`_HANS`, from zhconv's table), the invisible characters in `IGNORABLE` (soft hyphen,
   zero-width space and joiners, BOM) dropped, and a character of a script written without
   spaces (`UNSPACED`: Chinese, Japanese) given a space on each side, so that every one of them
   is a word of its own and a name in such a script is found inside running text;
2. then a run of spaces counts as one: `\r\n`, double spaces and NBSP runs are one space.
"""

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import NamedTuple

_APOSTROPHES = frozenset("‘’ʼ`´ʻ′")
# Letters that carry no decomposition in Unicode, so NFKD alone would keep them apart.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ŀ": "l"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
)
# Invisible characters that publishers and editors leave inside words, and the Arabic tatweel
# that only stretches a word: they fold to nothing.
IGNORABLE = frozenset(
    "\u00ad\u034f\u061c\u0640\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\ufeff"
)
BLOCK_SEPARATOR = "\x00"
_FIRST_ASTRAL = "\U00010000"  # the first character outside the Basic Multilingual Plane
UNSPACED = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _simplified() -> dict[int, str]:
    """Traditional → simplified Chinese, for the characters that map one to one."""
    # Read zhconv's table directly: its own loader leaves the file open (a ResourceWarning).
    tables = json.loads(resources.files("zhconv").joinpath("zhcdict.json").read_bytes())
    table: dict[str, str] = tables["zh2Hans"]
    return {ord(k): v for k, v in table.items() if len(k) == 1 and len(v) == 1 and k != v}


_HANS = _simplified()
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
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _fold_ascii(char: str) -> str:
    return (
        " " if char.isspace() or char == BLOCK_SEPARATOR else "'" if char == "`" else char.lower()
    )


def _word_ascii(char: str) -> str:
    return char.lower() if char.isalnum() else " "


_ASCII_FOLD, _MARKED_FOLD = _tables(_fold_ascii)
_ASCII_WORDS, _MARKED_WORDS = _tables(_word_ascii)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char.isspace() or char == BLOCK_SEPARATOR:
        return " "
    if char in IGNORABLE:
        return ""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = bare.translate(_LETTERS).translate(_HANS)
    return f" {folded} " if UNSPACED.match(folded) else folded


class _Run(NamedTuple):
    """One folded run of non-ASCII characters."""

    text: str
    words: str
    # (index in the run, index in the folded run, folded length) of each character whose
    # fold is not exactly one character long
    irregular: tuple[tuple[int, int, int], ...]
    spaced: bool  # it holds a space, or folds away entirely: rule 2 may apply next to it
    wide: bool  # it holds a character outside the Basic Multilingual Plane


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
    wide = max(run) >= _FIRST_ASTRAL
    return _Run(text, words, irregular, " " in text or not text, wide)


class Folded(NamedTuple):  # not a frozen dataclass, whose __init__ sets each field by a call
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
    wide: bool = False  # the original holds astral characters: its UTF-16 offsets differ

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


def fold(text: str, *, squeeze: bool = True) -> Folded:
    """Fold `text` for accent- and case-insensitive search, keeping the offset map (rule 2
    applies unless `squeeze` is false)."""
    if text.isascii():  # byte tables: str.translate looks every distinct character up
        ascii_bytes = text.encode("ascii")
        folded_bytes = ascii_bytes.translate(_ASCII_FOLD)
        folded = Folded(
            folded_bytes.decode("ascii"), ascii_bytes.translate(_ASCII_WORDS).decode("ascii")
        )
        return _squeeze(folded, text) if squeeze and _spaced(folded_bytes) else folded
    return _fold_marked(text, text.encode("ascii", "replace"), squeeze)


def fold_blocks(blocks: Sequence[str], text: str) -> Folded:
    """Fold `text`, the blocks joined by BLOCK_SEPARATOR: the same as fold(text), quicker
    when some blocks are plain ASCII, which encode at memory speed on their own."""
    if text.isascii():
        return fold(text)
    separator = BLOCK_SEPARATOR.encode("ascii")
    marked = separator.join([block.encode("ascii", "replace") for block in blocks])
    return _fold_marked(text, marked, True)


def _fold_marked(text: str, marked: bytes, squeeze: bool) -> Folded:
    """Fold a text that is not all ASCII, given it encoded with "?" for each other character,
    so that byte operations fold the ASCII rest and find the runs; each run is then folded on
    its own (and cached)."""
    spans = [match.span() for match in _MARKS.finditer(marked)]
    runs = [_fold_run(text[start:end]) for start, end in spans]
    run_texts, run_words, irregular, spaced, wide = zip(*runs, strict=True)  # by field
    marked_fold = marked.translate(_MARKED_FOLD)
    text_fold = _interleave(marked_fold, spans, run_texts)
    words = _interleave(marked.translate(_MARKED_WORDS), spans, run_words)
    if not any(irregular):
        folded = Folded(text_fold, words, wide=any(wide))
    else:
        folded = Folded(text_fold, words, *_breakpoints(spans, runs), wide=any(wide))
    if squeeze and (any(spaced) or _spaced(marked_fold)):
        return _squeeze(folded, text)
    return folded


_TWO_SPACES = "\u2020"  # b"  " read as one UTF-16 code unit


def _spaced(folded: bytes) -> bool:
    """Whether folded ASCII holds a run of spaces for rule 2.

    A search for b"  " stumbles at every space of a long text (a branch the processor cannot
    predict); read as UTF-16, two spaces at an even offset are the one code unit U+2020, and
    at an odd offset once the first byte is left out, and counting one code unit is a loop
    that rarely branches. ASCII holds no surrogates, so the decoding cannot fail.
    """
    size = len(folded)
    if size < 256:
        return b"  " in folded
    return bool(
        folded[: size & ~1].decode("utf-16-le").count(_TWO_SPACES)
        or folded[1 : 1 + ((size - 1) & ~1)].decode("utf-16-le").count(_TWO_SPACES)
    )


def _interleave(marked: bytes, spans: list[tuple[int, int]], runs: tuple[str, ...]) -> str:
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


@lru_cache(maxsize=16384)
def fold_word(word: str) -> str:
    """The folded text of a short string the matcher meets again and again (a word before a
    surname, an initial)."""
    return fold(word).text


def search_words(text: str) -> str:
    """The word skeleton the matcher compares: folded, punctuation gone, single spaces."""
    return " ".join(fold(text).words.split())


_SPACE_RUN = re.compile(" {2,}")


def _squeeze(folded: Folded, original: str) -> Folded:
    """Rule 2: in each run of spaces, drop those that stand for whole space characters, but
    keep the first if nothing else is left (the spaces around Chinese characters stay)."""
    text = folded.text
    if "  " not in text:
        return folded  # no run of spaces at all (a plain search, far quicker than the regex)
    dropped: list[int] = []  # folded offsets
    for run in _SPACE_RUN.finditer(text):
        alone = [i for i in range(*run.span()) if _alone(original[folded.to_original(i)])]
        dropped += alone[1:] if len(alone) == run.end() - run.start() else alone
    if not dropped:
        return folded
    new_text, new_words = _without(text, dropped), _without(folded.words, dropped)
    entries = sorted(
        [*zip(folded.orig_at, folded.sizes, strict=True)]
        + [(folded.to_original(i), 0) for i in dropped]
    )
    fold_at, grown = [], 0
    for orig, size in entries:
        fold_at.append(orig + grown)
        grown += size - 1
    orig_at, sizes = (tuple(column) for column in zip(*entries, strict=True))
    shifts = tuple(o + 1 - f - s for f, o, s in zip(fold_at, orig_at, sizes, strict=True))
    return Folded(new_text, new_words, tuple(fold_at), orig_at, sizes, shifts, folded.wide)


def _alone(char: str) -> bool:
    """Whether `char` folds to a lone space (so may be dropped without breaking the map)."""
    return _fold_char(char) == " "


def _without(text: str, dropped: list[int]) -> str:
    """`text` less the characters at the (sorted) offsets `dropped`."""
    pieces, done = [], 0
    for i in dropped:
        pieces.append(text[done:i])
        done = i + 1
    pieces.append(text[done:])
    return "".join(pieces)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Return a converter from code-point offsets in `text` to UTF-16 code-unit offsets."""
    # "surrogatepass": a lone surrogate (JSON allows one) is one code unit, as in JavaScript
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return same_offset
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    return lambda i: i + bisect_left(astral, i)


def same_offset(i: int) -> int:
    return i
