"""Russian case forms, generated with pymorphy3 when the matcher is built."""

import pytest

from api.annotate.inflection import _analyzer, is_given_name, organization_forms, person_forms
from api.annotate.matcher import Matcher, NameEntry

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run


def test_a_man_s_name_in_every_oblique_case() -> None:
    assert person_forms("Геворг Мирзаян") == (
        "Геворга Мирзаяна",
        "Геворгу Мирзаяну",
        "Геворгом Мирзаяном",
        "Геворге Мирзаяне",
    )


def test_a_woman_s_surname_follows_her_given_name() -> None:
    assert "Анной Петровой" in person_forms("Анна Петрова")
    assert "Анну Петрову" in person_forms("Анна Петрова")


def test_an_indeclinable_surname_keeps_its_form() -> None:
    assert person_forms("Сергей Шойгу") == (
        "Сергея Шойгу",
        "Сергею Шойгу",
        "Сергеем Шойгу",
        "Сергее Шойгу",
    )


def test_an_unknown_surname_is_inflected_like_others_with_its_ending() -> None:
    assert person_forms("Армен Мирзаян")[0] == "Армена Мирзаяна"


@pytest.mark.parametrize("name", ["Gevorg Mirzayan", "RT на русском", ""])
def test_only_cyrillic_names_inflect(name: str) -> None:
    assert person_forms(name) == ()
    assert organization_forms(name) == ()


def test_an_organization_inflects_its_leading_words_only() -> None:
    forms = organization_forms("Финансовый университет при Правительстве Российской Федерации")
    assert "Финансового университета при Правительстве Российской Федерации" in forms
    assert organization_forms("Первый канал")[:2] == ("Первого канала", "Первому каналу")
    assert organization_forms("РИА Новости") == ()


def test_given_names_are_told_from_other_words() -> None:
    assert is_given_name("Анна")
    assert not is_given_name("Статью")


@pytest.mark.parametrize(
    "word", ["Анна", "Анной", "Михаила", "Алёна", "Фёдору", "Статью", "Москва", "Орлова"]
)
def test_the_shipped_given_names_are_the_dictionarys(word: str) -> None:
    """The list `make given-names` wrote holds a word's form when the dictionary tags it Name."""
    known = [p for p in _analyzer().parse(word) if p.is_known]
    assert is_given_name(word) == any("Name" in p.tag for p in known)


def test_the_matcher_finds_case_forms_and_their_surnames() -> None:
    matcher = Matcher.build(
        [NameEntry("g", "person", "person", "Gevorg Mirzayan", ("Геворг Мирзаян",))]
    )
    mentions = matcher.annotate(["Мнение Геворга Мирзаяна известно.", "Статью Мирзаяну прислали."])
    assert [(m.text, m.match) for m in mentions] == [
        ("Геворга Мирзаяна", "alias"),
        ("Мирзаяну", "surname"),
    ]
