"""Find profiled people and organizations in article text with one Aho-Corasick automaton."""

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import Any, Literal

import ahocorasick

from api.annotate.folding import Folded, fold, utf16_offsets

EntityType = Literal["person", "organization"]
MentionKind = Literal["person", "organization", "cited_outlet"]
MatchType = Literal["name", "alias", "surname"]

CITED_OUTLET_KINDS = frozenset({"outlet", "news_agency", "broadcaster"})
ACRONYM_MAX_LENGTH = 5
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class NameEntry:
    """The names of one profiled entity, as the service feeds them to the matcher."""

    slug: str
    entity_type: EntityType
    kind: str  # the organization's kind, or "person"
    name: str
    aliases: tuple[str, ...]
    exclude: tuple[str, ...] = ()  # phrases that contain a name but are not this entity
    match_surname: bool = True  # a person's bare surname counts once the full name appeared


@dataclass(frozen=True, slots=True)
class Mention:
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


Resolution = tuple[tuple[str, ...], MatchType]  # sorted slugs (none: an exclude phrase), match
Role = Literal["name", "alias", "surname", "exclude"]
_EXCLUDED: Resolution = ((), "name")
_NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Variant:
    """Everything one folded form stands for, with its outcomes worked out in advance."""

    size: int  # length of the folded form
    exact: str | None  # the folded form, to check punctuation inside multi-word patterns
    surname_of: frozenset[str]  # people whose surname this is
    upper: Resolution | None  # the outcome when the text is in capitals, before surnames
    lower: Resolution | None  # the outcome otherwise: short all-capital acronyms drop out

    def pick(self, folded: str, start: int, end: int) -> "_Variant | None":
        """Return this variant if the text at `start:end` is spelled as it is."""
        return self if self.exact is None or folded[start:end] == self.exact else None

    def resolve(self, text: str, seen: set[str]) -> Resolution | None:
        """The outcome of a hit on `text`, given the people named in full so far."""
        base = self.upper if text.isupper() else self.lower
        if not self.surname_of or self.surname_of.isdisjoint(seen):
            return base
        earlier = self.surname_of.intersection(seen)
        if base is None:
            return tuple(sorted(earlier)), "surname"
        if not base[0]:
            return base
        return tuple(sorted(earlier.union(base[0]))), base[1]


@dataclass(frozen=True, slots=True)
class _Choice:
    """Several folded forms with the same word skeleton ("AT&T", "AT-T")."""

    size: int
    variants: tuple[_Variant, ...]

    def pick(self, folded: str, start: int, end: int) -> _Variant | None:
        """Return the variant spelled exactly as the text at `start:end`, if any."""
        return next((v for v in self.variants if v.pick(folded, start, end)), None)


class _Builder:
    """Collects every folded form and what it stands for, then builds the automaton."""

    def __init__(self) -> None:
        # exact folded form → (its word skeleton, [(role, slug, is a short acronym), ...])
        self.forms: dict[str, tuple[str, list[tuple[Role, str, bool]]]] = {}
        self.kinds: dict[str, MentionKind] = {}
        self._outcomes: dict[Resolution, Resolution] = {}  # shares equal outcomes
        self._folded: dict[str, tuple[str, str] | None] = {}  # search forms met so far

    def add(self, entry: NameEntry) -> None:
        self.kinds[entry.slug] = _mention_kind(entry)
        self._add(entry.name, "name", entry.slug)
        for alias in entry.aliases:
            self._add(alias, "alias", entry.slug)
        for phrase in entry.exclude:
            self._add(phrase, "exclude", entry.slug)
        if entry.entity_type == "person" and entry.match_surname:
            for full in (entry.name, *entry.aliases):
                if surname := _surname(full):
                    self._add(surname, "surname", entry.slug)

    def automaton(self) -> Any:
        grouped: dict[str, list[_Variant]] = {}
        for exact, (words, roles) in self.forms.items():
            grouped.setdefault(words, []).append(self._variant(exact, words, roles))
        automaton = ahocorasick.Automaton()
        for words, variants in grouped.items():
            variants.sort(key=lambda variant: variant.exact is None)  # exact spellings first
            payload = variants[0] if len(variants) == 1 else _Choice(len(words), tuple(variants))
            automaton.add_word(f" {words} ", payload)
        automaton.make_automaton()
        return automaton

    def _add(self, text: str, role: Role, slug: str) -> None:
        if text not in self._folded:
            self._folded[text] = _search_form(text)
        found = self._folded[text]
        if found is None:
            return
        exact, words = found
        stripped = text.strip()
        acronym = len(stripped) <= ACRONYM_MAX_LENGTH and stripped.isupper()
        if exact not in self.forms:
            self.forms[exact] = (words, [])
        self.forms[exact][1].append((role, slug, acronym))

    def _variant(self, exact: str, words: str, roles: list[tuple[Role, str, bool]]) -> _Variant:
        targets: dict[str, tuple[bool, bool]] = {}  # slug → (by its name, only in capitals)
        for role, slug, acronym in roles:
            if role in ("name", "alias"):
                named, capitals = targets.get(slug, (False, True))
                targets[slug] = (named or role == "name", capitals and acronym)
        surname_of = frozenset(slug for role, slug, _ in roles if role == "surname") or _NOBODY
        excluded = any(role == "exclude" for role, _, _ in roles)
        upper = self._outcome(targets, excluded)
        lower = upper
        if any(capitals for _, capitals in targets.values()):
            cased = {slug: t for slug, t in targets.items() if not t[1]}
            lower = self._outcome(cased, excluded)
        # Multi-word names must be spelled as profiled ("Sputnik Türkiye", not "Sputnik.
        # Türkiye"); an exclude phrase counts with any punctuation ("Sputnik-V").
        spelled = exact if " " in words and targets else None
        return _Variant(len(words), spelled, surname_of, upper, lower)

    def _outcome(self, targets: dict[str, tuple[bool, bool]], excluded: bool) -> Resolution | None:
        if not targets:
            return _EXCLUDED if excluded else None
        match: MatchType = "name" if any(named for named, _ in targets.values()) else "alias"
        outcome = (tuple(sorted(targets)), match)
        return self._outcomes.setdefault(outcome, outcome)


def _search_form(text: str) -> tuple[str, str] | None:
    """The folded form of a name, trimmed of outer punctuation, and its word skeleton."""
    folded = fold(" ".join(text.split()))
    words = folded.words.strip()
    if not words:
        return None
    lead = len(folded.words) - len(folded.words.lstrip())
    return folded.text[lead : lead + len(words)], words


def _mention_kind(entry: NameEntry) -> MentionKind:
    """Say how a mention of this entity is reported: person, cited outlet or organization."""
    if entry.entity_type == "person":
        return "person"
    return "cited_outlet" if entry.kind in CITED_OUTLET_KINDS else "organization"


def _surname(name: str) -> str | None:
    """The last word of a multi-word name, skipping suffixes like "Jr."."""
    words = name.split()
    while words and words[-1].casefold().strip(",") in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if len(words) >= 2 else None


def _inside_word(text: str, start: int) -> bool:
    """Whether the character before `start` is a combining mark, which joins the word."""
    return start > 0 and unicodedata.category(text[start - 1])[0] == "M"


class _Article:
    """The blocks joined into one text, searched in one pass."""

    # Not whitespace: no multi-word name spelled with a space can run across two blocks.
    SEPARATOR = "\x00"

    def __init__(self, blocks: Sequence[str]) -> None:
        self.text = self.SEPARATOR.join(blocks)
        self.starts = list(accumulate((len(block) + 1 for block in blocks[:-1]), initial=0))
        self.lengths = [len(block) for block in blocks]

    def block_at(self, offset: int) -> tuple[int, int]:
        """The number of the block holding `offset`, and where that block begins."""
        number = bisect_right(self.starts, offset) - 1
        return number, self.starts[number]

    def splits(self, start: int, end: int) -> bool:
        """Whether the span runs across a block boundary."""
        number, begin = self.block_at(start)
        return end > begin + self.lengths[number]


class Matcher:
    """Finds every profiled name in an article's blocks; built once, then read-only."""

    __slots__ = ("_automaton", "_kinds")

    def __init__(self, automaton: Any, kinds: dict[str, MentionKind]) -> None:
        self._automaton = automaton
        self._kinds = kinds

    @classmethod
    def build(cls, entries: Iterable[NameEntry]) -> "Matcher":
        """Build the automaton over every name, alias, exclude phrase and surname."""
        builder = _Builder()
        for entry in entries:
            builder.add(entry)
        return cls(builder.automaton(), builder.kinds)

    def __len__(self) -> int:
        """Return the number of patterns in the automaton."""
        return len(self._automaton)

    def annotate(self, blocks: Sequence[str]) -> list[Mention]:
        """Return every mention in the blocks, in reading order."""
        if len(self._automaton) == 0:  # nothing published yet: the automaton cannot search
            return []
        article = _Article(blocks)
        return self._mentions(article, self._find(article))

    def _find(self, article: _Article) -> list[tuple[int, int, Resolution]]:
        """Pick the hits that count, leftmost-longest, as code-point spans of the article."""
        text, folded = article.text, fold(article.text)
        seen: set[str] = set()  # people named in full so far: their surnames now count
        found: list[tuple[int, int, Resolution]] = []
        taken = 0  # folded offset up to which the text is spoken for
        for start, end, key in self._hits(folded):
            if start < taken:
                continue
            variant = key.pick(folded.text, start, end)
            if variant is None:
                continue
            cp_start, cp_end = folded.span(start, end)
            resolved = variant.resolve(text[cp_start:cp_end], seen)
            if resolved is None or article.splits(cp_start, cp_end):
                continue
            if folded.fold_at and _inside_word(text, cp_start):
                continue
            taken = end
            if resolved[0]:
                found.append((cp_start, cp_end, resolved))
                if resolved[1] == "name" or variant.exact is not None:  # or multi-word alias
                    seen.update(resolved[0])
        return found

    def _hits(self, folded: Folded) -> list[tuple[int, int, _Variant | _Choice]]:
        """Every whole-word hit as (start, end, key), leftmost first, longest first."""
        hits = [
            (last - key.size - 1, last - 1, key)
            for last, key in self._automaton.iter(f" {folded.words} ")
        ]
        hits.reverse()  # the automaton reports by end: now the longest comes first...
        hits.sort(key=itemgetter(0))  # ...within each start, as this sort is stable
        return hits

    def _mentions(
        self, article: _Article, found: list[tuple[int, int, Resolution]]
    ) -> list[Mention]:
        to_utf16 = utf16_offsets(article.text)
        mentions = []
        for cp_start, cp_end, (slugs, match) in found:
            number, begin = article.block_at(cp_start)
            begin16 = to_utf16(begin)
            mentions.append(
                Mention(
                    number,
                    to_utf16(cp_start) - begin16,
                    to_utf16(cp_end) - begin16,
                    cp_start - begin,
                    cp_end - begin,
                    article.text[cp_start:cp_end],
                    slugs,
                    self._kinds[slugs[0]],
                    match,
                    len(slugs) > 1,
                )
            )
        return mentions
