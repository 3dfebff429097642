"""Folding: the accent- and case-insensitive search form and its offset map."""

import pytest

from api.annotate.folding import BLOCK_SEPARATOR, fold, fold_blocks, utf16_offsets

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run


@pytest.mark.parametrize(
    ("text", "wide"),
    [
        ("Mirzayan", False),
        ("Başlamış — Мирзаян", False),
        ("he said \ud83d", False),  # a lone surrogate is one code unit, as in JavaScript
        ("👍 Mirzayan", True),
        ("Mirzayan  said 😀", True),  # the squeezed text keeps it
        ("ß 𝐀", True),  # and so does one with breakpoints
    ],
)
def test_the_fold_says_whether_utf16_offsets_differ(text: str, wide: bool) -> None:
    assert fold(text).wide is wide
    assert (utf16_offsets(text)(len(text)) != len(text)) is wide


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Başlamış", "baslamis"),
        ("BAŞLAMIŞ", "baslamis"),
        ("Baslamis", "baslamis"),
        ("Ba\u0327slamıs\u0327", "baslamis"),  # decomposed cedillas
        ("İstanbul", "istanbul"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Østergaard Łukasz Đorđe", "ostergaard lukasz dorde"),
        ("Ærø Œuvre Þór", "aero oeuvre thor"),
        ("ﬁnal", "final"),
        ("Мирзаян", "мирзаян"),
        ("O’Brien O‘Brien Oʼbrien O`Brien O´Brien", "o'brien o'brien o'brien o'brien o'brien"),
        ("a\u00a0b\tc\nd", "a b c d"),
    ],
)
def test_fold_removes_accents_case_and_odd_letters(text: str, folded: str) -> None:
    assert fold(text).text == folded


def test_words_replace_everything_but_letters_digits_and_marks_with_spaces() -> None:
    folded = fold("Sputnik-Türkiye’s /TASS/ 22 क्षा")
    assert folded.words == "sputnik turkiye s  tass  22 कषा"
    assert len(folded.words) == len(folded.text)


def test_ascii_text_has_an_identity_map() -> None:
    folded = fold("Told RT, not Art.")
    assert folded.text == "told rt, not art."
    assert folded.fold_at == ()
    assert [folded.to_original(i) for i in range(5)] == [0, 1, 2, 3, 4]


def test_same_length_folds_store_no_breakpoints() -> None:
    folded = fold("Cenk Başlamış and Геворг Мирзаян 👍")
    assert folded.fold_at == ()
    assert folded.span(5, 13) == (5, 13)


def test_an_expanding_character_maps_back_to_itself() -> None:
    text = "Straße Mirzayan"
    folded = fold(text)
    start = folded.text.index("mirzayan")
    assert folded.span(start, start + 8) == (7, 15)
    assert folded.to_original(4) == 4  # the first "s" of "ss" is ß
    assert folded.to_original(5) == 4  # so is the second
    assert folded.to_original(5, end=True) == 5  # an end inside ß takes all of it


def test_a_dropped_combining_mark_stays_with_its_letter() -> None:
    text = "Jose\u0301 said"
    folded = fold(text)
    assert folded.text == "jose said"
    assert folded.span(0, 4) == (0, 5)  # the end takes in the accent
    assert folded.span(5, 9) == (6, 10)


def test_a_leading_combining_mark_is_skipped_by_a_start() -> None:
    folded = fold("\u0301RT")
    assert folded.text == "rt"
    assert folded.span(0, 2) == (1, 3)


def test_ligatures_and_ellipses_grow_the_text() -> None:
    text = "ﬁ… Sputnik"
    folded = fold(text)
    assert folded.text == "fi... sputnik"
    start = folded.text.index("sputnik")
    assert text[slice(*folded.span(start, start + 7))] == "Sputnik"


def test_dotted_capital_i_keeps_its_length() -> None:
    text = "İİ Mirzayan"
    folded = fold(text)
    start = folded.text.index("mirzayan")
    assert text[slice(*folded.span(start, start + 8))] == "Mirzayan"


def test_utf16_offsets_is_the_identity_without_astral_characters() -> None:
    to_utf16 = utf16_offsets("Başlamış — Мирзаян")
    assert [to_utf16(i) for i in (0, 5, 18)] == [0, 5, 18]


def test_utf16_offsets_counts_two_units_per_astral_character() -> None:
    text = "👍🏽 a 😀 b"
    to_utf16 = utf16_offsets(text)
    assert to_utf16(3) == 5  # "a": after two astral characters and a space
    assert to_utf16(7) == 10  # "b": after three
    assert len(text.encode("utf-16-le")) // 2 == to_utf16(len(text))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Mirza\u00adyan", "mirzayan"),  # soft hyphen
        ("Mirza\u200byan", "mirzayan"),  # zero-width space
        ("\ufeffTASS", "tass"),  # byte-order mark
        ("Cenk\u200d Başlamış", "cenk baslamis"),  # zero-width joiner
        ("لـوكالة", "لوكالة"),  # tatweel
    ],
)
def test_invisible_characters_fold_to_nothing(text: str, folded: str) -> None:
    assert fold(text).text == folded


@pytest.mark.parametrize(
    "text",
    ["Gevorg\r\nMirzayan", "Gevorg  Mirzayan", "Gevorg\u00a0\u00a0Mirzayan", "Gevorg \n Mirzayan"],
)
def test_a_run_of_spaces_counts_as_one(text: str) -> None:
    folded = fold(text)
    assert folded.text == "gevorg mirzayan"
    assert folded.span(7, 15) == (len(text) - 8, len(text))


# A long text is searched for a run of spaces another way than a short one (as UTF-16 code
# units, at both byte offsets): the run is found at an even and an odd offset, in plain ASCII
# and in a text with other characters, at the start, in the middle and at the end.
@pytest.mark.parametrize("filler", [300, 301])
@pytest.mark.parametrize("where", ["start", "middle", "end"])
@pytest.mark.parametrize("extra", ["", " Мирзаян"])
def test_a_run_of_spaces_in_a_long_text_counts_as_one(filler: int, where: str, extra: str) -> None:
    pad = "word " * (filler // 5) + "x" * (filler % 5)
    name = {"start": f"Gevorg  Mirzayan {pad}", "middle": f"{pad} Gevorg  Mirzayan {pad}"}
    text = name.get(where, f"{pad} Gevorg  Mirzayan") + extra
    folded = fold(text)
    assert "  " not in folded.text
    begin = text.index("Gevorg")
    at = folded.text.index("gevorg mirzayan")
    assert folded.span(at, at + 15) == (begin, begin + len("Gevorg  Mirzayan"))


def test_a_long_text_without_a_run_of_spaces_is_left_as_it_is() -> None:
    text = "Gevorg Mirzayan " * 40
    assert len(text) > 256
    assert fold(text).text == text.lower()


def test_traditional_chinese_folds_to_simplified_one_word_per_character() -> None:
    assert fold("新華社").text == fold("新华社").text == " 新  华  社 "
    assert fold("據新華社").span(4, 11) == (1, 4)


def test_block_separators_fold_to_spaces() -> None:
    assert fold("Gevorg\x00 Mirzayan").text == "gevorg mirzayan"


@pytest.mark.parametrize(
    "blocks",
    [
        ["Gevorg Mirzayan said so?", "Мирзаян — ß ﬁ", "plain", ""],
        ["Gevorg ", " Mirzayan", "據新華社 😀", "soft\u00adhyphen\r\n  end?"],
        ["", "", "é"],
        ["all ascii", "here too"],
    ],
)
def test_folding_by_blocks_is_folding_the_joined_text(blocks: list[str]) -> None:
    text = BLOCK_SEPARATOR.join(blocks)
    assert fold_blocks(blocks, text) == fold(text)
