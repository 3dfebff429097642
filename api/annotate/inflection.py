"""Case forms of Russian names, generated with pymorphy3 when the matcher is built."""

import gzip
import re
import sys
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from api.annotate.folding import fold_word

_CYRILLIC = re.compile(r"[^\W\d_]")
_NOT_CYRILLIC = re.compile(r"[^\W\d_\u0400-\u052f]")


def is_cyrillic(text: str) -> bool:
    """Whether every letter of `text` is Cyrillic (and it has one)."""
    return _CYRILLIC.search(text) is not None and _NOT_CYRILLIC.search(text) is None


CASES = ("gent", "datv", "accs", "ablt", "loct")
_PERSON_LABELS = ("Name", "Patr", "Surn")


@cache
def _analyzer() -> Any:
    import pymorphy3  # loaded only when a Cyrillic name is met: its dictionaries take ~20 MB

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def person_forms(name: str) -> tuple[str, ...]:
    """The full name in each oblique case ("Геворга Мирзаяна"), the nominative left out."""
    words = name.split()
    if not words or not is_cyrillic(name):
        return ()
    gender = _gender(words[0]) if len(words) > 1 else None
    by_case = [_person_word(word, gender, i == len(words) - 1) for i, word in enumerate(words)]
    return tuple(_phrases(words, by_case))


@lru_cache(maxsize=16384)
def organization_forms(name: str) -> tuple[str, ...]:
    """An organization's name in each oblique case: its leading nominative words inflect
    ("Первый канал" → "Первого канала"), the rest stays ("… при Правительстве …")."""
    words = name.split()
    if not words or not is_cyrillic(name) or any(_fixed(word) for word in words):
        return ()
    if _common_word(words[0], "inan") is None:
        return ()
    animacy = next((a for a in map(_animacy, words) if a is not None), "inan")
    by_case: list[tuple[str, ...] | None] = []
    for word in words:
        forms = _common_word(word, animacy) if all(f is not None for f in by_case) else None
        by_case.append(forms)
    if by_case[0] is None:
        return ()
    return tuple(_phrases(words, by_case))


def _phrases(words: list[str], by_case: list[tuple[str, ...] | None]) -> list[str]:
    out: list[str] = []
    for c in range(len(CASES)):
        phrase = " ".join(w if f is None else f[c] for w, f in zip(words, by_case, strict=True))
        if phrase != " ".join(words) and phrase not in out:
            out.append(phrase)
    return out


def _fixed(word: str) -> bool:
    """Quoted, abbreviated or hyphenated words keep their form ("«Россия", "РИА", "Россия-1")."""
    return word.isupper() or not word.isalpha()


# Every form pymorphy3's dictionary tags as a given name, folded (`make given-names` writes it).
# The engine and the extension's matcher read this one list, so they tell given names apart
# alike; the dictionary's guesses for unknown words are left out, as a client could not repeat them.
GIVEN_NAMES = "given_names_ru.txt.gz"


@cache
def given_names() -> frozenset[str]:
    """The folded forms of every Russian given name the dictionary knows."""
    raw = resources.files("api.annotate").joinpath(GIVEN_NAMES).read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split("\n"))


def write_given_names(path: Path) -> int:
    """Write the folded given-name forms from pymorphy3's dictionary; return how many."""
    names = {
        fold_word(word)
        for word, tag, *_ in _analyzer().dictionary.iter_known_words()
        if "Name" in tag.grammemes
    }
    data = "\n".join(sorted(names)).encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return len(names)


def is_given_name(word: str) -> bool:
    """Whether the dictionary knows a Cyrillic word as a given name, in any case."""
    return fold_word(word) in given_names()


@lru_cache(maxsize=65536)
def _gender(given: str) -> str | None:
    for parse in _analyzer().parse(given):
        if "Name" in parse.tag and "nomn" in parse.tag and "sing" in parse.tag:
            return str(parse.tag.gender)
    return None


# A word the dictionary does not know is inflected by pymorphy3 from its ending, so the
# paradigm found for one unknown word serves every other with the same ending, gender and place.
_ENDING = 4
_paradigms: dict[tuple[str, str | None, bool], tuple[tuple[int, str], ...] | None] = {}


@lru_cache(maxsize=65536)
def _person_word(word: str, gender: str | None, last: bool) -> tuple[str, ...] | None:
    """The word's forms in CASES, or None when it does not inflect (or cannot be told)."""
    if _fixed(word):
        return None
    if len(word) <= _ENDING or _analyzer().word_is_known(word.lower()):
        return _person_parse(word, gender, last)
    key = (word[-_ENDING:].lower(), gender, last)
    if key not in _paradigms:
        forms = _person_parse(word, gender, last)
        _paradigms[key] = None if forms is None else tuple(_change(word, f) for f in forms)
    changes = _paradigms[key]
    if changes is None:
        return None
    return tuple(word[: len(word) - cut] + added for cut, added in changes)


def _change(word: str, form: str) -> tuple[int, str]:
    """How `form` differs from `word` at its end: characters cut, then added."""
    same = 0
    while same < min(len(word), len(form)) and word[same].lower() == form[same].lower():
        same += 1
    return len(word) - same, form[same:]


def _person_parse(word: str, gender: str | None, last: bool) -> tuple[str, ...] | None:
    chosen = None
    for parse in _analyzer().parse(word):
        tag = parse.tag
        if "NOUN" not in tag or "nomn" not in tag or "sing" not in tag:
            continue
        if gender is not None and "ms-f" not in tag and gender not in tag:
            continue
        if any(label in tag for label in _PERSON_LABELS):
            chosen = parse
            break
        if chosen is None and last:
            chosen = parse
    return _inflected(word, chosen)


@lru_cache(maxsize=65536)
def _animacy(word: str) -> str | None:
    """Whether a noun is animate (an adjective's accusative follows its head noun's)."""
    for parse in _analyzer().parse(word):
        if "NOUN" in parse.tag and "nomn" in parse.tag:
            return str(parse.tag.animacy or "inan")
    return None


@lru_cache(maxsize=65536)
def _common_word(word: str, animacy: str) -> tuple[str, ...] | None:
    for parse in _analyzer().parse(word):
        tag = parse.tag
        if ("NOUN" in tag or "ADJF" in tag) and "nomn" in tag and "Abbr" not in tag:
            masculine = "ADJF" in tag and tag.gender == "masc"  # its accusative has two forms
            return _inflected(word, parse, animacy if masculine else None)
    return None


def _inflected(word: str, parse: Any, animacy: str | None = None) -> tuple[str, ...] | None:
    if parse is None or "Fixd" in parse.tag:
        return None
    forms = []
    for case in CASES:
        form = parse.inflect({case, animacy} if animacy and case == "accs" else {case})
        if form is None:
            return None
        forms.append(_like(word, form.word))
    return tuple(forms)


def _like(model: str, word: str) -> str:
    """Give `word` the capitalisation of `model`."""
    return word.capitalize() if model[:1].isupper() else word


if __name__ == "__main__":
    target = Path(__file__).with_name(GIVEN_NAMES)
    print(f"{write_given_names(target):,} given-name forms written to {target}", file=sys.stderr)
