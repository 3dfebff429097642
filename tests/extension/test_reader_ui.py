"""End to end: the card and markers with a keyboard alone, on dark pages and on a phone screen."""

import pytest

from extension.scripts.harness.browser import WatchedPage
from tests.extension.test_e2e import open_article

pytestmark = pytest.mark.e2e

FOCUSED_JS = """() => {
  let el = document.activeElement, path = [];
  while (el) { path.push(el.tagName.toLowerCase()); el = el.shadowRoot?.activeElement ?? null; }
  return path.join('>');
}"""
DARK_PAGE_JS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = 'html, body { background: #111 !important; color: #eee; }';
  document.head.append(style);
});"""
CONTRAST_JS = """() => {
  const marker = document.querySelector('provenance-notes-marker');
  const b = marker.shadowRoot.querySelector('button');
  const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lin = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  const lum = (v) => v.map(lin).reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const a = lum(rgb(getComputedStyle(b).backgroundColor)), p = lum([17, 17, 17]);
  return (Math.max(a, p) + 0.05) / (Math.min(a, p) + 0.05);
}"""
MARKER = "provenance-notes-marker button[aria-label*='Mirzayan']"
CARD = "provenance-notes-card .card"


def test_keyboard_alone_opens_walks_and_leaves_the_card(page: WatchedPage) -> None:
    open_article(page)
    tab = page.page
    marker = tab.locator(MARKER).first
    marker.focus()
    tab.keyboard.press("Enter")
    card = tab.locator(CARD)
    card.wait_for(state="visible")
    assert tab.evaluate(FOCUSED_JS).endswith("provenance-notes-card>h2")
    follows = tab.evaluate(
        "() => document.querySelector('provenance-notes-card').previousSibling.tagName"
    )
    assert follows == "PROVENANCE-NOTES-MARKER", "the card sits right after its marker"
    for _ in range(30):
        tab.keyboard.press("Tab")
        if not card.is_visible():
            break
    assert not card.is_visible(), "tabbing past the card closes it"
    assert tab.evaluate(FOCUSED_JS).endswith("provenance-notes-marker>button")
    assert marker.get_attribute("aria-expanded") == "false"
    tab.keyboard.press("Enter")
    card.wait_for(state="visible")
    tab.keyboard.press("Shift+Tab")
    card.wait_for(state="hidden")
    assert tab.evaluate(FOCUSED_JS).endswith("provenance-notes-marker>button")
    tab.keyboard.press("Enter")
    card.wait_for(state="visible")
    tab.locator("body").click(position={"x": 2, "y": 2})
    card.wait_for(state="hidden")
    marker.focus()
    tab.keyboard.press("Enter")
    card.wait_for(state="visible")
    tab.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert page.errors == []


def test_phone_screen_compact_banner_sheet_card_and_24px_markers(page: WatchedPage) -> None:
    page.page.set_viewport_size({"width": 375, "height": 667})
    open_article(page)
    tab = page.page
    banner = tab.locator("provenance-notes-banner section").bounding_box()
    assert banner is not None
    assert banner["height"] <= 0.25 * 667, banner
    marker = tab.locator(MARKER).first
    box = marker.bounding_box()
    assert box is not None
    assert min(box["width"], box["height"]) >= 24, box
    marker.scroll_into_view_if_needed()
    marker.click()
    card = tab.locator(CARD)
    card.wait_for(state="visible")
    sheet = card.bounding_box()
    spot = marker.bounding_box()
    assert sheet is not None
    assert spot is not None
    assert sheet["x"] >= 0, sheet
    assert sheet["x"] + sheet["width"] <= 375 + 0.5, sheet
    assert sheet["y"] >= 0, sheet
    assert sheet["y"] + sheet["height"] <= 667 + 0.5, sheet
    overlap = min(sheet["y"] + sheet["height"], spot["y"] + spot["height"]) - max(
        sheet["y"], spot["y"]
    )
    assert overlap <= 0, "the sheet leaves the marker's line visible"
    assert page.errors == []


def test_dark_page_gives_dark_markers_with_contrast(page: WatchedPage) -> None:
    page.page.emulate_media(color_scheme="light")
    page.page.add_init_script(DARK_PAGE_JS)
    open_article(page)
    tab = page.page
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


def test_paragraphs_from_infinite_scroll_are_annotated(page: WatchedPage) -> None:
    open_article(page)
    tab = page.page
    tab.wait_for_function("() => document.querySelector('provenance-notes-marker')")
    before = tab.evaluate(COUNT_JS)
    tab.evaluate(APPEND_JS)
    tab.wait_for_function(
        f"() => document.querySelectorAll('provenance-notes-marker').length >= {before + 2}"
    )
    tab.wait_for_timeout(1500)
    assert tab.evaluate(COUNT_JS) == before + 2, "each new mention marked once, old text not redone"
    assert page.errors == []
