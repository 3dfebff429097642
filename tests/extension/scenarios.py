"""Browser-neutral steps for the end-to-end tests: each drives a `Tab`, in Chromium or Firefox."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extension.scripts.harness.browser import WatchedPage, serve_html
from extension.scripts.harness.firefox import FIREFOX, Firefox, build_extension, open_firefox
from extension.scripts.harness.pages import article_page
from extension.scripts.harness.server import ApiServer
from extension.scripts.harness.tabs import Tab
from tests.support import require

OWN_ARTICLE = Path(__file__).resolve().parents[2] / "extension/test/fixtures/own-article.txt"
PROFILED_URL = "https://sputniknews.com/20200126/1076123456.html"
HEADLINE = "Russia and Turkey weigh S-400 deliveries as Putin and Erdogan meet in Sochi"
# On the outlet of the tests' own seed profiles (conftest.E2E_SEED), naming their analyst.
GAZETTE_ARTICLE = (
    "08:00 GMT 4 March 2021\n\n"
    "Selin Aydemir, an analyst who follows the talks closely, said both capitals "
    "want an agreement before the summer.\n\n"
    "Aydemir added that the timetable stays tight, and that nobody in the room "
    "expects a quick result this month.\n\n"
    "talks, analysis\nComment"
)

MARKERS_JS = """() => [...document.querySelectorAll('provenance-notes-marker')].map((m) => {
  const range = document.createRange();
  const block = m.closest('p, li, h1, h2, h3, div') ?? m.parentNode;
  range.setStart(block, 0);
  range.setEndBefore(m);
  const button = m.shadowRoot.querySelector('button');
  const box = button.getBoundingClientRect();
  return { label: button.getAttribute('aria-label'), expanded: button.getAttribute('aria-expanded'),
           before: range.toString(), block: block.textContent,
           box: { x: box.x, y: box.y, width: box.width, height: box.height } };
})"""
FOCUSED_JS = """() => {
  let el = document.activeElement, path = [];
  while (el) { path.push(el.tagName.toLowerCase()); el = el.shadowRoot?.activeElement ?? null; }
  return path.join('>');
}"""
CARD_JS = """() => {
  const host = document.querySelector('provenance-notes-card');
  const card = host?.shadowRoot.querySelector('.card');
  if (!host || !card || card.hidden) return null;
  const box = card.getBoundingClientRect();
  return { text: card.innerText, links: [...card.querySelectorAll('ol.chain a')].map((a) =>
             ({ href: a.getAttribute('href'), target: a.getAttribute('target') })),
           box: { x: box.x, y: box.y, width: box.width, height: box.height } };
}"""
CARD_OPEN_JS = f"() => ({CARD_JS})() !== null"
CARD_CLOSED_JS = f"() => ({CARD_JS})() === null"
FOCUS_MARKER_JS = """(name) => {
  const button = [...document.querySelectorAll('provenance-notes-marker')]
    .map((m) => m.shadowRoot.querySelector('button'))
    .find((b) => b.getAttribute('aria-label').includes(name));
  button.scrollIntoView({ block: 'center' });
  button.focus();
  return document.activeElement?.tagName;
}"""
BANNER_BOX_JS = """() => {
  const box = document.querySelector('provenance-notes-banner').shadowRoot
    .querySelector('section').getBoundingClientRect();
  return { x: box.x, y: box.y, width: box.width, height: box.height };
}"""


def article_text() -> str:
    """The project's own article (the canonical one stays in ../shared)."""
    return OWN_ARTICLE.read_text(encoding="utf-8")


def wait_until(
    condition: Callable[[], object], timeout: float = 20.0, what: str = "condition"
) -> None:
    """Poll until `condition()` is truthy, at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def annotate_calls(server: ApiServer) -> int:
    """How many POST /v1/annotate requests the server logged."""
    return sum(1 for p in server.paths() if p.endswith("/v1/annotate") and p.startswith("POST"))


def profiled_article_html(head: str = "") -> str:
    """The own article as a sputniknews.com page, names split across elements as real pages
    do (`head`: more markup for its head)."""
    return article_page(
        article_text(),
        title=HEADLINE,
        site="sputniknews.com",
        head=head,
        wrap={
            "Gevorg Mirzayan": 'Gevorg <a href="/authors/mirzayan">Mirzayan</a>',
            "Sputnik Turkiye": "<em>Sputnik Turkiye</em>",
        },
    )


@contextmanager
def firefox_for(
    server: ApiServer, workdir: Path, prefs: dict[str, object] | None = None
) -> Iterator[Firefox]:
    """firefox-esr with the extension built for `server` installed, once it marks a probe page
    (its start-up downloads are in); `prefs`: more preferences, e.g. a proxy's."""
    require(FIREFOX.exists(), f"{FIREFOX} is missing: apt-get install -y firefox-esr")
    dist = build_extension(workdir / "dist", server.base_url)
    with open_firefox(dist, prefs=prefs) as firefox:
        firefox.wait_for_notes("http://sputniknews.com/e2e/ready.html", profiled_article_html())
        yield firefox


def open_gazette_article(page: WatchedPage, path: str) -> None:
    """Open `GAZETTE_ARTICLE` at `path` on gazette.example.com, in a Chromium tab."""
    serve_html(
        page.page,
        "https://gazette.example.com/**",
        article_page(GAZETTE_ARTICLE, title="Talks go on", site="gazette.example.com"),
    )
    page.page.goto(f"https://gazette.example.com{path}")


def open_profiled_article(tab: Tab, url: str = PROFILED_URL, head: str = "") -> None:
    """The own article at a profiled host; returns once the banner and the markers are in."""
    parts = urlsplit(url)
    tab.serve_html(f"{parts.scheme}://{parts.netloc}/", profiled_article_html(head))
    tab.goto(url)
    tab.wait_for_function(
        "() => document.querySelector('provenance-notes-banner')"
        " && document.querySelector('provenance-notes-marker')"
    )


def markers(tab: Tab) -> list[dict[str, Any]]:
    """Every marker: its label, aria-expanded, the block text before it and its box."""
    found: list[dict[str, Any]] = tab.evaluate(MARKERS_JS)
    return found


def marker(tab: Tab, name: str) -> dict[str, Any]:
    """The first marker whose label names `name` (as `markers` describes it)."""
    return next(m for m in markers(tab) if name in m["label"])


def expanded(tab: Tab, name: str) -> str:
    """aria-expanded of the first marker whose label names `name`."""
    return str(marker(tab, name)["expanded"])


def click_middle(tab: Tab, box: dict[str, float]) -> None:
    """Click the middle of a box ({x, y, width, height}), as a pointer would."""
    tab.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def card(tab: Tab) -> dict[str, Any] | None:
    """The open card's text, chain links and box, or None when no card is shown."""
    shown: dict[str, Any] | None = tab.evaluate(CARD_JS)
    return shown


def focus_marker(tab: Tab, name: str) -> None:
    """Scroll the first marker whose label names `name` to the middle and focus it."""
    assert tab.evaluate(FOCUS_MARKER_JS, name) == "PROVENANCE-NOTES-MARKER"


def focused(tab: Tab) -> str:
    """The focused element's path through shadow roots, e.g. `provenance-notes-card>h2`."""
    return str(tab.evaluate(FOCUSED_JS))


def wait_card(tab: Tab, shown: bool) -> None:
    """Wait until a card is shown (or none is)."""
    tab.wait_for_function(CARD_OPEN_JS if shown else CARD_CLOSED_JS, timeout_ms=5_000)


def tab_past_card(tab: Tab) -> None:
    """Press Tab through the open card: leaving it closes it and puts focus on a marker."""
    for _ in range(30):
        tab.press("Tab")
        if card(tab) is None:
            break
    assert card(tab) is None, "tabbing past the card closes it"
    assert focused(tab).endswith("provenance-notes-marker>button")
