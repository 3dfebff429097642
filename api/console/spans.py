"""Name-like spans near quoting verbs and expert words that match no profile yet: the people an
article quotes whom nobody has profiled."""

import re
from dataclasses import dataclass

CUES = (
    "said", "says", "told", "tells", "according to", "added", "noted", "explained", "stated",
    "believes", "argued", "warned", "wrote", "commented", "claimed", "expert", "professor",
    "analyst", "lecturer", "researcher", "director", "head of", "fellow", "economist",
    "political scientist", "journalist", "spokesperson", "spokesman", "spokeswoman",
)  # fmt: skip
CUE = re.compile(r"\b(" + "|".join(re.escape(c) for c in CUES) + r")\b", re.IGNORECASE)
# A word of Unicode letters, with inner hyphens and apostrophes: "Başlamış", "Jean-Pierre".
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
NEAR = 80  # characters between a name and its cue
STOP = frozenset(
    {
        "The", "A", "An", "In", "On", "At", "For", "And", "But", "Of", "To", "By", "With",
        "From", "As", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "Mr",
        "Mrs", "Ms", "Dr", "Prof", "Professor", "President", "Minister", "Monday", "Tuesday",
        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October", "November", "December",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate name in one block, with the cue that makes it look quoted."""

    block: int
    start: int
    end: int
    text: str
    cue: str


def _runs(block: str) -> list[tuple[int, int, list[str]]]:
    """Return runs of two to four capitalised words separated by single spaces (a name's shape):
    "Cenk Başlamış", "Hasan Ünal", "Jean-Pierre Dubois"."""
    runs: list[tuple[int, int, list[str]]] = []
    current: list[re.Match[str]] = []

    def close() -> None:
        words = [m.group(0) for m in current]
        while words and words[0] in STOP:
            current.pop(0)
            words.pop(0)
        if 2 <= len(words) <= 4 and not all(w.isupper() for w in words):
            runs.append((current[0].start(), current[-1].end(), words))

    for match in WORD.finditer(block):
        word = match.group(0)
        joined = current and block[current[-1].end() : match.start()] in (" ", "\u00a0")
        if word[0].isupper() and (joined or not current):
            current.append(match)
            continue
        if current:
            close()
        current = [match] if word[0].isupper() else []
    if current:
        close()
    return runs


def candidates(blocks: list[str], taken: set[tuple[int, int, int]], limit: int = 50) -> list[Span]:
    """Return name-like spans within NEAR characters of a cue, outside `taken` (block, start,
    end) code-point ranges of known mentions, the first occurrence of each name only."""
    found: list[Span] = []
    seen: set[str] = set()
    for b, block in enumerate(blocks):
        cues = [(m.start(), m.end(), m.group(0)) for m in CUE.finditer(block)]
        if not cues:
            continue
        for start, end, words in _runs(block):
            name = " ".join(words)
            if name in seen or any(tb == b and ts < end and start < te for tb, ts, te in taken):
                continue
            cue = next(
                (c for s, e, c in cues if -NEAR <= s - end <= NEAR or -NEAR <= start - e <= NEAR),
                None,
            )
            if cue is None:
                continue
            seen.add(name)
            found.append(Span(b, start, end, name, cue.lower()))
            if len(found) >= limit:
                return found
    return found
