"""The precision rules: case needs, acronym guards, exclude patterns, surnames of others,
names split across blocks, scripts without spaces and Arabic proclitics."""

import pytest

from api.annotate import rules
from api.annotate.matcher import Matcher, NameEntry

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run

MATCHER = Matcher.build(
    [
        NameEntry("rt", "organization", "broadcaster", "RT", ("Russia Today",)),
        NameEntry("tass", "organization", "news_agency", "TASS", ("Tass", "ITAR-TASS")),
        NameEntry("nta", "organization", "broadcaster", "Nigerian Television Authority", ("NTA",)),
        NameEntry("sputnik", "organization", "outlet", "Sputnik", (), ("Sputnik V", "Sputnik #")),
        NameEntry("le-monde", "organization", "outlet", "Le Monde", ()),
        NameEntry("channel-one", "organization", "broadcaster", "Channel One", ("Первый канал",)),
        NameEntry("mirzayan", "person", "person", "Gevorg Mirzayan", ("Геворг Мирзаян",)),
        NameEntry("young", "person", "person", "Oliver Young", (), match_surname=False),
        NameEntry("xinhua", "organization", "news_agency", "Xinhua", ("新华社", "新華社")),
        NameEntry("li", "person", "person", "Li Wenhua", ("李文华",), match_surname=False),
        NameEntry("nhk", "organization", "broadcaster", "NHK", ("日本放送協会",)),
        NameEntry("qna", "organization", "news_agency", "QNA", ("وكالة الأنباء القطرية",)),
        NameEntry("haddad", "person", "person", "Salma Haddad", ("سلمى الحداد",)),
    ]
)


def found(*blocks: str) -> list[tuple[int, str, tuple[str, ...], str]]:
    return [(m.block, m.text, m.entities, m.match) for m in MATCHER.annotate(blocks)]


def texts(*blocks: str) -> list[str]:
    return [m.text for m in MATCHER.annotate(blocks)]


@pytest.mark.parametrize(
    ("form", "organization", "need"),
    [
        ("RT", True, rules.CAPITALS),
        ("Tass", True, rules.CAPITAL),
        ("Le Monde", True, rules.EVERY_WORD),
        ("Первый канал", True, rules.CAPITAL),
        ("Cenk Başlamış", False, rules.ANY_CASE),
        ("tagesschau.de", True, rules.ANY_CASE),
        ("新华社", True, rules.ANY_CASE),
    ],
)
def test_the_case_a_form_needs(form: str, organization: bool, need: int) -> None:
    assert rules.needs(form, organization) == need


def test_a_title_case_spelling_in_the_data_matches_with_its_capital_only() -> None:
    assert texts("Tass said, TASS said, tass said.") == ["Tass", "TASS"]


def test_an_organization_name_in_lower_case_is_just_words() -> None:
    assert texts("Le Monde wrote that le monde has changed; Le monde too.") == ["Le Monde"]
    assert texts("Первый канал показал, а первый канал связи молчал.") == ["Первый канал"]
    assert texts("Russia Today aired it; Russia today is calm; RUSSIA TODAY.") == [
        "Russia Today",
        "RUSSIA TODAY",
    ]


@pytest.mark.parametrize("text", ["RT-PCR tests", "a qRT-PCR assay", "the PCR-RT step", "TASS-1"])
def test_an_acronym_in_a_code_compound_is_not_the_entity(text: str) -> None:
    assert texts(text) == []


def test_an_acronym_joined_to_a_lower_case_word_still_counts() -> None:
    assert texts("an RT-backed site") == ["RT"]


def test_an_acronym_spelled_out_as_something_else_is_refused_in_the_whole_article() -> None:
    text = "NTA said so. The National Testing Agency (NTA) set exams. NTA results follow."
    assert texts(text) == []
    assert texts("Nigerian Television Authority (NTA) aired it; NTA is public.") == [
        "Nigerian Television Authority",
        "NTA",
        "NTA",
    ]


def test_its_own_expansion_defines_an_acronym() -> None:
    assert found("Russia Today (RT) aired it.") == [
        (0, "Russia Today", ("rt",), "alias"),
        (0, "RT", ("rt",), "name"),
    ]


@pytest.mark.parametrize("text", ["Sputnik 1 flew", "sputnik 2", "Sputnik V doses"])
def test_exclude_patterns_and_phrases_consume_their_span(text: str) -> None:
    assert texts(text) == []


def test_an_exclude_pattern_needs_its_number() -> None:
    assert texts("Sputnik one day") == ["Sputnik"]
    assert rules.pattern("Sputnik V") is None


def test_another_full_name_with_the_surname_refuses_it_everywhere() -> None:
    text = "Gevorg Mirzayan spoke. Mirzayan smiled. Later Anna Mirzayan sang; Mirzayan bowed."
    assert found(text) == [(0, "Gevorg Mirzayan", ("mirzayan",), "name")]


@pytest.mark.parametrize(
    "before",
    ["President", "Yesterday", "said", "G.", "(", "Ms"],
)
def test_a_title_a_sentence_opener_or_a_matching_initial_keeps_the_surname(before: str) -> None:
    text = f"Gevorg Mirzayan spoke. {before} Mirzayan smiled."
    assert texts(text) == ["Gevorg Mirzayan", "Mirzayan"]


def test_an_initial_of_someone_else_refuses_the_surname() -> None:
    assert texts("Gevorg Mirzayan spoke. A. Mirzayan smiled; Mirzayan left.") == ["Gevorg Mirzayan"]


def test_a_russian_sentence_opening_noun_is_no_given_name() -> None:
    text = "Геворг Мирзаян выступил. Статью Мирзаяна прочли. Коллеги Мирзаяна согласны."
    assert texts(text) == ["Геворг Мирзаян", "Мирзаяна", "Мирзаяна"]
    assert texts("Геворг Мирзаян выступил. Анна Мирзаян пела, Мирзаян ушла.") == ["Геворг Мирзаян"]


def test_a_person_s_name_may_run_across_a_block_boundary() -> None:
    assert found("Opinion | Gevorg", "Mirzayan", "Mirzayan writes.") == [
        (0, "Gevorg", ("mirzayan",), "name"),
        (1, "Mirzayan", ("mirzayan",), "name"),
        (2, "Mirzayan", ("mirzayan",), "surname"),
    ]


def test_an_organization_s_name_may_not() -> None:
    assert texts("read on Russia", "Today it rained") == []


def test_chinese_names_are_found_inside_running_text_in_either_script() -> None:
    assert found("据新華社报道，李文华昨天说。") == [
        (0, "新華社", ("xinhua",), "alias"),
        (0, "李文华", ("li",), "alias"),
    ]


def test_latin_names_next_to_chinese_or_japanese_characters() -> None:
    assert texts("据NHK报道，Xinhua的记者在场。NHKによると日本放送協会は") == [
        "NHK",
        "Xinhua",
        "NHK",
        "日本放送協会",
    ]


def test_a_chinese_name_split_across_blocks() -> None:
    assert found("作者：李", "文华") == [(0, "李", ("li",), "alias"), (1, "文华", ("li",), "alias")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نقلت وكالة الأنباء القطرية الخبر", ["وكالة الأنباء القطرية"]),
        ("قال لوكالة الأنباء القطرية", ["وكالة الأنباء القطرية"]),
        ("قال لـوكالة الأنباء القطرية", ["وكالة الأنباء القطرية"]),
        ("قالت سلمى الحداد ووافقت والحداد", ["سلمى الحداد", "الحداد"]),
        ("سلمى الحداد في شارع بالحدادين", ["سلمى الحداد"]),
    ],
)
def test_arabic_names_after_proclitics_only(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_an_arabic_name_inside_another_word_is_refused() -> None:
    matcher = Matcher.build([NameEntry("m", "person", "person", "Khalid Mansour", ("خالد منصور",))])
    assert [m.text for m in matcher.annotate(["خالد منصور في حي المنصور"])] == ["خالد منصور"]


def test_a_switched_off_surname_and_a_lower_case_surname_do_not_count() -> None:
    assert texts("Oliver Young spoke; Young smiled; young voters.") == ["Oliver Young"]
    matcher = Matcher.build([NameEntry("c", "person", "person", "Claire Fontaine", ())])
    mentions = matcher.annotate(["Claire Fontaine drank at the fontaine; Fontaine left."])
    assert [m.text for m in mentions] == ["Claire Fontaine", "Fontaine"]


def test_case_pieces_after_apostrophes_and_hyphens_count() -> None:
    assert rules.needs("L'Economiste", True) == rules.EVERY_WORD
    matcher = Matcher.build([NameEntry("e", "organization", "outlet", "L'Economiste", ())])
    assert [m.text for m in matcher.annotate(["L'économiste a lu L'Economiste."])] == [
        "L'Economiste"
    ]


def test_a_name_opening_with_an_article_may_not_run_on_into_a_longer_name() -> None:
    matcher = Matcher.build([NameEntry("n", "organization", "outlet", "The National", ())])
    text = "The National Testing Agency met; The National reported it."
    assert [m.cp_start for m in matcher.annotate([text])] == [text.index("The National r")]


def test_an_organization_named_after_a_country_is_not_found_by_that_word() -> None:
    matcher = Matcher.build(
        [NameEntry("t", "organization", "outlet", "Turkiye", ("Türkiye gazetesi",))]
    )
    assert [m.text for m in matcher.annotate(["Türkiye and Türkiye gazetesi"])] == [
        "Türkiye gazetesi"
    ]
