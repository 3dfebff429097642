"""The local matcher's vectors and name pack in extension/test/fixtures are the engine's own.

They fail when the matcher, the seed data or the corpus changed and `make vectors` was not run."""

import json

import pytest

from bench import accuracy
from tests.annotate import match_vectors as mv

# Independent of the database: the SQLite run covers it, the PostgreSQL run need not repeat it.
pytestmark = pytest.mark.sqlite_run


def test_the_checked_in_vectors_are_what_the_engine_writes_now() -> None:
    pack, vectors = mv.generate(accuracy.matcher())
    written = json.loads(mv.VECTORS.read_text(encoding="utf-8"))
    if vectors["canonical"] is None:  # no ../shared here: its reference is kept as written
        vectors["canonical"] = written["canonical"]
    assert len(vectors["cases"]) >= 2000
    assert mv.dump(pack) == mv.PACK.read_text(encoding="utf-8"), "run `make vectors`"
    assert vectors == written, "run `make vectors`"


def test_the_corpus_covers_every_script_the_data_uses() -> None:
    text = " ".join(" ".join(case["blocks"]) for case in mv.corpus())
    for char in (
        "М",
        "ы",
        "ş",
        "中",
        "據",
        "ع",
        "é",
        "\u0301",
        "𝐀",
        "😀",
        "\u200b",
        "\u00ad",
        "\u00a0",
    ):
        assert char in text, repr(char)
