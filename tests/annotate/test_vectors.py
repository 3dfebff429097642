"""Shared test vectors: a compact annotate answer and the whole cards it stands for.

The extension's unit tests read extension/test/fixtures/annotate-vectors.json to prove that the
cards it writes out from the compact answer are exactly the server's whole cards. This test
regenerates the vectors from the real API and fails when the committed file is stale; write it
anew with `PROVNOTES_WRITE_VECTORS=1 pytest tests/annotate/test_vectors.py`.
"""

import json
import os
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.annotate.test_canonical import ARTICLE_URL, OWN_ARTICLE, blocks_of
from tests.support import ROOT

VECTORS = ROOT / "extension" / "test" / "fixtures" / "annotate-vectors.json"
PUBLISHED = "2026-11-25T17:00:00Z"  # seeding stamps the time; the vectors keep one fixed value


def renumber(answer: dict[str, Any]) -> None:
    """Number the sources 1, 2, … by URL and title: database ids differ between runs."""
    table = answer["citations"]
    order = sorted(table, key=lambda k: (table[k]["url"], table[k]["title"], k))
    new = {old: i for i, old in enumerate(order, 1)}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                if name == "citations" and isinstance(item, list):
                    value[name] = [new[str(k)] for k in item]
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answer["entities"])
    answer["citations"] = {str(new[k]): table[k] for k in order}


def vectors(client: TestClient) -> dict[str, Any]:
    body = {"url": ARTICLE_URL, "lang": "en", "blocks": blocks_of(OWN_ARTICLE)}
    answer = client.post("/v1/annotate", json=body).json()
    whole = {
        slug: client.get(f"/v1/entities/{slug}", params={"lang": "en"}).json()
        for slug in answer["entities"]
    }
    answer["data_version"] = 1
    renumber(answer)
    for card in [*answer["entities"].values(), *whole.values()]:
        card["review"]["published_at"] = PUBLISHED
    return {"answer": answer, "whole": whole}


def test_the_extension_vectors_are_current(client: TestClient, seeded: Session) -> None:
    found = vectors(client)
    assert found["answer"]["outlet"] == "sputnik"
    assert any(card["state_ties"] for card in found["answer"]["entities"].values())
    text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("PROVNOTES_WRITE_VECTORS"):
        VECTORS.write_text(text, encoding="utf-8")
    assert VECTORS.exists(), "run PROVNOTES_WRITE_VECTORS=1 pytest tests/annotate/test_vectors.py"
    assert VECTORS.read_text(encoding="utf-8") == text, (
        "the extension's annotate vectors are stale: run "
        "PROVNOTES_WRITE_VECTORS=1 pytest tests/annotate/test_vectors.py"
    )
