"""The matcher: which names count as mentions, how they matched, and where they are."""

import unicodedata

import pytest

from api.annotate.matcher import Matcher, Mention, NameEntry

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run

ENTRIES = (
    NameEntry(
        "sputnik",
        "organization",
        "outlet",
        "Sputnik",
        ("Спутник",),
        ("Sputnik V", "Sputnik Light"),
    ),
    NameEntry("sputnik-turkiye", "organization", "outlet", "Sputnik Türkiye", ()),
    NameEntry("rt", "organization", "broadcaster", "RT", ("Russia Today",)),
    NameEntry("tass", "organization", "news_agency", "TASS", ("ТАСС",)),
    NameEntry(
        "financial-university",
        "organization",
        "university",
        "Financial University under the Government of the Russian Federation",
        ("Finance University",),
    ),
    NameEntry("gevorg-mirzayan", "person", "person", "Gevorg Mirzayan", ("Геворг Мирзаян",)),
    NameEntry("cenk-baslamis", "person", "person", "Cenk Başlamış", ()),
    NameEntry("vladimir-putin", "person", "person", "Vladimir Putin", ("Putin",)),
    NameEntry("anna-petrova", "person", "person", "Anna Petrova", ()),
    NameEntry("olga-petrova", "person", "person", "Olga Petrova", ()),
    NameEntry("john-smith-uk", "person", "person", "John Smith", ()),
    NameEntry("john-smith-us", "person", "person", "John Smith", ()),
)
MATCHER = Matcher.build(ENTRIES)


def found(*blocks: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(text, entities, match) of every mention."""
    return [(m.text, m.entities, m.match) for m in MATCHER.annotate(blocks)]


def only(text: str) -> Mention:
    mentions = MATCHER.annotate([text])
    assert len(mentions) == 1, mentions
    return mentions[0]


def test_one_automaton_holds_names_aliases_excludes_and_surnames() -> None:
    matcher = Matcher.build(
        [
            NameEntry("g", "person", "person", "Gevorg Mirzayan", ("Геворг Мирзаян",)),
            NameEntry("s", "organization", "outlet", "Sputnik", (), ("Sputnik V",)),
        ]
    )
    # gevorg mirzayan, геворг мирзаян, mirzayan, мирзаян, sputnik, sputnik v, and the four
    # oblique cases of геворг мирзаян (геворга мирзаяна, …) and of мирзаян (мирзаяна, …)
    assert len(matcher) == 14


@pytest.mark.parametrize(
    "spelling",
    ["Cenk Başlamış", "Cenk Baslamis", "CENK BASLAMIS", "cenk başlamış", "CENK BAŞLAMIŞ"],
)
def test_names_match_with_or_without_accents_and_in_any_case(spelling: str) -> None:
    mention = only(f"The journalist {spelling} said so.")
    assert (mention.text, mention.entities, mention.match) == (
        spelling,
        ("cenk-baslamis",),
        "name",
    )


def test_decomposed_accents_match_the_precomposed_name() -> None:
    text = unicodedata.normalize("NFD", "Cenk Başlamış said")
    mention = only(text)
    assert mention.text == unicodedata.normalize("NFD", "Cenk Başlamış")


def test_a_decomposed_profile_name_matches_precomposed_text() -> None:
    name = unicodedata.normalize("NFD", "Cenk Başlamış")
    matcher = Matcher.build([NameEntry("c", "person", "person", name, ())])
    assert [m.text for m in matcher.annotate(["Cenk Başlamış'ın"])] == ["Cenk Başlamış"]


def test_other_scripts_match_through_aliases_and_their_surnames() -> None:
    assert found("Геворг Мирзаян считает, что Мирзаян прав.") == [
        ("Геворг Мирзаян", ("gevorg-mirzayan",), "alias"),
        ("Мирзаян", ("gevorg-mirzayan",), "surname"),
    ]


@pytest.mark.parametrize("suffix", ["'s", "’s", "'ın", "’in"])
def test_possessives_keep_the_name_and_its_match_type(suffix: str) -> None:
    assert found(f"Gevorg Mirzayan{suffix} view; Mirzayan{suffix} view") == [
        ("Gevorg Mirzayan", ("gevorg-mirzayan",), "name"),
        ("Mirzayan", ("gevorg-mirzayan",), "surname"),
    ]


def test_turkish_possessive_after_a_dotless_i() -> None:
    assert found("Cenk Başlamış'ın yorumu") == [("Cenk Başlamış", ("cenk-baslamis",), "name")]


@pytest.mark.parametrize(
    "text",
    [
        "Art is long.",
        "a smart move",
        "START treaty",
        "see deviantart.com",
        "the RTX series",
        "RT2 and 2RT",
        "Rt and rt",
        "Tass and tass",
        "Sputniks are satellites",
        "mySputnik",
    ],
)
def test_no_match_inside_a_word_or_in_the_wrong_case(text: str) -> None:
    assert found(text) == []


def test_a_combining_mark_after_punctuation_joins_the_next_word() -> None:
    assert found("-\u0301RT") == []


@pytest.mark.parametrize("text", ["RT", "RT's", "(RT)", "RT-backed", "rt.com is RT."])
def test_short_acronyms_match_as_standalone_capitals(text: str) -> None:
    assert [m.text for m in MATCHER.annotate([text])][:1] == ["RT"]


def test_cited_outlets_between_slashes_and_after_according_to() -> None:
    assert found("MOSCOW, /TASS/. According to Russia Today,") == [
        ("TASS", ("tass",), "name"),
        ("Russia Today", ("rt",), "alias"),
    ]


def test_longest_name_wins_at_the_same_start() -> None:
    assert found("he told Sputnik Turkiye and Sputnik") == [
        ("Sputnik Turkiye", ("sputnik-turkiye",), "name"),
        ("Sputnik", ("sputnik",), "name"),
    ]


def test_punctuation_inside_a_multi_word_name_must_match() -> None:
    assert found("wrote for Sputnik. Türkiye has") == [("Sputnik", ("sputnik",), "name")]


@pytest.mark.parametrize(
    "text",
    [
        "the Sputnik V vaccine",
        "SPUTNIK V doses",
        "Sputnik Light, a one-shot version",
        "the Sputnik-V jab",
    ],
)
def test_exclude_phrases_yield_nothing(text: str) -> None:
    assert found(text) == []


def test_an_exclude_phrase_needs_its_word_boundary() -> None:
    assert found("Sputnik Vietnam") == [("Sputnik", ("sputnik",), "name")]


def test_kinds_person_cited_outlet_and_organization() -> None:
    mentions = MATCHER.annotate(
        ["Gevorg Mirzayan of the Finance University wrote for Sputnik, TASS and RT."]
    )
    assert [(m.text, m.kind) for m in mentions] == [
        ("Gevorg Mirzayan", "person"),
        ("Finance University", "organization"),
        ("Sputnik", "cited_outlet"),
        ("TASS", "cited_outlet"),
        ("RT", "cited_outlet"),
    ]


def test_a_surname_alone_counts_only_after_the_full_name() -> None:
    assert found("Mirzayan said. Gevorg Mirzayan said. Mirzayan said.") == [
        ("Gevorg Mirzayan", ("gevorg-mirzayan",), "name"),
        ("Mirzayan", ("gevorg-mirzayan",), "surname"),
    ]


def test_a_full_name_in_an_earlier_block_counts_but_not_in_a_later_one() -> None:
    assert found("Başlamış first.", "Then Cenk Başlamış.", "And Başlamış.") == [
        ("Cenk Başlamış", ("cenk-baslamis",), "name"),
        ("Başlamış", ("cenk-baslamis",), "surname"),
    ]


def test_a_shared_surname_names_only_the_people_seen_so_far() -> None:
    assert found("Anna Petrova spoke. Petrova added.") == [
        ("Anna Petrova", ("anna-petrova",), "name"),
        ("Petrova", ("anna-petrova",), "surname"),
    ]


def test_a_shared_surname_after_both_full_names_is_ambiguous() -> None:
    mentions = MATCHER.annotate(["Anna Petrova and Olga Petrova disagree; Petrova left."])
    last = mentions[-1]
    assert (last.text, last.entities, last.match, last.ambiguous) == (
        "Petrova",
        ("anna-petrova", "olga-petrova"),
        "surname",
        True,
    )


def test_a_surname_shared_by_many_people_names_those_seen_so_far() -> None:
    given = ["Anna", "Olga", "Irina", "Maria", "Elena", "Daria", "Vera", "Nina", "Lidia", "Zoya"]
    many = Matcher.build(
        [
            NameEntry(f"{g.lower()}-kuznetsova", "person", "person", f"{g} Kuznetsova", ())
            for g in given
        ]
    )
    text = "Kuznetsova first. Olga Kuznetsova, Vera Kuznetsova: Kuznetsova left."
    assert [(m.text, m.entities, m.match) for m in many.annotate([text])] == [
        ("Olga Kuznetsova", ("olga-kuznetsova",), "name"),
        ("Vera Kuznetsova", ("vera-kuznetsova",), "name"),
        ("Kuznetsova", ("olga-kuznetsova", "vera-kuznetsova"), "surname"),
    ]


def test_a_surname_listed_as_an_alias_matches_on_its_own() -> None:
    assert found("Putin spoke.") == [("Putin", ("vladimir-putin",), "alias")]


def test_two_profiles_with_one_name_give_one_ambiguous_mention() -> None:
    mentions = MATCHER.annotate(["John Smith wrote. Smith added."])
    assert [(m.text, m.entities, m.match, m.ambiguous) for m in mentions] == [
        ("John Smith", ("john-smith-uk", "john-smith-us"), "name", True),
        ("Smith", ("john-smith-uk", "john-smith-us"), "surname", True),
    ]


def test_a_multi_word_alias_also_introduces_the_surname() -> None:
    matcher = Matcher.build([NameEntry("m", "person", "person", "Madonna", ("Madonna Ciccone",))])
    mentions = matcher.annotate(["Madonna Ciccone sang; Ciccone bowed; Madonna left."])
    assert [(m.text, m.match) for m in mentions] == [
        ("Madonna Ciccone", "alias"),
        ("Ciccone", "surname"),
        ("Madonna", "name"),
    ]


def test_a_one_word_alias_does_not_introduce_the_surname() -> None:
    matcher = Matcher.build(
        [NameEntry("lula", "person", "person", "Luiz Inácio Lula da Silva", ("Lula",))]
    )
    mentions = matcher.annotate(["Lula spoke; Silva agreed."])
    assert [(m.text, m.match) for m in mentions] == [("Lula", "alias")]


def test_generational_suffixes_are_not_surnames() -> None:
    matcher = Matcher.build([NameEntry("k", "person", "person", "Martin Luther King Jr.", ())])
    mentions = matcher.annotate(["Martin Luther King Jr. spoke; King smiled; Jr. left."])
    assert [(m.text, m.match) for m in mentions] == [
        ("Martin Luther King Jr", "name"),
        ("King", "surname"),
    ]


def test_no_name_runs_across_two_blocks() -> None:
    assert found("he told Sputnik", "Türkiye said", "Sputnik", "V for Vendetta") == [
        ("Sputnik", ("sputnik",), "name"),
        ("Sputnik", ("sputnik",), "name"),
    ]
    assert [m.block for m in MATCHER.annotate(["told Sputnik", "Türkiye said"])] == [0]


def test_nothing_to_annotate() -> None:
    assert MATCHER.annotate([]) == []
    assert MATCHER.annotate(["", "   "]) == []
    assert Matcher.build([]).annotate(["Sputnik"]) == []


def utf16_slice(block: str, mention: Mention) -> str:
    units = block.encode("utf-16-le", "surrogatepass")  # as a JavaScript string holds it
    return units[2 * mention.start : 2 * mention.end].decode("utf-16-le", "surrogatepass")


@pytest.mark.parametrize(
    ("before", "utf16_shift"),
    [
        ("👍🏽 ", 2),  # two astral characters: two code points, four code units
        ("e\u0301 ", 0),  # a combining accent
        ("Straße İstanbul ﬁne … ", 0),  # characters whose folding changes length
        ("قال المحلل ", 0),  # Arabic, right to left
        ("אמר ", 0),  # Hebrew
        ("🇹🇷 «", 2),
    ],
)
def test_offsets_index_the_original_block(before: str, utf16_shift: int) -> None:
    block = f"{before}Cenk Başlamış’ın and Gevorg Mirzayan, ‏Mirzayan‏ said."
    mentions = MATCHER.annotate([block])
    assert [m.text for m in mentions] == ["Cenk Başlamış", "Gevorg Mirzayan", "Mirzayan"]
    first = mentions[0]
    assert first.cp_start == len(before)
    assert first.start == len(before) + utf16_shift
    for mention in mentions:
        assert block[mention.cp_start : mention.cp_end] == mention.text
        assert utf16_slice(block, mention) == mention.text


def test_a_decomposed_name_after_emoji_highlights_all_its_marks() -> None:
    block = "😀 " + unicodedata.normalize("NFD", "Cenk Başlamış") + "!"
    mention = only(block)
    assert mention.text == unicodedata.normalize("NFD", "Cenk Başlamış")
    assert (mention.cp_start, mention.cp_end) == (2, len(block) - 1)
    assert (mention.start, mention.end) == (3, len(block))
    assert utf16_slice(block, mention) == mention.text


def test_a_lone_surrogate_counts_as_one_utf16_unit() -> None:
    block = "\ud800 RT said"  # JSON may carry one; a JavaScript string holds it as one unit
    mention = only(block)
    assert (mention.text, mention.start, mention.cp_start) == ("RT", 2, 2)


def test_a_person_s_exclude_phrase_yields_nothing() -> None:
    matcher = Matcher.build(
        [NameEntry("j", "person", "person", "Jack London", (), ("Jack London Square",))]
    )
    text = "Jack London wrote it. Crowds filled Jack London Square."
    assert [(m.text, m.match) for m in matcher.annotate([text])] == [("Jack London", "name")]


def test_surname_matching_can_be_switched_off() -> None:
    entry = NameEntry("k", "person", "person", "Kim Young", (), (), match_surname=False)
    matcher = Matcher.build([entry])
    assert [m.text for m in matcher.annotate(["Kim Young spoke. Young voters cheered."])] == [
        "Kim Young"
    ]
