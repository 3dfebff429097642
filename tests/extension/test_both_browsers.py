"""End to end in Chromium and in Firefox: the built extension's notes on a profiled page."""

from pathlib import Path

import pytest

from extension.scripts.harness.server import ApiServer
from extension.scripts.harness.tabs import Tab
from tests.extension.scenarios import (
    annotate_calls,
    article_text,
    card,
    focus_marker,
    focused,
    markers,
    open_profiled_article,
    wait_card,
)

pytestmark = pytest.mark.e2e


def expanded(tab: Tab, name: str) -> str:
    """aria-expanded of the first marker whose label names `name`."""
    return str(next(m for m in markers(tab) if name in m["label"])["expanded"])


def test_profiled_page_shows_banner_markers_and_a_keyboard_card(
    tab: Tab, server: ApiServer, artifacts: Path
) -> None:
    before = annotate_calls(server)
    open_profiled_article(tab)
    assert annotate_calls(server) == before + 1

    banner = tab.evaluate(
        "() => document.querySelector('provenance-notes-banner').shadowRoot"
        ".querySelector('section').innerText"
    )
    for words in ("Sputnik", "State-controlled media", "Rossiya Segodnya"):
        assert words in banner, banner
    found = markers(tab)
    for surname in ("Mirzayan", "Başlamış"):
        at_name = [m for m in found if surname in m["label"]]
        assert len(at_name) == article_text().count(surname), (surname, found)
        assert all(m["before"].endswith(surname) for m in at_name), at_name
        assert all(min(m["box"]["width"], m["box"]["height"]) >= 24 for m in at_name), at_name

    focus_marker(tab, "Mirzayan")
    tab.press("Enter")
    wait_card(tab, shown=True)
    shown = card(tab)
    assert shown is not None
    assert "Financial University under the Government of the Russian Federation" in shown["text"]
    assert shown["links"], "the chain of ties cites its sources"
    assert all(link["href"].startswith("https://") for link in shown["links"]), shown["links"]
    assert focused(tab).endswith("provenance-notes-card>h2"), "focus moves into the card"
    assert expanded(tab, "Mirzayan") == "true"
    tab.screenshot(artifacts / f"e2e-{tab.browser_name}-card.png")

    tab.press("Escape")
    wait_card(tab, shown=False)
    assert focused(tab).endswith("provenance-notes-marker>button"), "focus returns to the marker"
    assert expanded(tab, "Mirzayan") == "false"

    tab.press("Enter")
    wait_card(tab, shown=True)
    for _ in range(30):
        tab.press("Tab")
        if card(tab) is None:
            break
    assert card(tab) is None, "tabbing past the card closes it"
    assert focused(tab).endswith("provenance-notes-marker>button")

    focus_marker(tab, "Başlamış")
    baslamis = next(m for m in markers(tab) if "Başlamış" in m["label"])
    box = baslamis["box"]
    tab.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_card(tab, shown=True)
    shown = card(tab)
    assert shown is not None
    assert "Cenk Başlamış" in shown["text"]
    tab.press("Escape")
    wait_card(tab, shown=False)
    assert tab.errors == []
    assert tab.dialogs == []
