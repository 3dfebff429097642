"""Turn profiled names into the matcher's automaton: every folded form and what it stands for."""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import ahocorasick

from api.annotate import inflection, rules
from api.annotate.folding import fold

EntityType = Literal["person", "organization"]
MentionKind = Literal["person", "organization", "cited_outlet"]
MatchType = Literal["name", "alias", "surname"]
Role = Literal["name", "alias", "surname", "exclude"]
Resolution = tuple[tuple[str, ...], MatchType]  # sorted slugs (none: an exclude phrase), match

CITED_OUTLET_KINDS = frozenset({"outlet", "news_agency", "broadcaster"})
EXCLUDED: Resolution = ((), "name")
_NOBODY: tuple[str, ...] = ()
_NO_CASES: tuple[Resolution | None, ...] = (None, None, None, None)
# A surname shared by this many people or more keeps them in a frozenset rather than a
# tuple: the matcher meets such a surname on nearly every mention of any of them, and a set
# operation between the article's few people named so far and a frozenset walks the few,
# where one with a tuple walks and hashes every owner (up to some 180 in the benchmark).
_MANY_OWNERS = 8

# What a variant asks the matcher to check around a hit (bit flags).
ACRONYM = 1  # a short acronym: not inside a code compound, and maybe redefined in the article
PATTERNS = 2  # some of its entities have exclude patterns
CLITIC = 4  # Arabic: only proclitics may precede it inside the word
SPLIT = 8  # a person's multi-word name: it may run across a block boundary
CASED = 16  # its outcome depends on the case of the text
UNCASED_NOTHING = 32  # a hit that does not begin with a capital yields nothing at all
ARTICLED = 64  # an organization's name opening with an article: it may not run on


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


@dataclass(slots=True)  # not frozen, for a fast __init__: never changed once built
class Variant:
    """Everything one folded form stands for, with its outcomes worked out in advance."""

    # The fields a hit reads first come first, to share the object's first cache line.
    back: int  # a hit ending at automaton index `last` starts at `last - back`...
    flags: int
    exact: str | None  # the folded form, to check punctuation inside multi-word names
    # `cases[CAPITALS]`, the outcome when the case does not matter, and how its first entity
    # is reported, held here so that a hit reaches fewer objects scattered in memory
    outcome: Resolution | None
    kind: MentionKind | None
    # people whose surname this is: a tuple (lighter), or a frozenset when many (_MANY_OWNERS)
    surname_of: tuple[str, ...] | frozenset[str]
    cases: tuple[Resolution | None, ...]  # the outcome by rules.case_of(text), before surnames
    surname_cased: bool  # the surname must begin with a capital
    initials: str  # the (folded) initials of the given names of `surname_of`, run together
    patterns: tuple[re.Pattern[str], ...]
    tail: int = 1  # ...and ends at `last - tail` (both in the folded text): always one space

    def pick(self, folded: str, start: int, end: int) -> "Variant | None":
        """Return this variant if the text at `start:end` is spelled as it is."""
        return self if self.exact is None or folded[start:end] == self.exact else None

    def base(self, text: str) -> Resolution | None:
        """The outcome of a hit on `text` by its names alone."""
        return self.cases[rules.case_of(text) if self.flags & CASED else rules.CAPITALS]


@dataclass(slots=True)
class Choice:
    """Several folded forms with the same word skeleton ("AT&T", "AT-T")."""

    back: int
    tail: int
    flags: int
    variants: tuple[Variant, ...]

    def pick(self, folded: str, start: int, end: int) -> Variant | None:
        """Return the variant spelled exactly as the text at `start:end`, if any."""
        return next((v for v in self.variants if v.pick(folded, start, end)), None)


@dataclass
class _Form:
    words: str
    roles: list[tuple[Role, str, int]]  # (role, slug, the case it needs: see rules.needs)


class Builder:
    """Collects every folded form and what it stands for, then builds the automaton."""

    def __init__(self) -> None:
        self.forms: dict[str, _Form] = {}  # exact folded form → its skeleton and roles
        self.kinds: dict[str, MentionKind] = {}
        self.people: set[str] = set()
        self._patterns: dict[str, list[re.Pattern[str]]] = {}
        self._initials: dict[str, str] = {}  # person → initials of the given names
        self._shared: dict[str, str] = {}  # equal strings of initials, stored once
        self._outcomes: dict[Resolution, Resolution] = {}  # shares equal outcomes
        self._folded: dict[str, tuple[str, str] | tuple[()]] = {}  # search forms met so far

    def add(self, entry: NameEntry) -> None:
        self.kinds[entry.slug] = mention_kind(entry)
        person = entry.entity_type == "person"
        inflect = inflection.person_forms if person else inflection.organization_forms
        for role, forms in (("name", (entry.name,)), ("alias", entry.aliases)):
            for form in forms:
                if self._add(form, role, entry.slug, not person):  # type: ignore[arg-type]
                    for inflected in inflect(form):
                        self._add(inflected, role, entry.slug)  # type: ignore[arg-type]
        for phrase in entry.exclude:
            if (compiled := rules.pattern(phrase)) is not None:
                self._patterns.setdefault(entry.slug, []).append(compiled)
            else:
                self._add(phrase, "exclude", entry.slug)
        if not person:
            return
        self.people.add(entry.slug)
        if entry.match_surname:
            for full in (entry.name, *entry.aliases):
                for form in (full, *inflection.person_forms(full)):
                    if surname := _surname(form):
                        self._add(surname, "surname", entry.slug)
                        initial, known = _initial(form[0]), self._initials.get(entry.slug, "")
                        if initial not in known:
                            self._initials[entry.slug] = known + initial

    def automaton(self) -> Any:
        grouped: dict[str, list[Variant]] = {}
        for exact, form in self.forms.items():
            grouped.setdefault(form.words, []).append(self._variant(exact, form))
        automaton = ahocorasick.Automaton()
        for words, variants in grouped.items():
            variants.sort(key=lambda variant: variant.exact is None)  # exact spellings first
            first = variants[0]
            payload: Variant | Choice = first
            if len(variants) > 1:
                flags = 0
                for variant in variants:
                    flags |= variant.flags
                if not all(variant.flags & UNCASED_NOTHING for variant in variants):
                    flags &= ~UNCASED_NOTHING
                payload = Choice(first.back, first.tail, flags, tuple(variants))
            lead = "" if rules.arabic_start(words) else " "
            automaton.add_word(f"{lead}{words} ", payload)
        automaton.make_automaton()
        return automaton

    def _add(self, text: str, role: Role, slug: str, no_country: bool = False) -> bool:
        """Add one form; return whether it was added (`no_country`: unless it names a
        country, see rules.COUNTRIES)."""
        found = self._folded.get(text)
        if found is None:
            found = self._folded[text] = _search_form(text)
        if not found:
            return False
        exact, words = found
        if no_country and words in rules.COUNTRIES:
            return False
        form = self.forms.get(exact)
        if form is None:
            form = self.forms[exact] = _Form(words, [])
        organization = self.kinds[slug] != "person"
        form.roles.append((role, slug, rules.needs(text, organization)))
        return True

    def _variant(self, exact: str, form: _Form) -> Variant:
        words, roles = form.words, form.roles
        if len(roles) == 1 and roles[0][0] != "exclude" and not self._patterns:
            return self._single(exact, words, *roles[0])
        targets: dict[str, tuple[bool, int]] = {}  # slug → (by its name, the case it needs)
        for role, slug, need in roles:
            if role in ("name", "alias"):
                named, needed = targets.get(slug, (False, rules.CAPITALS))
                targets[slug] = (named or role == "name", min(needed, need))
        surnames = [(slug, need) for role, slug, need in roles if role == "surname"]
        owners = tuple(sorted({slug for slug, _ in surnames})) or _NOBODY
        surname_of = owners if len(owners) < _MANY_OWNERS else frozenset(owners)
        excluded = any(role == "exclude" for role, _, _ in roles)
        cases = tuple(self._outcome(targets, excluded, case) for case in range(4))
        flags = CASED if len(set(cases)) > 1 else 0
        if cases[rules.ANY_CASE] is None and all(need > 0 for _, need in surnames):
            flags |= UNCASED_NOTHING
        if any(need == rules.CAPITALS for role, _, need in roles if role != "surname"):
            flags |= ACRONYM
        patterns = tuple(p for slug in (*targets, *owners) for p in self._patterns.get(slug, ()))
        flags |= PATTERNS if patterns else 0
        flags |= CLITIC if rules.arabic_start(words) else 0
        if " " in words and targets and all(slug in self.people for slug in targets):
            flags |= SPLIT
        if words.split(" ", 1)[0] in rules.ARTICLES and any(
            n == rules.EVERY_WORD for _, _, n in roles
        ):
            flags |= ARTICLED
        # Multi-word names must be spelled as profiled ("Sputnik Türkiye", not "Sputnik.
        # Türkiye"); an exclude phrase counts with any punctuation ("Sputnik-V").
        spelled = exact if " " in words and targets else None
        initials = "".join(sorted({i for slug in owners for i in self._initials.get(slug, "")}))
        initials = self._shared.setdefault(initials, initials)
        return Variant(
            back=len(words) + 1,
            flags=flags,
            exact=spelled,
            outcome=cases[rules.CAPITALS],
            kind=self._kind(cases[rules.CAPITALS]),
            surname_of=surname_of,
            cases=cases,
            surname_cased=any(need > 0 for _, need in surnames),
            initials=initials,
            patterns=patterns,
        )

    def _kind(self, outcome: Resolution | None) -> MentionKind | None:
        """How the first entity of an outcome is reported (none for nobody)."""
        return self.kinds[outcome[0][0]] if outcome is not None and outcome[0] else None

    def _single(self, exact: str, words: str, role: Role, slug: str, need: int) -> Variant:
        """The common case, quickly: one role of one entity, and no exclude patterns."""
        spaced = " " in words
        if role == "surname":
            surname_of = (slug,)
            initials = self._initials.get(slug, "")
            initials = self._shared.setdefault(initials, initials)
            flags = CLITIC if rules.arabic_start(words) else 0
            flags |= UNCASED_NOTHING if need > 0 else 0
            return Variant(
                back=len(words) + 1,
                flags=flags,
                exact=None,
                outcome=None,
                kind=None,
                surname_of=surname_of,
                cases=_NO_CASES,
                surname_cased=need > 0,
                initials=initials,
                patterns=(),
            )
        outcome = self._outcomes.setdefault(((slug,), role), ((slug,), role))  # type: ignore[arg-type]
        cases = tuple(outcome if need <= case else None for case in range(4))
        flags = (CASED | UNCASED_NOTHING if need else 0) | (
            ACRONYM if need == rules.CAPITALS else 0
        )
        flags |= CLITIC if rules.arabic_start(words) else 0
        flags |= SPLIT if spaced and slug in self.people else 0
        if need == rules.EVERY_WORD and words.split(" ", 1)[0] in rules.ARTICLES:
            flags |= ARTICLED
        return Variant(
            back=len(words) + 1,
            flags=flags,
            exact=exact if spaced else None,
            outcome=cases[rules.CAPITALS],
            kind=self._kind(cases[rules.CAPITALS]),
            surname_of=_NOBODY,
            cases=cases,
            surname_cased=False,
            initials="",
            patterns=(),
        )

    def _outcome(
        self, targets: dict[str, tuple[bool, int]], excluded: bool, case: int
    ) -> Resolution | None:
        allowed = {slug: named for slug, (named, need) in targets.items() if need <= case}
        if not allowed:
            return EXCLUDED if excluded else None
        match: MatchType = "name" if any(allowed.values()) else "alias"
        outcome = (tuple(sorted(allowed)), match)
        return self._outcomes.setdefault(outcome, outcome)


def _search_form(text: str) -> tuple[str, str] | tuple[()]:
    """The folded form of a name, trimmed of outer punctuation, and its word skeleton."""
    folded = fold(" ".join(text.split()))
    words = folded.words.strip()
    if not words:
        return ()
    lead = len(folded.words) - len(folded.words.lstrip())
    return folded.text[lead : lead + len(words)], words


@lru_cache(maxsize=4096)
def _initial(letter: str) -> str:
    return fold(letter).text


def mention_kind(entry: NameEntry) -> MentionKind:
    """Say how a mention of this entity is reported: person, cited outlet or organization."""
    if entry.entity_type == "person":
        return "person"
    return "cited_outlet" if entry.kind in CITED_OUTLET_KINDS else "organization"


def _surname(name: str) -> str | None:
    """The last word of a multi-word name, skipping suffixes like "Jr."."""
    words = name.split()
    while words and words[-1].casefold().strip(",") in rules.NAME_SUFFIXES:
        words.pop()
    return words[-1] if len(words) >= 2 else None
