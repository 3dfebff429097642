"""Find profiled people and organizations in article text with one Aho-Corasick automaton.

The rules a hit must pass, in order (see rules.py for their word lists):
1. leftmost-longest: a hit inside an earlier, longer one does not count;
2. a multi-word name is spelled as profiled, punctuation included, and stays inside one block
   unless it is a person's name whose words the block boundary separates ("Gevorg" | "Mirzayan");
3. a short acronym is not part of a code compound ("RT-PCR"), and is refused in the whole
   article when the article spells the same letters out as something else ("National Testing
   Agency (NTA)");
4. an entity's exclude patterns ("Sputnik #") and phrases ("Sputnik V") consume their span;
5. case: a one-word form spelled in capitals needs capitals, one with a capital initial needs one;
6. a surname counts only after that person's full name appeared in the article, and not at all
   once another full name with the same surname appears in it ("Anna Mirzayan").
"""

import gc
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from operator import itemgetter
from typing import Any, NamedTuple

from api.annotate import rules
from api.annotate.builder import (
    ACRONYM,
    ARTICLED,
    CASED,
    CLITIC,
    PATTERNS,
    SPLIT,
    UNCASED_NOTHING,
    Builder,
    Choice,
    MatchType,
    MentionKind,
    NameEntry,
    Resolution,
    Variant,
)
from api.annotate.folding import (
    BLOCK_SEPARATOR,
    IGNORABLE,
    Folded,
    fold_blocks,
    fold_word,
    same_offset,
    utf16_offsets,
)
from api.common import collector_paused

__all__ = ["Matcher", "Mention", "NameEntry"]

SEPARATOR = BLOCK_SEPARATOR
case_of = rules.case_of
CAPITALS, EVERY_WORD = rules.CAPITALS, rules.EVERY_WORD

_WIDE = "\U000f0000"  # a private-use character outside the Basic Multilingual Plane
_FIRST_MARK = "\u0300"  # no combining mark comes before the combining grave accent
_CHECKED = CLITIC | ACRONYM | ARTICLED | PATTERNS


class Mention(NamedTuple):
    """One name found in one block of the article."""

    block: int
    start: int  # UTF-16 code units within blocks[block] (JavaScript string indices)
    end: int
    cp_start: int  # code points, for the W3C TextPositionSelector
    cp_end: int
    text: str
    entities: tuple[str, ...]  # sorted slugs; several when the mention is ambiguous
    kind: MentionKind  # the first entity's, should candidates differ
    match: MatchType
    ambiguous: bool


class _Article:
    """The blocks joined into one text, searched in one pass."""

    SEPARATOR = BLOCK_SEPARATOR  # folds to a space; only a person's name may run across it

    def __init__(self, blocks: Sequence[str]) -> None:
        self.blocks = blocks
        self.text = self.SEPARATOR.join(blocks)
        self.lengths = list(map(len, blocks))
        # each block begins one past the end of the one before, after the separator
        self.starts = list(accumulate(map((1).__add__, self.lengths[:-1]), initial=0))

    def block_at(self, offset: int) -> tuple[int, int]:
        """The number of the block holding `offset`, and where that block begins."""
        number = bisect_right(self.starts, offset) - 1
        return number, self.starts[number]

    def splits(self, start: int, end: int) -> bool:
        """Whether the span runs across a block boundary."""
        number, begin = self.block_at(start)
        return end > begin + self.lengths[number]

    def pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of a span in each block it touches, without their outer spaces."""
        out = []
        number, begin = self.block_at(start)
        while start < end:
            stop = min(end, begin + self.lengths[number])
            piece = self.text[start:stop]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                out.append((start + lead, start + len(piece.rstrip())))
            number += 1
            if number == len(self.starts):
                break
            begin = start = self.starts[number]
        return out


class _Scan:
    """The state of one pass over an article."""

    def __init__(self, article: _Article) -> None:
        self.text = article.text
        self.folded = fold_blocks(article.blocks, article.text)
        self.seen: set[str] = set()  # people named in full so far: their surnames now count
        self.refused: set[int] = set()  # keys whose every mention the article rules out

    def spelled_out(self, key: Any, start: int, end: int, ours: bool) -> bool:
        """Rule 3: "(NTA)" after the words it stands for, unless they are this entity's name."""
        text = self.text
        if not rules.in_parentheses(text, start, end):
            return False
        if not rules.expansion_before(text, start, text[start:end]) or ours:
            return False
        self.refused.add(id(key))
        return True


def _defined_here(
    text: str, last: tuple[int, tuple[str, ...]] | None, start: int, slugs: tuple[str, ...]
) -> bool:
    """Whether the mention just before "(" (`last`: its end and entities) names one of
    `slugs`: "Russia Today (RT)"."""
    if last is None:
        return False
    end, earlier = last
    return text[end:start] in ("(", " (") and not set(earlier).isdisjoint(slugs)


class Matcher:
    """Finds every profiled name in an article's blocks; built once, then read-only."""

    __slots__ = ("_automaton", "_kinds")

    def __init__(self, automaton: Any, kinds: dict[str, MentionKind]) -> None:
        self._automaton = automaton
        self._kinds = kinds

    @classmethod
    def build(cls, entries: Iterable[NameEntry]) -> "Matcher":
        """Build the automaton over every name, alias, case form, exclude phrase and surname."""
        # The build makes millions of long-lived objects without cycles: the cyclic garbage
        # collector would walk them over and over while they are made, and then on every
        # full collection during requests. It pauses for the build; then what is garbage is
        # collected and what lives is frozen out of its sight (reference counting still
        # frees a replaced snapshot, whose objects hold no cycles).
        with collector_paused():
            builder = Builder()
            for entry in entries:
                builder.add(entry)
            matcher = cls(builder.automaton(), builder.kinds)
            del builder
        gc.collect()
        gc.freeze()
        return matcher

    def __len__(self) -> int:
        """Return the number of patterns in the automaton."""
        return len(self._automaton)

    def items(self) -> list[tuple[str, Variant | Choice]]:
        """Every automaton key with what it stands for (the name pack publishes them)."""
        return list(self._automaton.items())

    @property
    def kinds(self) -> dict[str, MentionKind]:
        """How each entity's mentions are reported, by slug."""
        return self._kinds

    def annotate(self, blocks: Sequence[str]) -> list[Mention]:
        """Return every mention in the blocks, in reading order."""
        if len(self._automaton) == 0:  # nothing published yet: the automaton cannot search
            return []
        article = _Article(blocks)
        return self._find(_Scan(article), article)

    def _find(self, scan: _Scan, article: _Article) -> list[Mention]:
        """Pick the hits that count (the rules above) and report each as it is picked."""
        text, folded = scan.text, scan.folded
        spelled = folded.text
        irregular = bool(folded.fold_at)
        taken = 0  # folded offset up to which the text is spoken for
        seen, refused = scan.seen, scan.refused
        last: tuple[int, tuple[str, ...]] | None = None  # the end and entities of the last one
        # Offsets in UTF-16 differ from code points only after an astral character.
        to_utf16 = utf16_offsets(text) if folded.wide else same_offset
        same = to_utf16 is same_offset
        kinds = self._kinds
        mentions: list[Mention] = []
        keys: list[Variant | Choice] = []  # the automaton key of each mention, for `refused`
        append, new = mentions.append, tuple.__new__  # no keyword-argument constructor
        # The hits come in reading order: walk the blocks along with them. Block `number`
        # begins at `begin`; the separator after it sits right before `after`.
        bounds = [*article.starts[1:], len(text) + 1]
        number, begin, after = 0, 0, bounds[0]
        for start, end, key in self._hits(folded, text):
            if start < taken:
                if key.flags & ACRONYM:
                    scan.spelled_out(key, *folded.span(start, end), ours=False)
                continue
            if irregular:
                cp_start, cp_end = folded.span(start, end)
                if cp_start and text[cp_start - 1] >= _FIRST_MARK and _inside_word(text, cp_start):
                    continue
                while cp_end > cp_start and _dropped(text[cp_end - 1]):
                    cp_end -= 1  # an end takes in combining marks, not what folded away
                if key.flags & UNCASED_NOTHING and not text[cp_start].isupper():
                    continue  # rule 5, early: "new" is not NEW, "young" not Young
            else:  # offsets are the text's own, and _hits applied rule 5's early check
                cp_start, cp_end = start, end
            if type(key) is Variant:
                # (the hit is as long as its form: compare in place, without a slice)
                if key.exact is not None and not spelled.startswith(key.exact, start):
                    continue
                variant = key
            elif (chosen := key.pick(spelled, start, end)) is not None:
                variant = chosen
            else:
                continue
            flags = variant.flags
            hit = text[cp_start:cp_end]  # one slice for the case, the boundary and the mention
            if flags & CASED:
                cases = variant.cases
                if cases[EVERY_WORD] is None:  # only capitals count (an acronym): no cache call
                    if hit.isupper():
                        resolved = cases[CAPITALS]
                    elif flags & PATTERNS or variant.surname_of:
                        resolved = None
                    else:
                        continue  # "Art" for ART: no rule below can make anything of it
                else:
                    resolved = cases[case_of(hit)]
            else:
                resolved = variant.outcome
            if flags & _CHECKED:  # few forms need these rules: one test passes by the rest
                if flags & CLITIC and not _after_proclitic(folded.words, start):
                    continue
                if flags & ACRONYM and resolved is not None:
                    if rules.code_compound(text, cp_start, cp_end):
                        continue
                    ours = _defined_here(text, last, cp_start, resolved[0])
                    if scan.spelled_out(key, cp_start, cp_end, ours):
                        continue
                if flags & ARTICLED and rules.runs_on(text, cp_end):
                    continue  # "The National Testing Agency" is not The National: rule 5
                if flags & PATTERNS and _patterned(spelled, start, end, variant):
                    taken = end
                    continue
            surname_of = variant.surname_of
            if surname_of and (not variant.surname_cased or text[cp_start].isupper()):
                begin_word = text.rfind(" ", cp_start - 40 if cp_start > 40 else 0, cp_start - 1)
                begin_word += 1
                if cp_start > 2 and (
                    not text[begin_word].islower()
                    or text.find(SEPARATOR, begin_word, cp_start) >= 0
                ):
                    given = rules.given_name_before(text, cp_start)
                    if given is not None and (
                        len(given) > 1 or fold_word(given) not in variant.initials
                    ):
                        refused.add(id(key))  # another person with this surname: rule 6
                        taken = end
                        continue
                if resolved is None and type(surname_of) is tuple and len(surname_of) == 1:
                    if surname_of[0] in seen:  # the common case, without sets
                        resolved = (surname_of, "surname")
                elif seen and (earlier := seen.intersection(surname_of)):
                    resolved = _with_surname(earlier, resolved)
            if resolved is None:
                continue
            if not flags & SPLIT and SEPARATOR in hit:
                continue  # only a person's name may run across a block boundary (rule 2)
            taken = end
            slugs, match = resolved
            if not slugs:  # an exclude phrase: it only takes its span
                continue
            kind = variant.kind if resolved is variant.outcome else kinds[slugs[0]]
            last = cp_end, slugs
            if match == "name" or variant.exact is not None:  # or a multi-word alias
                seen.update(slugs)
            while cp_start >= after:
                number += 1
                begin, after = after, bounds[number]
            if cp_end < after and same:  # the common case: one block, no astral characters
                at, to = cp_start - begin, cp_end - begin
                ambiguous = len(slugs) > 1
                append(
                    new(
                        Mention,
                        (
                            number,
                            at,
                            to,
                            at,
                            to,
                            hit,
                            slugs,
                            kind,
                            match,
                            ambiguous,
                        ),
                    )
                )
                keys.append(key)
                continue
            for piece_start, piece_end in article.pieces(cp_start, cp_end):
                number, begin = article.block_at(piece_start)
                begin16 = to_utf16(begin)
                row = (
                    number,
                    to_utf16(piece_start) - begin16,
                    to_utf16(piece_end) - begin16,
                    piece_start - begin,
                    piece_end - begin,
                    text[piece_start:piece_end],
                    slugs,
                    kind,
                    match,
                    len(slugs) > 1,
                )
                append(new(Mention, row))
                keys.append(key)
            number, begin = article.block_at(cp_start)  # a split one may have moved on a block
            after = bounds[number]
        if refused:
            return [m for m, key in zip(mentions, keys, strict=True) if id(key) not in refused]
        return mentions

    def _hits(self, folded: Folded, text: str) -> list[tuple[int, int, Variant | Choice]]:
        """Every whole-word hit as (start, end, key), leftmost first, longest first."""
        # pyahocorasick reads four-byte characters directly and copies other strings into
        # that form first: a trailing astral character (no name holds one) makes the
        # string four-byte from the start, which scans markedly faster.
        # Every pattern ends in one space (Variant.tail is 1): a hit ends right before it.
        found = self._automaton.iter(f" {folded.words} {_WIDE}")
        if folded.fold_at:
            hits = [(last - key.back, last - 1, key) for last, key in found]
        else:  # offsets are the text's own: drop what needs a capital and lacks it (rule 5)
            hits = [
                (last - key.back, last - 1, key)
                for last, key in found
                if not key.flags & UNCASED_NOTHING or text[last - key.back].isupper()
            ]
        hits.reverse()  # the automaton reports by end: now the longest comes first...
        hits.sort(key=itemgetter(0))  # ...within each start, as this sort is stable
        return hits


def _with_surname(earlier: set[str], base: Resolution | None) -> Resolution | None:
    """Add `earlier`, the people named in full so far whose surname this is (rule 6)."""
    if base is None:
        return tuple(sorted(earlier)), "surname"
    if not base[0]:
        return base
    return tuple(sorted(earlier.union(base[0]))), base[1]


def _patterned(folded: str, start: int, end: int, variant: Variant) -> bool:
    """Whether one of the entity's exclude patterns covers the hit (rule 4)."""
    offset = max(0, start - 100)
    window = folded[offset : end + 100]
    for pattern in variant.patterns:
        for match in pattern.finditer(window):
            if match.start() + offset <= start and match.end() + offset >= end:
                return True
    return False


def _after_proclitic(words: str, start: int) -> bool:
    """Whether an Arabic name starts a word, or follows only proclitics inside it."""
    begin = words.rfind(" ", 0, start) + 1
    return begin == start or words[begin:start] in rules.PROCLITICS


def _dropped(char: str) -> bool:
    return char in IGNORABLE or char.isspace() or char == _Article.SEPARATOR


def _inside_word(text: str, start: int) -> bool:
    """Whether the character before `start` is a combining mark, which joins the word."""
    return start > 0 and unicodedata.category(text[start - 1])[0] == "M"
