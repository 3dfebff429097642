"""Property tests: names planted in random Unicode text are found at exact offsets."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.annotate.folding import IGNORABLE, UNSPACED, fold, utf16_offsets
from api.annotate.matcher import Matcher, Mention, NameEntry

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run

NAMES = {
    "cenk-baslamis": ("Cenk Başlamış", "Cenk Baslamis"),
    "gevorg-mirzayan": ("Gevorg Mirzayan", "Геворг Мирзаян"),
    "gunther-strauss": ("Günther Strauß", "Guenther Strauss"),
    "ilber-ortayli": ("İlber Ortaylı", "Ilber Ortayli"),
    "tass": ("TASS", "ТАСС"),
}
MATCHER = Matcher.build(
    NameEntry(slug, "person", "person", names[0], names[1:])
    if slug != "tass"
    else NameEntry(slug, "organization", "news_agency", names[0], names[1:])
    for slug, names in NAMES.items()
)
TRICKY = (
    "abcxyz ABC,.;!?'’-—\n\t0123456789"
    "👍🏽😀🇹𝔸\u0301\u0327\u0308"  # astral characters, combining marks
    "قالמאמרשלוםßİıﬁ…ÅéЖжЁ½"  # right to left; folds that change the length
)
FILLER = st.text(st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=12)
SPACE_RUNS = [" ", "  ", "\r\n", "\u00a0", " \u00a0 ", "\n\t"]
SEPARATORS = st.sampled_from([" ", ", ", " (", "» ", "\n", " — ", "/", " 👍 "])


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A slug and one way an article might spell that entity."""
    slug = draw(st.sampled_from(sorted(NAMES)))
    name = draw(st.sampled_from(NAMES[slug]))
    if slug != "tass":
        name = draw(st.sampled_from([name, name.upper(), unicodedata.normalize("NFD", name)]))
    # editors' invisible characters inside the name, and runs of spaces between its words
    at = draw(st.integers(1, len(name) - 1))
    if name[at - 1].isalpha() and name[at].isalpha():
        name = name[:at] + draw(st.sampled_from(["", *sorted(IGNORABLE)])) + name[at:]
    return slug, name.replace(" ", draw(st.sampled_from(SPACE_RUNS)))


@st.composite
def blocks(draw: st.DrawFn) -> tuple[str, list[tuple[int, str, str]]]:
    """A block of random text with names planted in it, and where each one went."""
    text = draw(FILLER)
    planted: list[tuple[int, str, str]] = []
    for _ in range(draw(st.integers(1, 4))):
        slug, name = draw(spellings())
        text += draw(SEPARATORS)
        planted.append((len(text), name, slug))
        text += name + draw(st.sampled_from(["", "'s", "’ın"])) + draw(SEPARATORS) + draw(FILLER)
    return text, planted


def utf16_slice(block: str, mention: Mention) -> str:
    units = block.encode("utf-16-le", "surrogatepass")  # as a JavaScript string holds it
    return units[2 * mention.start : 2 * mention.end].decode("utf-16-le", "surrogatepass")


@settings(max_examples=300, database=None)
@given(st.lists(blocks(), min_size=1, max_size=3))
def test_every_planted_name_is_found_at_its_exact_offsets(
    article: list[tuple[str, list[tuple[int, str, str]]]],
) -> None:
    texts = [text for text, _ in article]
    mentions = MATCHER.annotate(texts)
    by_place = {(m.block, m.cp_start): m for m in mentions}
    for number, (_, planted) in enumerate(article):
        for start, name, slug in planted:
            mention = by_place[number, start]
            assert (mention.text, mention.entities) == (name, (slug,))
    for mention in mentions:
        block = texts[mention.block]
        assert block[mention.cp_start : mention.cp_end] == mention.text
        assert utf16_slice(block, mention) == mention.text


SPACE_RUN = re.compile(" {2,}")
ANY_TEXT = st.text(st.characters(exclude_categories=()))  # lone surrogates included


@settings(max_examples=300, database=None)
@given(ANY_TEXT, ANY_TEXT)
def test_folding_is_character_by_character_then_squeezes_space_runs(left: str, right: str) -> None:
    whole = fold(left + right, squeeze=False)
    parts = fold(left, squeeze=False), fold(right, squeeze=False)
    assert whole.text == parts[0].text + parts[1].text
    assert whole.words == parts[0].words + parts[1].words
    squeezed = fold(left + right).text
    assert SPACE_RUN.sub(" ", squeezed) == SPACE_RUN.sub(" ", whole.text)
    if not UNSPACED.search(squeezed):  # only the spaces around such characters may pair up
        assert "  " not in squeezed


@settings(max_examples=300, database=None)
@given(ANY_TEXT, st.data())
def test_a_folded_span_maps_to_original_text_that_folds_to_it(
    text: str, data: st.DataObject
) -> None:
    folded = fold(text)
    start = data.draw(st.integers(0, len(folded.text)))
    end = data.draw(st.integers(start, len(folded.text)))
    original_start, original_end = folded.span(start, end)
    assert 0 <= original_start <= original_end <= len(text)
    assert folded.text[start:end] in fold(text[original_start:original_end]).text
    assert folded.to_original(len(folded.text), end=True) == len(text)


@settings(max_examples=300, database=None)
@given(ANY_TEXT, st.data())
def test_utf16_offsets_count_the_code_units_before(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text)))
    assert utf16_offsets(text)(i) == len(text[:i].encode("utf-16-le", "surrogatepass")) // 2
