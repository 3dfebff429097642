"""The canonical page: the Sputnik S-400 article annotates as a reader should see it."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.annotate.models import AnnotateResponse
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
    """The canonical article's blocks; tests ask for it first, so that a missing article stops
    them before the seed data is loaded."""
    return blocks_of(canonical_article())


def test_the_outlet_card_shows_category_and_owner_chain(
    canonical_blocks: list[str], client: TestClient, seeded: Session
) -> None:
    result = annotate(client, canonical_blocks)
    assert result["outlet"] == "sputnik"
    outlet = result["entities"]["sputnik"]
    assert outlet["category"]["value"] == "state_controlled"
    assert outlet["category"]["citations"]
    [owner] = [a for a in outlet["affiliations"] if a["type"] == "owned_by"]
    assert owner["organization"] == "rossiya-segodnya"
    assert result["organizations"]["rossiya-segodnya"]["name"] == "Rossiya Segodnya"
    assert owner["citations"]
    chain = outlet["state_ties"][0]
    assert outlet["affiliations"][chain["via"]] == owner
    assert [hop["to"] for hop in chain["hops"]] == ["government-of-russia"]
    assert all(hop["citations"] for hop in chain["hops"])


def test_each_quoted_person_is_found_at_exact_spans(
    canonical_blocks: list[str], client: TestClient, seeded: Session
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
    canonical_blocks: list[str], client: TestClient, seeded: Session
) -> None:
    result = annotate(client, canonical_blocks)
    cited = {
        (m["text"], tuple(m["entities"])) for m in result["mentions"] if m["kind"] == "cited_outlet"
    }
    assert ("Sputnik Turkiye", ("sputnik-turkiye",)) in cited
    assert ("Sputnik", ("sputnik",)) in cited
    edition = result["entities"]["sputnik-turkiye"]
    assert any(
        a["type"] == "edition_of" and a["organization"] == "sputnik"
        for a in edition["affiliations"]
    )


def test_mirzayan_is_tied_to_the_state_through_the_financial_university(
    canonical_blocks: list[str], client: TestClient, seeded: Session
) -> None:
    result = annotate(client, canonical_blocks)
    card = result["entities"]["gevorg-mirzayan"]
    tie = card["state_ties"][0]
    assert card["affiliations"][tie["via"]]["organization"] == "financial-university"
    assert [hop["to"] for hop in tie["hops"]] == ["government-of-russia"]
    assert (tie["reaches"], tie["why"]) == ("government-of-russia", "government")
    for hop in tie["hops"]:
        assert hop["citations"], hop
        assert all(result["citations"][str(k)]["url"].startswith("http") for k in hop["citations"])


def test_the_heads_of_state_are_named(
    canonical_blocks: list[str], client: TestClient, seeded: Session
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


def test_the_answer_has_each_card_and_source_once_by_key_and_stays_under_15_kb(
    canonical_blocks: list[str], client: TestClient, seeded: Session
) -> None:
    body = {"url": ARTICLE_URL, "lang": "en", "blocks": canonical_blocks}
    response = client.post("/v1/annotate", json=body)
    assert len(response.content) <= 15 * 1024, len(response.content)
    result = AnnotateResponse.model_validate_json(response.content).model_dump()
    entities, orgs, cites = result["entities"], result["organizations"], result["citations"]
    assert result["outlet"] in entities
    assert all(slug in entities for m in result["mentions"] for slug in m["entities"])
    for card in entities.values():
        affiliations = card["affiliations"]
        keys = [*card["citations"], *(k for a in affiliations for k in a["citations"])]
        assert all(a["organization"] in orgs for a in affiliations)
        for tie in card["state_ties"]:
            assert 0 <= tie["via"] < len(affiliations)
            assert tie["reaches"] in orgs
            assert all(hop["to"] in orgs for hop in tie["hops"])
            keys += [k for hop in tie["hops"] for k in hop["citations"]]
        assert {str(k) for k in keys} <= set(cites)
    assert response.text.count('"publisher":') == len(cites)  # every source written once
    assert len(entities) == 7
