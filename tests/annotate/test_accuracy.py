"""The labelled corpus (bench/corpus/): the matcher keeps its precision and recall."""

from pathlib import Path

import pytest

from bench import accuracy

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run


@pytest.fixture(scope="module")
def result() -> accuracy.Result:
    return accuracy.evaluate(accuracy.load_articles(accuracy.corpus_files()), accuracy.matcher())


def test_the_corpus_covers_six_languages_with_sixty_articles_and_traps(
    result: accuracy.Result,
) -> None:
    articles = accuracy.load_articles(accuracy.corpus_files())
    languages = {a.lang for a in articles if not a.trap}
    assert set(accuracy.LANGUAGES) <= languages
    assert sum(not a.trap for a in articles) >= 60
    assert sum(a.trap for a in articles) >= 10
    assert all(a.expected for a in articles if not a.trap)


def test_nothing_matches_in_the_traps_but_what_is_marked(result: accuracy.Result) -> None:
    assert result.traps.precision == 1.0, result.errors


def test_recall_and_precision_hold_in_every_language(result: accuracy.Result) -> None:
    assert result.overall.recall >= accuracy.TARGETS["recall"], result.errors
    for lang, tally in result.by_lang.items():
        assert tally.recall >= 0.9, (lang, result.errors)
        assert tally.precision >= 0.95, (lang, result.errors)


def test_every_mistake_is_reported_by_article(result: accuracy.Result) -> None:
    broken = accuracy.Article(
        "broken", "en", "names", False, ["TASS said so."], frozenset({(0, 0, 4, ("rt",))})
    )
    missed = accuracy.evaluate([broken], accuracy.matcher()).errors
    assert missed == ["broken: missed 'TASS' → rt", "broken: false 'TASS' → tass"]


def test_marks_are_stripped_with_exact_offsets() -> None:
    text, spans = accuracy.parse_block(2, "By [[a|Anna]] and [[b,a|AB]].")
    assert text == "By Anna and AB."
    assert spans == [(2, 3, 7, ("a",)), (2, 12, 14, ("a", "b"))]
    assert Path(accuracy.CORPUS / "gazetteer.yaml").exists()
