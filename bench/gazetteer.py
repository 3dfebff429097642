"""Deterministic synthetic gazetteer and articles for the engine benchmark."""

# ruff: noqa: SIM905 - the word lists read better as prose than as list literals

import random
from dataclasses import dataclass

from api.annotate.matcher import NameEntry

SYLLABLES = (
    "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta "
    "te ti to va ve vi vo za ze zi zo dan mir gor lev tan ser vin kar nur"
).split()
ACCENTED = "şe ğa çi ür ön é á ří ćo ła ße ıs ñe ål øy".split()
ENDINGS = "ov ova ev yan ian dze oglu lu ski ska enko son sen ez es er ov ich".split()
CYRILLIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        "абкдефгхийклмнопкрстувшксз",
        strict=True,
    )
)
ASCII_SPELLING = str.maketrans(
    dict(zip("şğçüöéáříćłıñåø", "sgcuoeariclinao", strict=True)) | {"ß": "ss"}
)
ORG_WORDS = (
    "Northern Southern Central National Federal Baltic Pacific Atlantic Eastern Western "
    "Global United Free Public Independent Regional Strategic Economic Digital Open"
).split()
ORG_TYPES = {
    "outlet": ["News", "Herald", "Times", "Daily", "Today", "Post"],
    "news_agency": ["News Agency", "Press Agency", "Wire"],
    "broadcaster": ["Radio", "Television", "Broadcasting"],
    "university": ["University", "Institute of Technology", "Academy"],
    "think_tank": ["Institute", "Center for Policy", "Foundation", "Council"],
    "ministry": ["Ministry of Defence", "Ministry of Finance", "Ministry of Energy"],
    "company": ["Holdings", "Group", "Energy", "Industries"],
    "party": ["Party", "Movement", "Alliance"],
}
FILLER = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her all she there would their we him been has when who "
    "will more no if out so said what up its about into than them can only other new some "
    "could time these two may then do first any my now such like our over man me even most "
    "made after also did many before must through back years where much your way well down "
    "should because each just those people how too little state good very make world still "
    "own see men work long get here between both life being under never day same another "
    "know while last might us great old year off come since against go came right used take "
    "three talks minister defence missile system deliveries agreement policy government "
    "relations analyst expert journalist according week official interview spokesman reported "
    "Art smart START art startup Smartphone deviantart.com party artist RTX partner"
).split()
TRAPS = ("the Sputnik V vaccine", "Sputnik Light doses", "deviantart.com", "START treaty")
FIXED = (
    NameEntry("sputnik", "organization", "outlet", "Sputnik", ("Спутник",), ("Sputnik V",)),
    NameEntry("rt", "organization", "broadcaster", "RT", ("Russia Today",)),
    NameEntry("tass", "organization", "news_agency", "TASS", ("ТАСС",)),
)


@dataclass(frozen=True, slots=True)
class Article:
    """A synthetic article split into paragraphs, and how many names were planted in it."""

    blocks: list[str]
    planted: int


def _word(rng: random.Random, parts: int, accent: bool) -> str:
    pieces = [rng.choice(SYLLABLES) for _ in range(parts)]
    if accent:
        pieces[rng.randrange(parts)] = rng.choice(ACCENTED)
    return "".join(pieces).capitalize()


def _cyrillic(name: str) -> str:
    return "".join(CYRILLIC.get(c, c) for c in name.lower()).title()


def _ascii(name: str) -> str:
    return name.translate(ASCII_SPELLING)


def people(rng: random.Random, count: int) -> list[NameEntry]:
    """`count` people: 3,000 first names × 30,000 surnames, accents, Cyrillic aliases."""
    firsts = [_word(rng, rng.randint(1, 2), rng.random() < 0.15) for _ in range(3000)]
    surnames = [
        _word(rng, rng.randint(1, 3), rng.random() < 0.2) + rng.choice(ENDINGS)
        for _ in range(30000)
    ]
    out = []
    for i in range(count):
        name = f"{rng.choice(firsts)} {rng.choice(surnames)}"
        aliases: list[str] = []
        if rng.random() < 0.3:
            aliases.append(_cyrillic(name))
        if rng.random() < 0.2:
            middle = _word(rng, 2, False)
            aliases.append(name.replace(" ", f" {middle[0]}. ", 1))
        out.append(NameEntry(f"person-{i}", "person", "person", name, tuple(aliases)))
    return out


def organizations(rng: random.Random, count: int) -> list[NameEntry]:
    """`count` organizations of every kind, some with acronyms and Cyrillic aliases."""
    kinds = list(ORG_TYPES)
    out = list(FIXED)
    for i in range(count - len(FIXED)):
        kind = kinds[i % len(kinds)]
        words = [rng.choice(ORG_WORDS), _word(rng, rng.randint(2, 3), rng.random() < 0.2)]
        name = " ".join([*words, rng.choice(ORG_TYPES[kind])])
        aliases: list[str] = []
        if rng.random() < 0.4:
            aliases.append("".join(w[0] for w in name.split()).upper()[:5])
        if rng.random() < 0.2:
            aliases.append(_cyrillic(name))
        out.append(NameEntry(f"org-{i}", "organization", kind, name, tuple(aliases)))
    return out


def gazetteer(
    people_count: int = 100_000, org_count: int = 20_000, seed: int = 7
) -> list[NameEntry]:
    """The benchmark gazetteer: people first, then organizations."""
    rng = random.Random(seed)
    return people(rng, people_count) + organizations(rng, org_count)


def _mention(rng: random.Random, entry: NameEntry, seen: set[str]) -> str:
    """How an article refers to an entity: full name (accented, folded, upper-case,
    Cyrillic), a surname once the full name appeared, an acronym, a possessive."""
    if entry.entity_type == "person" and entry.slug in seen and rng.random() < 0.6:
        text = entry.name.split()[-1]
    else:
        forms = [entry.name, _ascii(entry.name), entry.name.upper(), *entry.aliases]
        text = rng.choice(forms)
        seen.add(entry.slug)
    return text + rng.choice(("", "", "", "’s", "'s"))


def articles(
    entries: list[NameEntry], count: int, words: int = 1500, mentions: int = 20, seed: int = 11
) -> list[Article]:
    """`count` articles of about `words` words with about `mentions` planted names each."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        cast = [*rng.sample(entries, 8), rng.choice(FIXED)]
        seen: set[str] = set()
        tokens = [rng.choice(FILLER) for _ in range(words)]
        spots = sorted(rng.sample(range(words), mentions + len(TRAPS)))
        planted: list[str | None] = [None] * mentions + list(TRAPS)
        rng.shuffle(planted)
        for spot, trap in zip(spots, planted, strict=True):
            tokens[spot] = trap or _mention(rng, rng.choice(cast), seen)
        paragraphs = [" ".join(tokens[i : i + 120]) + "." for i in range(0, words, 120)]
        out.append(Article(paragraphs, mentions))
    return out


def fresh_articles(
    entries: list[NameEntry], count: int, cast: int = 7, words: int = 350, mentions: int = 10
) -> list[Article]:
    """`count` short articles, each naming its own `cast` entities that no other article names
    (so a server meets each article's cards for the first time)."""
    rng = random.Random(13)
    pool = list(entries)
    rng.shuffle(pool)
    if count * cast > len(pool):
        raise ValueError(f"{count} articles of {cast} fresh names need {count * cast} entities")
    out = []
    for i in range(count):
        chosen = pool[i * cast : (i + 1) * cast]
        seen: set[str] = set()
        tokens = [rng.choice(FILLER) for _ in range(words)]
        spots = rng.sample(range(words), mentions)
        for n, spot in enumerate(spots):
            tokens[spot] = _mention(rng, chosen[n % cast], seen)
        paragraphs = [" ".join(tokens[i : i + 60]) + "." for i in range(0, words, 60)]
        out.append(Article(paragraphs, mentions))
    return out
