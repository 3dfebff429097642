"""Clean names from datasets: parenthesised aliases and qualifiers, media-type prefixes, slugs."""

import re
from dataclasses import dataclass
from functools import lru_cache

from api.profiles.search import fold

LANGUAGES = frozenset(
    {"arabic", "chinese", "english", "french", "german", "japanese", "korean", "persian"}
    | {"portuguese", "russian", "spanish", "turkish"}
)
# "Television: Myawaddy TV" — the prefix says what kind of asset it is.
PREFIX_KINDS: dict[str, str] = {
    "news agency": "news_agency",
    "news portals": "outlet",
    "online": "outlet",
    "print": "outlet",
    "print media": "outlet",
    "radio": "broadcaster",
    "television": "broadcaster",
}
_PREFIX = re.compile(r"^\s*([A-Za-z ]{2,20}):\s*(.+)$")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
# Words that name what a medium is rather than which one: a name made only of these ("Daily
# News", "Government press unit", "Channel 5") is a phrase of running text, not a name.
GENERIC_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "a",
        "de",
        "du",
        "des",
        "del",
        "la",
        "le",
        "el",
        "al",
        "daily",
        "news",
        "new",
        "press",
        "government",
        "state",
        "national",
        "nacional",
        "public",
        "publica",
        "publico",
        "official",
        "radio",
        "television",
        "televisión",
        "tv",
        "channel",
        "canal",
        "fm",
        "agency",
        "service",
        "unit",
        "department",
        "office",
        "media",
        "broadcasting",
        "corporation",
        "company",
        "group",
        "times",
        "post",
        "herald",
        "gazette",
        "journal",
        "online",
        "network",
        "info",
        "information",
        "world",
        "international",
        "today",
        "nation",
        "voice",
        "diario",
        "prensa",
        "noticias",
        "gobierno",
    ]
)
SHORT_WORD = 4  # a one-word name this short, written like a word ("Mir", "Star"), is too plain
_BROADCAST = re.compile(r"\b(tv|radio|television|televisi\w*|broadcast\w*|fm|channel)\b", re.I)
_AGENCY = re.compile(r"\b(news agency|agency|agence|agencia|agenzia|press agency)\b", re.I)


@dataclass(frozen=True, slots=True)
class CleanName:
    """A name as a profile takes it, and what the cleaning did to the raw text."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # from a media-type prefix
    notes: tuple[str, ...] = ()  # what was dropped or changed, for the report


def _is_qualifier(inner: str) -> bool:
    """Tell a part that tells outlets apart ("English", "UK edition", "Control of …")."""
    words = inner.casefold().split()
    return bool(words) and (
        inner.casefold() in LANGUAGES or "edition" in words or words[0] == "control"
    )


def clean_name(raw: str) -> CleanName:
    """Split a raw dataset name into a name, aliases and a kind.

    `X (ABC)` gives alias `ABC`; a qualifier such as `(English)` or `(UK edition)` stays in the
    name; a lower-case remark such as `(subsidiary of …)` is dropped and reported; an unclosed
    parenthesis drops the rest; a trailing `*` is removed.
    """
    text = " ".join(raw.replace("\u00a0", " ").split()).rstrip("*").strip()
    notes: list[str] = []
    kind = None
    if (m := _PREFIX.match(text)) and m.group(1).strip().casefold() in PREFIX_KINDS:
        kind = PREFIX_KINDS[m.group(1).strip().casefold()]
        text = m.group(2).strip()
    aliases: list[str] = []
    kept: list[str] = []
    for inner in _PAREN.findall(text):
        inner = inner.strip()
        if not inner:
            continue
        if _is_qualifier(inner):
            kept.append(inner)
        elif inner[0].islower():
            notes.append(f"remark '({inner})' left out of the name")
        else:
            aliases.append(inner)
    base = _PAREN.sub("", text).strip()
    if "(" in base:
        notes.append(f"unclosed parenthesis: '{base[base.index('(') :]}' left out")
        base = base[: base.index("(")].strip()
    name = base + "".join(f" ({q})" for q in kept)
    aliases = [a for a in dict.fromkeys(aliases) if name_key(a) != name_key(name)]
    return CleanName(name or text, tuple(aliases), kind, tuple(notes))


def too_plain(name: str) -> bool:
    """Tell a name that would be found in running text as ordinary words: only generic media
    words and numbers ("Daily News", "Channel 5"), or one short word ("Mir", "Star")."""
    words = name_key(name).split()
    if words and all(w in GENERIC_WORDS or w.isdigit() for w in words):
        return True
    word_like = name[:1].isupper() and name[1:].islower()
    return " " not in name and len(name) <= SHORT_WORD and word_like


def guess_kind(name: str) -> str:
    """Guess an outlet's kind from its name: news agency, broadcaster, or outlet."""
    if _AGENCY.search(name):
        return "news_agency"
    if _BROADCAST.search(name):
        return "broadcaster"
    return "outlet"


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Fold a name for matching: accents, case and punctuation do not count."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text).replace("'", "").replace("’", "")).split())


def slugify(text: str) -> str:
    """Return a slug for `text` (ASCII letters and digits joined by hyphens), maybe empty."""
    ascii_text = fold(text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.replace("'", "").replace("’", "")))[:80]
