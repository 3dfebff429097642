"""End to end in Chromium and Firefox: the card and markers with a keyboard alone, on dark pages,
on a phone screen, and on paragraphs that arrive later."""

import time

import pytest

from extension.scripts.harness.tabs import Tab
from tests.extension.scenarios import (
    BANNER_BOX_JS,
    card,
    click_middle,
    expanded,
    focus_marker,
    focused,
    marker,
    open_profiled_article,
    tab_past_card,
    wait_card,
)

pytestmark = pytest.mark.e2e

DARK_PAGE = "<style>html, body { background: #111 !important; color: #eee; }</style>"
CONTRAST_JS = """() => {
  const marker = document.querySelector('provenance-notes-marker');
  const b = marker.shadowRoot.querySelector('button');
  const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lin = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  const lum = (v) => v.map(lin).reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const a = lum(rgb(getComputedStyle(b).backgroundColor)), p = lum([17, 17, 17]);
  return (Math.max(a, p) + 0.05) / (Math.min(a, p) + 0.05);
}"""
FOLLOWS_JS = "() => document.querySelector('provenance-notes-card').previousSibling.tagName"


def test_keyboard_alone_opens_walks_and_leaves_the_card(tab: Tab) -> None:
    open_profiled_article(tab)
    focus_marker(tab, "Mirzayan")
    tab.press("Enter")
    wait_card(tab, shown=True)
    assert focused(tab).endswith("provenance-notes-card>h2")
    assert tab.evaluate(FOLLOWS_JS) == "PROVENANCE-NOTES-MARKER", "the card sits after its marker"
    tab_past_card(tab)
    assert expanded(tab, "Mirzayan") == "false"
    tab.press("Enter")
    wait_card(tab, shown=True)
    tab.press("Shift+Tab")
    wait_card(tab, shown=False)
    assert focused(tab).endswith("provenance-notes-marker>button")
    tab.press("Enter")
    wait_card(tab, shown=True)
    tab.click(2, 2)
    wait_card(tab, shown=False)
    focus_marker(tab, "Mirzayan")
    tab.press("Enter")
    wait_card(tab, shown=True)
    tab.press("Escape")
    wait_card(tab, shown=False)
    assert tab.errors == []


def test_phone_screen_compact_banner_sheet_card_and_24px_markers(tab: Tab) -> None:
    tab.set_viewport(375, 667)
    open_profiled_article(tab)
    banner = tab.evaluate(BANNER_BOX_JS)
    assert banner["height"] <= 0.25 * 667, banner
    focus_marker(tab, "Mirzayan")
    spot = marker(tab, "Mirzayan")["box"]
    assert min(spot["width"], spot["height"]) >= 24, spot
    click_middle(tab, spot)
    wait_card(tab, shown=True)
    shown = card(tab)
    assert shown is not None
    sheet = shown["box"]
    assert sheet["x"] >= 0, sheet
    assert sheet["x"] + sheet["width"] <= 375 + 0.5, sheet
    assert sheet["y"] >= 0, sheet
    assert sheet["y"] + sheet["height"] <= 667 + 0.5, sheet
    overlap = min(sheet["y"] + sheet["height"], spot["y"] + spot["height"]) - max(
        sheet["y"], spot["y"]
    )
    assert overlap <= 0, "the sheet leaves the marker's line visible"
    assert tab.errors == []


def test_dark_page_gives_dark_markers_with_contrast(tab: Tab) -> None:
    open_profiled_article(tab, head=DARK_PAGE)
    ratio = tab.evaluate(CONTRAST_JS)
    assert ratio >= 3, ratio


APPEND_JS = """() => {
  const article = document.querySelector('article') ?? document.body;
  for (const i of [1, 2]) {
    const p = document.createElement('p');
    p.textContent = `Later update ${i}: Cenk Başlamış said the talks would go on for some weeks, ` +
      'according to people who followed them closely in Ankara.';
    article.append(p);
  }
}"""
COUNT_JS = "() => document.querySelectorAll('provenance-notes-marker').length"


def test_paragraphs_from_infinite_scroll_are_annotated(tab: Tab) -> None:
    open_profiled_article(tab)
    before = tab.evaluate(COUNT_JS)
    tab.evaluate(APPEND_JS)
    tab.wait_for_function(
        "(n) => document.querySelectorAll('provenance-notes-marker').length >= n", before + 2
    )
    time.sleep(1.5)
    assert tab.evaluate(COUNT_JS) == before + 2, "each new mention marked once, old text not redone"
    assert tab.errors == []
