"""The matching rules that are data rather than code: word lists, scripts and their boundaries.

Everything the matcher decides from the text around a hit is listed here, so that a port of
the engine (the extension's local matcher) can follow the same rules.
"""

import re
from functools import lru_cache

import pycountry

from api.annotate import inflection
from api.annotate.folding import fold, fold_word

# The case a form must appear in (see `needs`): a one-word form of at most ACRONYM_MAX_LENGTH
# letters spelled in capitals (RT, TASS) needs capitals; an organization's multi-word form with
# every word capitalised (Le Monde, Global Times) needs every word capitalised ("le monde" and
# "Russia today" are words, not outlets), and one with only its first word capitalised
# (Первый канал) needs that capital; any other one-word form spelled with a capital initial
# (Tass, Sputnik, Putin) needs one. People's multi-word names match in any case. Text in
# capitals satisfies all of them.
ACRONYM_MAX_LENGTH = 5
ANY_CASE, CAPITAL, EVERY_WORD, CAPITALS = 0, 1, 2, 3
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# Hyphens that join a short acronym to another code: "RT-PCR" and "PCR-RT" are not RT, while
# "RT-backed" is (the other part is a lower-case word).
HYPHENS = frozenset("-‐‑")

# Scripts written without spaces (Chinese, Japanese) are folded one word per character (see
# folding.UNSPACED), so their names need nothing here. Arabic attaches proclitics before a
# name (wa-, fa-, bi-, li-, ka-): only they may precede it inside the word.
PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})

# Words that may stand before a surname without making it another person's full name.
TITLES = frozenset(
    fold(word).text
    for word in [
        "Presidents",
        "Ministers",
        "Leaders",
        "Senators",
        "Generals",
        "Messrs",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
        "Prof",
        "Professor",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Premier",
        "Chancellor",
        "Secretary",
        "General",
        "Gen",
        "Colonel",
        "Col",
        "Major",
        "Captain",
        "Admiral",
        "Senator",
        "Sen",
        "Rep",
        "Representative",
        "Governor",
        "Gov",
        "Mayor",
        "Judge",
        "Justice",
        "Ambassador",
        "Envoy",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Deputy",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Director",
        "Editor",
        "Analyst",
        "Expert",
        "Commentator",
        "Columnist",
        "Correspondent",
        "Reporter",
        "Journalist",
        "Pope",
        "Father",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Sheikh",
        "Emir",
        "Imam",
        "Ayatollah",
        "Saint",
        "St",
        "Herr",
        "Frau",
        "Monsieur",
        "Madame",
        "Mademoiselle",
        "M",
        "Mme",
        "Mlle",
        "Président",
        "Présidente",
        "Ministre",
        "Bay",
        "Bayan",
        "Sayın",
        "Cumhurbaşkanı",
        "Bakan",
        "Başbakan",
        "Dışişleri",
        "Президент",
        "Премьер",
        "Министр",
        "Глава",
        "Господин",
        "Госпожа",
        "Генерал",
        "Посол",
        "Пресс-секретарь",
        "Спикер",
        "Эксперт",
        "Политолог",
        "Аналитик",
        "Журналист",
    ]
)
# Capitalised words that open sentences and may be followed by a bare surname.
SENTENCE_STARTERS = frozenset(
    fold(word).text
    for word in [
        "When",
        "Then",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "Also",
        "Still",
        "Now",
        "Later",
        "Earlier",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Meanwhile",
        "However",
        "Moreover",
        "Indeed",
        "Instead",
        "Only",
        "Even",
        "If",
        "As",
        "After",
        "Before",
        "While",
        "Though",
        "Although",
        "Because",
        "Since",
        "Here",
        "There",
        "This",
        "That",
        "These",
        "Those",
        "Why",
        "What",
        "How",
        "Where",
        "Who",
        "Whom",
        "Asked",
        "Ask",
        "Like",
        "Unlike",
        "For",
        "With",
        "Without",
        "By",
        "From",
        "In",
        "On",
        "At",
        "To",
        "Of",
        "Under",
        "Over",
        "Against",
        "Nor",
        "Thus",
        "Hence",
        "Otherwise",
        "Perhaps",
        "Maybe",
        "Last",
        "Next",
        "Every",
        "Each",
        "Both",
        "Neither",
        "Either",
        "Quand",
        "Mais",
        "Et",
        "Ou",
        "Puis",
        "Selon",
        "Pour",
        "Avec",
        "Sans",
        "Depuis",
        "Hier",
        "Aujourd",
        "Ensuite",
        "Ainsi",
        "Ama",
        "Fakat",
        "Ve",
        "Ancak",
        "Bugün",
        "Dün",
        "Sonra",
        "Daha",
        "Göre",
        "Için",
        "Но",
        "И",
        "А",
        "Когда",
        "Тогда",
        "Также",
        "Однако",
        "Сегодня",
        "Вчера",
        "Затем",
        "Потом",
        "После",
        "Как",
        "Где",
        "Если",
        "Позже",
        "Ранее",
        "Теперь",
        "Кроме",
        "Впрочем",
        "Между",
        "По",
        "В",
        "На",
        "С",
        "Из",
        "За",
        "Для",
        "При",
        "О",
        "Об",
        "Это",
        "Там",
        "Здесь",
        "Уже",
        "Ещё",
        "Даже",
        "Лишь",
        "Только",
        "Поэтому",
        "Именно",
        "Кстати",
        "Сам",
        "Сама",
    ]
)


def arabic_start(words: str) -> bool:
    """Whether a name begins with an Arabic letter: proclitics may then come before it."""
    return "\u0600" <= words[:1] <= "\u077f"  # the Arabic block and its supplement


def cased(text: str) -> bool:
    """Whether the first letter of `text` has an upper and a lower case."""
    first = text[:1]
    return first.upper() != first.lower()


# Parts of a name for the case rule: words, and the pieces of "L'Economiste" or "ITAR-TASS";
# a lone lower-case letter ("People's") does not count.
_PARTS = re.compile(r"[\s\-‐'’]+")
_JOINED = re.compile(r"[\-‐'’]")


def _capitalised(parts: list[str]) -> bool:
    return all(p[:1].isupper() for p in parts if cased(p) and (len(p) > 1 or not p.islower()))


def needs(form: str, organization: bool) -> int:
    """The case a form must appear in: ANY_CASE, CAPITAL, EVERY_WORD or CAPITALS."""
    words = form.split()
    if not words or not cased(words[0]):
        return ANY_CASE
    if len(words) == 1 and len(words[0]) <= ACRONYM_MAX_LENGTH and words[0].isupper():
        return CAPITALS
    if len(words) == 1 and not _JOINED.search(form):
        return CAPITAL if words[0][0].isupper() else ANY_CASE
    parts = _PARTS.split(form.strip())
    if len(words) > 1 and (not organization or not words[0][:1].isupper()):
        return ANY_CASE  # people's full names match in any case
    if organization and len(parts) > 1 and _capitalised(parts):
        return EVERY_WORD
    return CAPITAL if words[0][0].isupper() else ANY_CASE


@lru_cache(maxsize=16384)  # names recur from article to article
def case_of(hit: str) -> int:
    """The strictest case need that `hit` satisfies."""
    if hit.isupper():
        return CAPITALS
    if not hit[:1].isupper():
        return ANY_CASE
    return EVERY_WORD if _capitalised(_PARTS.split(hit)) else CAPITAL


def code_compound(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is joined by a hyphen to a code ("RT-PCR", "COVID-RT")."""
    if end + 1 < len(text) and text[end] in HYPHENS and _code_at(text, end + 1, 1):
        return True
    return start >= 2 and text[start - 1] in HYPHENS and _code_at(text, start - 2, -1)


def _code_at(text: str, i: int, step: int) -> bool:
    """Whether the word that begins (step 1) or ends (step -1) at `i` holds a capital or digit."""
    found = False
    while 0 <= i < len(text) and text[i].isalnum():
        found = found or text[i].isupper() or text[i].isdigit()
        i += step
    return found


def in_parentheses(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` stands alone in parentheses, as an acronym is defined."""
    return start > 0 and text[start - 1] == "(" and text[end : end + 1] == ")"


def given_name_before(text: str, start: int) -> str | None:
    """The capitalised word right before `start` that reads as a given name, if any.

    It is one space away, begins with a capital and goes on in lower case, and is neither a
    title ("President") nor a word that often opens a sentence ("Yesterday"). An initial
    ("A.") is returned as its letter.
    """
    if start < 3 or text[start - 1] != " ":
        return None
    low = max(0, start - 40)
    begin = max(text.rfind(" ", low, start - 1), text.rfind("\x00", low, start - 1)) + 1
    word = text[begin : start - 1].lstrip("(«\"“„'‘[")
    if not word[:1].isupper():
        return None
    if len(word) == 2 and word[1] == ".":
        return word[0]
    if not word[1:].islower() or not word.isalpha():
        return None
    folded = fold_word(word)
    if folded in TITLES or folded in SENTENCE_STARTERS:
        return None
    if inflection.is_cyrillic(word) and not inflection.is_given_name(word):
        return None  # Russian capitalises any word that opens a sentence: ask the dictionary
    return word


def pattern(phrase: str) -> re.Pattern[str] | None:
    """An exclude entry with `*` (any one word) or `#` (a number) tokens, as a regex over the
    folded text; None for a plain phrase."""
    tokens = fold(" ".join(phrase.split())).text.split(" ")
    if not any(token in ("*", "#") for token in tokens):
        return None
    parts = [r"\w+" if t == "*" else r"\d+" if t == "#" else re.escape(t) for t in tokens]
    return re.compile(r"(?<!\w)" + " ".join(parts) + r"(?!\w)")


# Words that open a name as an article does ("The National", "Le Monde"): such a name that
# runs on into more capitalised words is part of a longer one ("The National Testing Agency").
ARTICLES = frozenset(["the", "le", "la", "les", "l", "el", "al", "il", "der", "die", "das", "het"])


def runs_on(text: str, end: int) -> bool:
    """Whether a capitalised word follows `end` after one space."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()


def _countries() -> frozenset[str]:
    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                names.add(" ".join(fold(value).words.split()))
    return frozenset(names)


# An organization named after a country ("Türkiye", a newspaper) is not found by that name
# alone: the word names the country. Its other names still match.
COUNTRIES = _countries()

_EXPANSION_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset(
    [
        "of",
        "and",
        "for",
        "the",
        "de",
        "du",
        "des",
        "la",
        "le",
        "el",
        "al",
        "on",
        "in",
        "to",
        "und",
        "für",
    ]
)


def expansion_before(text: str, start: int, acronym: str) -> bool:
    """Whether the words before "(ACRONYM)" spell it out: "National Testing Agency (NTA)"."""
    letters = fold(acronym).text
    words = _EXPANSION_WORD.findall(text[max(0, start - 200) : start - 1])
    initials = ""
    while words and len(initials) < len(letters):
        word = words.pop()
        if fold(word).text in _SMALL_WORDS:
            continue
        initials = fold(word[0]).text + initials
    return initials == letters
