"""Cleaning dataset names: aliases in parentheses, qualifiers, remarks, prefixes, slugs."""

from api.importers.names import clean_name, guess_kind, name_key, slugify, too_plain


def test_a_parenthesised_acronym_becomes_an_alias() -> None:
    cleaned = clean_name("Radio Television Afghanistan (RTA)")
    assert cleaned.name == "Radio Television Afghanistan"
    assert cleaned.aliases == ("RTA",)
    assert clean_name("Rossiya Segodnya (Russia Today)").aliases == ("Russia Today",)


def test_other_scripts_in_parentheses_become_aliases() -> None:
    assert clean_name("Russia-24 (Россия-24)").aliases == ("Россия-24",)


def test_a_language_or_edition_qualifier_stays_in_the_name() -> None:
    assert clean_name("People's Daily (English)").name == "People's Daily (English)"
    assert clean_name("Sputnik (UK edition)").name == "Sputnik (UK edition)"


def test_a_lower_case_remark_is_dropped_and_reported() -> None:
    cleaned = clean_name("Financial News (subsidiary of People’s Bank of China)")
    assert cleaned.name == "Financial News"
    assert cleaned.aliases == ()
    assert "subsidiary of" in cleaned.notes[0]


def test_an_unclosed_parenthesis_drops_the_rest() -> None:
    cleaned = clean_name("Yicai Media Group (Television: Yicai TV")
    assert cleaned.name == "Yicai Media Group"
    assert "unclosed" in cleaned.notes[0]


def test_a_media_type_prefix_gives_the_kind() -> None:
    cleaned = clean_name("News agency: Xinhua")
    assert (cleaned.name, cleaned.kind) == ("Xinhua", "news_agency")


def test_prefix_kinds_and_guessed_kinds() -> None:
    assert clean_name("Television: Myawaddy TV").kind == "broadcaster"
    assert clean_name("Print media: 7 Days").name == "7 Days"
    assert clean_name("Sputnik: the first").kind is None
    assert guess_kind("Bakhtar News Agency") == "news_agency"
    assert guess_kind("Bangladesh Betar Radio") == "broadcaster"
    assert guess_kind("Kuensel") == "outlet"


def test_trailing_asterisk_and_spacing_are_removed() -> None:
    assert clean_name(" VGTRK\u00a0 Holding* ").name == "VGTRK Holding"


def test_name_keys_and_slugs_fold_accents_case_and_punctuation() -> None:
    assert name_key("People’s Daily") == name_key("PEOPLES daily") == "peoples daily"
    assert slugify("Teledifusão de Macau") == "teledifusao-de-macau"
    assert slugify("中央社") == ""


def test_names_made_of_ordinary_words_are_too_plain_to_match_in_text() -> None:
    assert too_plain("Daily News")
    assert too_plain("Channel 5")
    assert too_plain("Government press unit")
    assert too_plain("Televisión Pública")
    assert too_plain("Mir")
    assert not too_plain("Kuensel")  # one word, but longer than a common short word
    assert not too_plain("BSS")  # an acronym: the matcher wants it in capitals
    assert not too_plain("Khmer Times")
