"""End to end: the built extension in headless Chromium against the real, seeded API server."""

import time
from pathlib import Path

import pytest

from extension.scripts.harness.browser import ExtensionBrowser as Browser
from extension.scripts.harness.browser import WatchedPage, badge, serve_html, watch
from extension.scripts.harness.pages import article_page
from extension.scripts.harness.server import ApiServer
from tests.extension.scenarios import (
    HEADLINE,
    MARKERS_JS,
    OWN_ARTICLE,
    PROFILED_URL,
    annotate_calls,
    open_gazette_article,
    wait_until,
)
from tests.support import canonical_article

pytestmark = pytest.mark.e2e

ARTICLE_URL = PROFILED_URL
SNAPSHOT_JS = "() => new XMLSerializer().serializeToString(document.documentElement)"


def article_text(which: str) -> str:
    """The project's own article, or the canonical one from ../shared (never copied here)."""
    path = OWN_ARTICLE if which == "own" else canonical_article()
    return path.read_text(encoding="utf-8")


def tab_summary(browser: Browser, pattern: str) -> dict[str, object]:
    """The background's summary of the first tab matching a URL pattern."""
    summary: dict[str, object] = browser.worker.evaluate(
        """async (pattern) => {
            const [tab] = await chrome.tabs.query({ url: pattern });
            if (!tab) return {};
            const key = `tab:${tab.id}`;
            return (await chrome.storage.session.get(key))[key] ?? {};
        }""",
        pattern,
    )
    return summary


def open_article(page: WatchedPage, which: str = "own") -> None:
    """An article as a page at a sputniknews.com address, names split across elements."""
    html = article_page(
        article_text(which),
        title=HEADLINE,
        site="sputniknews.com",
        wrap={
            "Gevorg Mirzayan": 'Gevorg <a href="/authors/mirzayan">Mirzayan</a>',
            "Sputnik Turkiye": "<em>Sputnik Turkiye</em>",
        },
    )
    serve_html(page.page, "https://sputniknews.com/**", html)
    page.page.goto(ARTICLE_URL)
    page.page.wait_for_selector("provenance-notes-banner", state="attached", timeout=20_000)


def test_extension_loads_as_a_service_worker(browser: Browser) -> None:
    assert browser.worker.url == f"chrome-extension://{browser.extension_id}/background.js"
    manifest = browser.worker.evaluate("() => chrome.runtime.getManifest()")
    assert manifest["manifest_version"] == 3
    consent = manifest["browser_specific_settings"]["gecko"]["data_collection_permissions"]
    assert consent == {"required": ["none"], "optional": ["browsingActivity", "websiteContent"]}


@pytest.mark.parametrize("which", ["own", "canonical"])
def test_article_banner_markers_and_card(
    browser: Browser, server: ApiServer, page: WatchedPage, artifacts: Path, which: str
) -> None:
    text = article_text(which)
    open_article(page, which)
    tab = page.page

    banner = tab.locator("provenance-notes-banner section")
    assert "Sputnik" in banner.inner_text()
    assert "State-controlled media" in banner.inner_text()
    assert "Rossiya Segodnya" in banner.inner_text()

    markers = tab.evaluate(MARKERS_JS)
    for surname in ("Mirzayan", "Başlamış"):
        at_name = [m for m in markers if surname in m["label"]]
        assert len(at_name) == text.count(surname), (surname, markers)
        assert all(m["before"].endswith(surname) for m in at_name), at_name

    mirzayan = tab.locator("provenance-notes-marker button[aria-label*='Mirzayan']").first
    mirzayan.click()
    card = tab.locator("provenance-notes-card .card")
    card.wait_for(state="visible")
    assert mirzayan.get_attribute("aria-expanded") == "true"
    assert (
        "Financial University under the Government of the Russian Federation" in card.inner_text()
    )
    tie_links = card.locator("ol.chain a")
    assert tie_links.count() >= 1
    for i in range(tie_links.count()):
        assert (tie_links.nth(i).get_attribute("href") or "").startswith("https://")
        assert tie_links.nth(i).get_attribute("target") == "_blank"
    assert card.get_by_role("button", name="Report a correction").count() == 1
    tab.screenshot(path=str(artifacts / f"e2e-{which}.png"))

    tab.keyboard.press("Escape")
    card.wait_for(state="hidden")
    baslamis = tab.locator("provenance-notes-marker button[aria-label*='Başlamış']").first
    baslamis.focus()
    tab.keyboard.press("Enter")
    card.wait_for(state="visible")
    assert "Cenk Başlamış" in card.inner_text()

    assert annotate_calls(server) == 0, "matched on this device"
    wait_until(
        lambda: badge(browser.worker, "https://sputniknews.com/*")["text"] not in ("", None),
        what="the badge count",
    )
    assert int(badge(browser.worker, "https://sputniknews.com/*")["text"]) >= 3
    assert page.errors == []
    assert page.dialogs == []


def test_curator_markup_renders_as_inert_text(browser: Browser, page: WatchedPage) -> None:
    open_gazette_article(page, "/2021/03/04/talks.html")
    page.page.wait_for_selector("provenance-notes-marker", state="attached", timeout=20_000)
    banner = page.page.locator("provenance-notes-banner section")
    assert "<img src=x onerror=alert(1)>" in banner.inner_text()
    page.page.locator("provenance-notes-marker button").first.click()
    card = page.page.locator("provenance-notes-card .card")
    card.wait_for(state="visible")
    assert "<img src=x onerror=alert(1)>" in card.inner_text()
    time.sleep(1.0)
    images = page.page.evaluate(
        """() => document.querySelectorAll('img').length + [...document.querySelectorAll('*')]
            .filter((e) => e.shadowRoot)
            .reduce((n, e) => n + e.shadowRoot.querySelectorAll('img, script').length, 0)"""
    )
    assert images == 0
    assert page.dialogs == []
    assert page.errors == []


def test_toolbar_button_annotates_a_page_where_automatic_notes_are_off(
    browser: Browser, server: ApiServer, page: WatchedPage
) -> None:
    html = article_page(
        OWN_ARTICLE.read_text(encoding="utf-8"), title="Talks resume", site="news.example.org"
    )
    serve_html(page.page, "https://news.example.org/**", html)
    page.page.goto("https://news.example.org/2021/03/05/talks.html")
    wait_until(
        lambda: tab_summary(browser, "https://news.example.org/*").get("reason") == "local",
        what="the page status",
    )
    tab_id = badge(browser.worker, "https://news.example.org/*")["tabId"]
    popup = browser.context.new_page()
    popup.goto(f"chrome-extension://{browser.extension_id}/popup.html?tab={tab_id}")
    popup.get_by_text("Names are matched on this device").wait_for()
    popup.get_by_label("No automatic notes on news.example.org").check()
    popup.get_by_text("Automatic notes are off for this site").wait_for()
    popup.close()

    page.page.goto("https://news.example.org/2021/03/06/talks.html")
    wait_until(
        lambda: tab_summary(browser, "https://news.example.org/*").get("reason") == "disabled",
        what="the page status",
    )
    time.sleep(1.0)
    assert page.page.locator("provenance-notes-marker").count() == 0
    popup = browser.context.new_page()
    popup.goto(f"chrome-extension://{browser.extension_id}/popup.html?tab={tab_id}")
    popup.get_by_role("button", name="Annotate this page").click()
    page.page.wait_for_selector("provenance-notes-marker", state="attached", timeout=20_000)
    popup.get_by_text("People and outlets quoted").wait_for(timeout=15_000)
    assert "Gevorg Mirzayan" in popup.locator("main").inner_text()
    popup.get_by_label("No automatic notes on news.example.org").uncheck()
    popup.close()
    assert annotate_calls(server) == 0, "matched on this device"
    assert page.page.locator("provenance-notes-banner").count() == 0, (
        "no outlet banner on an unprofiled host"
    )


LIVE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live</title></head>
<body><header>Live coverage</header><main id="app"><p>Loading…</p></main>
<script>
  const paragraphs = (texts) => texts.map((t) => {
    const p = document.createElement('p');
    p.textContent = t;
    return p;
  });
  const FIRST = __FIRST__;
  const SECOND = __SECOND__;
  const show = (texts) => {
    const a = document.createElement('article');
    a.append(...paragraphs(texts));
    document.getElementById('app').replaceChildren(a);
  };
  setTimeout(() => show(FIRST), 1500);
  window.goNext = () => { history.pushState({}, '', '/e2e/live-2.html'); show(SECOND); };
</script></body></html>"""


def test_late_text_and_push_state_are_annotated_once_each(
    browser: Browser, server: ApiServer, page: WatchedPage
) -> None:
    import json

    first = [p.strip() for p in OWN_ARTICLE.read_text(encoding="utf-8").split("\n\n")[1:-1]]
    second = [
        "A day later the same columnist, Gevorg Mirzayan, wrote that the talks had "
        "stalled over the price.",
        "Cenk Başlamış, speaking on Turkish television, said that Ankara was in no hurry "
        "either, and that both sides expected a long negotiation.",
    ]
    html = LIVE_PAGE.replace("__FIRST__", json.dumps(first)).replace(
        "__SECOND__", json.dumps(second)
    )
    serve_html(page.page, "https://sputniknews.com/e2e/**", html)
    page.page.goto("https://sputniknews.com/e2e/live-1.html")
    page.page.wait_for_selector("provenance-notes-marker", state="attached", timeout=20_000)

    page.page.evaluate("() => window.goNext()")
    wait_until(
        lambda: (
            len(page.page.evaluate(MARKERS_JS)) == 2
            and all(
                "stalled" in m["block"] or "television" in m["block"]
                for m in page.page.evaluate(MARKERS_JS)
            )
        ),
        what="markers in the new article only",
    )
    time.sleep(2.5)
    markers = page.page.evaluate(MARKERS_JS)
    assert len(markers) == 2, ("each URL is annotated once", markers)
    assert annotate_calls(server) == 0, "matched on this device"
    assert page.page.locator("provenance-notes-banner").count() == 1
    assert page.errors == []


def test_api_stopped_leaves_the_page_untouched(stopped_api: Browser, artifacts: Path) -> None:
    browser = stopped_api
    watched = watch(browser.context.new_page())
    tab = watched.page
    tab.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        f" window.__before = ({SNAPSHOT_JS})(); }});"
    )
    serve_html(
        tab,
        "https://sputniknews.com/**",
        article_page(article_text("own"), title=HEADLINE, site="sputniknews.com"),
    )
    tab.goto(ARTICLE_URL)
    wait_until(
        lambda: badge(browser.worker, "https://sputniknews.com/*")["text"] == "!",
        what="the error badge",
    )
    assert "API problem" in badge(browser.worker, "https://sputniknews.com/*")["title"]
    time.sleep(1.0)
    assert tab.evaluate(SNAPSHOT_JS) == tab.evaluate("() => window.__before")
    assert tab.locator("provenance-notes-marker, provenance-notes-banner").count() == 0
    assert watched.errors == []
    tab.screenshot(path=str(artifacts / "e2e-api-stopped.png"))


def test_report_a_correction_opens_the_form_and_reaches_the_api(
    browser: Browser, server: ApiServer, page: WatchedPage
) -> None:
    open_article(page)
    page.page.locator("provenance-notes-marker button[aria-label*='Başlamış']").first.click()
    card = page.page.locator("provenance-notes-card .card")
    card.wait_for(state="visible")
    with browser.context.expect_page() as opened:
        card.get_by_role("button", name="Report a correction").click()
    form = opened.value
    form.wait_for_load_state()
    assert form.url.endswith("/report.html?entity=cenk-baslamis")
    form.locator("#entity", has_text="Cenk Başlamış").wait_for()
    form.fill("#message", "The description should mention his years as a Moscow correspondent.")
    form.get_by_role("button", name="Send").click()
    form.get_by_text("Thank you: your report was received").wait_for()
    assert any(p == "POST /v1/corrections" for p in server.paths())
    form.close()
