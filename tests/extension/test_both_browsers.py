"""End to end in Chromium and in Firefox: notes on a profiled page, and where a card goes."""

from pathlib import Path

import pytest

from extension.scripts.harness.server import ApiServer
from extension.scripts.harness.tabs import Tab
from tests.extension.scenarios import (
    annotate_calls,
    article_text,
    card,
    click_middle,
    expanded,
    focus_marker,
    focused,
    marker,
    markers,
    open_profiled_article,
    tab_past_card,
    wait_card,
)

pytestmark = pytest.mark.e2e


def test_profiled_page_shows_banner_markers_and_a_keyboard_card(
    tab: Tab, server: ApiServer, artifacts: Path
) -> None:
    before = annotate_calls(server)
    open_profiled_article(tab)
    assert annotate_calls(server) == before, "names are matched on the device"

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
    tab_past_card(tab)

    focus_marker(tab, "Başlamış")
    click_middle(tab, marker(tab, "Başlamış")["box"])
    wait_card(tab, shown=True)
    shown = card(tab)
    assert shown is not None
    assert "Cenk Başlamış" in shown["text"]
    tab.press("Escape")
    wait_card(tab, shown=False)
    assert tab.errors == []
    assert tab.dialogs == []


FILLER = (
    "The negotiators met again on Tuesday in a hotel by the sea, and the talks went on late into "
    "the night while reporters waited outside in the rain for any word of progress. "
)
SENTENCE = (
    "In a long interview about the weapons deal, the pipeline and the grain corridor, Gevorg "
    "Mirzayan argued that neither capital could afford to walk away from the table now, because "
    "both governments had promised their voters a result before the summer and because the "
    "markets had already priced in an agreement that nobody had yet written down on paper."
)
LONG_PARAGRAPH_PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Talks</title><style>
body {{ margin: 0; font: 19px/1.6 Georgia, "DejaVu Serif", serif; }}
main {{ max-width: 720px; margin: 0 auto; padding: 24px; }}
</style></head><body><main><article><h1>Talks go on</h1>
<p>{FILLER * 9}{SENTENCE} {FILLER * 9}</p>
<p>{FILLER * 2}</p></article></main></body></html>"""
# The lines of a sentence, from its text nodes only (Firefox counts the rects of a shadow tree
# inside a range, and the card's shadow tree sits inside the sentence).
SENTENCE_JS = """([first, last]) => {
  const paragraph = document.querySelector('article p');
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  const rects = [];
  let inside = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!inside && node.data.includes(first)) {
      inside = true;
      range.setStart(node, node.data.indexOf(first));
    }
    if (!inside) continue;
    const done = node.data.includes(last);
    if (done) range.setEnd(node, node.data.indexOf(last) + last.length);
    rects.push(...[...range.getClientRects()].filter((r) => r.width > 1)
      .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    if (done) break;
  }
  return rects;
}"""


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes ({x, y, width, height}) share any area."""
    return (
        min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 0.5
        and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 0.5
    )


@pytest.mark.parametrize("how", ["keyboard", "pointer"])
def test_card_leaves_the_sentence_it_explains_visible(tab: Tab, how: str) -> None:
    tab.serve_html("https://sputniknews.com/", LONG_PARAGRAPH_PAGE)
    tab.goto("https://sputniknews.com/2021/03/04/long-paragraph.html")
    tab.wait_for_function("() => document.querySelector('provenance-notes-marker')")
    focus_marker(tab, "Mirzayan")
    if how == "keyboard":
        tab.press("Enter")
    else:
        click_middle(tab, marker(tab, "Mirzayan")["box"])
    wait_card(tab, shown=True)
    shown = card(tab)
    assert shown is not None
    lines = tab.evaluate(SENTENCE_JS, ["In a long interview", "down on paper."])
    assert len(lines) >= 3, "the sentence runs over several lines after its marker"
    paragraph = tab.evaluate(
        "() => document.querySelector('article p').getBoundingClientRect().height"
    )
    assert paragraph > 900, "the paragraph is taller than the screen: no room beside or around it"
    covered = [line for line in lines if overlap(line, shown["box"])]
    assert covered == [], (shown["box"], covered)
    assert shown["box"]["y"] >= 0
    assert shown["box"]["y"] + shown["box"]["height"] <= 900 + 0.5
    assert tab.errors == []
