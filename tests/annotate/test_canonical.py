"""The canonical page: the Sputnik S-400 article annotates as a reader should see it."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.support import ROOT, canonical_article

ARTICLE_URL = "https://sputniknews.com/world/201705051053318903-turkey-russia-s400-nato/"
OWN_ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "s400-talks.txt"


def blocks_of(path: Path) -> list[str]:
    """Split a captured page into text blocks the way the extension sends them."""
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def utf16_span(block: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = block.index(needle, start + 1)
    prefix = len(block[:start].encode("utf-16-le")) // 2
    return prefix, prefix + len(needle.encode("utf-16-le")) // 2


def annotate(client: TestClient, blocks: list[str], url: str = ARTICLE_URL) -> dict[str, Any]:
    response = client.post("/v1/annotate", json={"url": url, "lang": "en", "blocks": blocks})
    assert response.status_code == 200, response.text
    return response.json()


def spans(result: dict[str, Any], slug: str) -> list[tuple[int, int, int, str]]:
    return [
        (m["block"], m["start"], m["end"], m["match"])
        for m in result["mentions"]
        if slug in m["entities"]
    ]


@pytest.fixture
def canonical_blocks() -> list[str]:
    return blocks_of(canonical_article())


def test_the_outlet_card_shows_category_and_owner_chain(
    client: TestClient, seeded: Session, canonical_blocks: list[str]
) -> None:
    outlet = annotate(client, canonical_blocks)["outlet"]
    assert outlet["slug"] == "sputnik"
    assert outlet["category"]["value"] == "state_controlled"
    assert outlet["category"]["citations"]
    [owner] = [a for a in outlet["affiliations"] if a["type"] == "owned_by"]
    assert owner["organization"]["slug"] == "rossiya-segodnya"
    assert owner["citations"]
    chain = outlet["state_ties"][0]
    assert chain["hops"][0]["to"] == "rossiya-segodnya"
    assert all(hop["citations"] for hop in chain["hops"])


def test_each_quoted_person_is_found_at_exact_spans(
    client: TestClient, seeded: Session, canonical_blocks: list[str]
) -> None:
    result = annotate(client, canonical_blocks)
    mirzayan_block = next(i for i, b in enumerate(canonical_blocks) if "Gevorg Mirzayan" in b)
    said_block = next(i for i, b in enumerate(canonical_blocks) if "Mirzayan said" in b)
    expected_mirzayan = [
        (mirzayan_block, *utf16_span(canonical_blocks[mirzayan_block], "Gevorg Mirzayan"), "name"),
        (said_block, *utf16_span(canonical_blocks[said_block], "Mirzayan"), "surname"),
    ]
    assert spans(result, "gevorg-mirzayan") == expected_mirzayan

    baslamis = [i for i, b in enumerate(canonical_blocks) if "Cenk Başlamış" in b]
    assert len(baslamis) == 2
    assert spans(result, "cenk-baslamis") == [
        (i, *utf16_span(canonical_blocks[i], "Cenk Başlamış"), "name") for i in baslamis
    ]
    for mention in result["mentions"]:
        block = canonical_blocks[mention["block"]]
        assert block[mention["start"] : mention["end"]] == mention["text"]  # BMP-only page


def test_cited_outlets_are_reported(
    client: TestClient, seeded: Session, canonical_blocks: list[str]
) -> None:
    result = annotate(client, canonical_blocks)
    cited = {
        (m["text"], tuple(m["entities"])) for m in result["mentions"] if m["kind"] == "cited_outlet"
    }
    assert ("Sputnik Turkiye", ("sputnik-turkiye",)) in cited
    assert ("Sputnik", ("sputnik",)) in cited
    edition = result["entities"]["sputnik-turkiye"]
    assert any(
        a["type"] == "edition_of" and a["organization"]["slug"] == "sputnik"
        for a in edition["affiliations"]
    )


def test_mirzayan_is_tied_to_the_state_through_the_financial_university(
    client: TestClient, seeded: Session, canonical_blocks: list[str]
) -> None:
    card = annotate(client, canonical_blocks)["entities"]["gevorg-mirzayan"]
    tie = card["state_ties"][0]
    assert [hop["to"] for hop in tie["hops"]] == ["financial-university", "government-of-russia"]
    assert tie["reaches"]["why"] == "government"
    for hop in tie["hops"]:
        assert hop["citations"], hop
        assert all(c["url"].startswith("http") for c in hop["citations"])


def test_the_heads_of_state_are_named(
    client: TestClient, seeded: Session, canonical_blocks: list[str]
) -> None:
    found = {slug for m in annotate(client, canonical_blocks)["mentions"] for slug in m["entities"]}
    assert {"vladimir-putin", "recep-tayyip-erdogan"} <= found


def test_our_own_article_annotates_the_same_people(client: TestClient, seeded: Session) -> None:
    blocks = blocks_of(OWN_ARTICLE)
    result = annotate(client, blocks)
    found = {(m["text"], m["match"]) for m in result["mentions"]}
    assert ("Gevorg Mirzayan", "name") in found
    assert ("Mirzayan", "surname") in found
    assert ("Mirzayan's", "surname") in found or ("Mirzayan", "surname") in found
    assert ("Cenk Başlamış", "name") in found
    assert ("Başlamış", "surname") in found
    assert ("Baslamis", "surname") in found
    assert ("Sputnik Türkiye", "name") in found or ("Sputnik Türkiye", "alias") in found
    for mention in result["mentions"]:
        encoded = blocks[mention["block"]].encode("utf-16-le")
        assert (
            encoded[2 * mention["start"] : 2 * mention["end"]].decode("utf-16-le")
            == mention["text"]
        )
