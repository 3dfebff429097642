"""End to end in Chromium and Firefox: notes on a profiled and an unprofiled page, and every
request the browser made checked against the privacy statement (recorded by a proxy, and in
Chromium by the browser itself too)."""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, Request

from extension.scripts.harness.browser import ExtensionBrowser, open_browser, watch
from extension.scripts.harness.server import ApiServer
from extension.scripts.harness.tabs import ChromiumTab, Tab
from tests.extension.scenarios import firefox_for
from tests.extension.traffic import (
    CHROMIUM_SERVICES,
    FIREFOX_SERVICES,
    PageFacts,
    PageServer,
    Recorded,
    RecordingProxy,
    Statement,
    profiled_page,
    unprofiled_page,
    violations,
)
from tests.extension.traffic import (
    show_notes as notes_of,
)

pytestmark = pytest.mark.e2e
DEFAULT_API_BASE = "http://127.0.0.1:8000"  # the build's, until the options page changes it


@pytest.fixture(scope="module")
def pages() -> Iterator[PageServer]:
    """The test's pages, served from 127.0.0.2 (a loopback address no index lists)."""
    served = PageServer().start()
    yield served
    served.stop()


@pytest.fixture(scope="module")
def proxy(pages: PageServer) -> Iterator[RecordingProxy]:
    """Every request of the browser goes through this proxy, which records it."""
    recording = RecordingProxy().start()
    recording.virtual["sputniknews.com"] = pages.server.server_address[:2]
    yield recording
    recording.stop()


@dataclass
class Proxied:
    """A browser with the extension whose every request goes through the proxy."""

    new_tab: Callable[[], Tab]
    seen_by_browser: list[Recorded]  # requests the browser itself reported (Chromium)
    api_before: int  # requests the API server had logged before the browser started
    proxy_before: int  # requests the proxy had recorded before the browser started
    services: tuple[str, ...]  # the browser's own services (updates, settings)
    chromium: ExtensionBrowser | None = None

    def recorded(self, proxy: RecordingProxy) -> list[Recorded]:
        """What the proxy recorded from this browser."""
        return proxy.recorded()[self.proxy_before :]


@pytest.fixture(scope="module", params=["chromium", "firefox"])
def proxied(
    request: pytest.FixtureRequest,
    built_extension: Path,
    server: ApiServer,
    proxy: RecordingProxy,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Proxied]:
    """Chromium, then Firefox, with the extension and all their traffic through the proxy.
    Chromium also reports the requests of its pages and of the extension's service worker;
    Firefox is seen through the proxy alone."""
    api_before, proxy_before = len(server.requests()), len(proxy.recorded())
    if request.param == "firefox":
        workdir = tmp_path_factory.mktemp("firefox-privacy")
        with firefox_for(server, workdir, prefs=proxy.firefox_prefs()) as firefox:
            yield Proxied(firefox.new_tab, [], api_before, proxy_before, FIREFOX_SERVICES)
        return
    playwright: Playwright = request.getfixturevalue("playwright")
    seen: list[Recorded] = []

    def on_request(request: Request) -> None:
        headers = tuple(request.headers.items())
        body = request.post_data_buffer or b""
        seen.append(Recorded(request.method, request.url, headers, body, seen_by="browser"))

    profile = tmp_path_factory.mktemp("profile-privacy")
    args = tuple(proxy.chromium_args())
    with open_browser(
        playwright, profile, server.base_url, extension=built_extension, args=args
    ) as b:
        b.context.on("request", on_request)

        def new_tab() -> Tab:
            return ChromiumTab(watch(b.context.new_page()))

        yield Proxied(new_tab, seen, api_before, proxy_before, CHROMIUM_SERVICES, chromium=b)


def card_scheme(server: ApiServer) -> dict[str, object]:
    """The server's card bucket scheme, asked directly (not through the browser)."""
    scheme: dict[str, object] = server.call("GET", "/v1/cards")
    return scheme


def show_notes(browser: Proxied, facts: PageFacts, banner: bool) -> str:
    """`traffic.show_notes` in a fresh tab of the proxied browser."""
    tab = browser.new_tab()
    try:
        return notes_of(tab, facts, banner=banner)
    finally:
        tab.close()


def test_notes_appear_and_no_request_carries_the_page(
    proxied: Proxied, server: ApiServer, pages: PageServer, proxy: RecordingProxy
) -> None:
    browser = proxied
    profiled, profiled_html = profiled_page()
    unprofiled, unprofiled_html = unprofiled_page(pages.origin)
    pages.pages[profiled.url] = profiled_html
    pages.pages[unprofiled.url] = unprofiled_html

    card = show_notes(browser, profiled, banner=True)
    assert "Financial University under the Government of the Russian Federation" in card
    card = show_notes(browser, unprofiled, banner=False)
    assert "Financial University under the Government of the Russian Federation" in card
    time.sleep(1.0)  # let any late request arrive

    recorded = browser.recorded(proxy)
    reached_api = server.requests()[browser.api_before :]
    statement = Statement(
        (server.base_url, DEFAULT_API_BASE),
        int(str(card_scheme(server)["prefix_length"])),
        page_loads={profiled.url, unprofiled.url},
        browser_services=browser.services,
    )
    everything = recorded + browser.seen_by_browser
    problems = violations(everything, statement, [profiled, unprofiled])
    assert problems == [], "\n".join(problems)

    # The check is not empty: the extension's own downloads went through the proxy, and the
    # proxy saw every request that reached the API server.
    api_paths = {r.url.removeprefix(server.base_url).split("?")[0] for r in recorded}
    assert {"/v1/index", "/v1/names", "/v1/cards"} <= api_paths
    assert any(p.startswith("/v1/cards/bucket/") for p in api_paths)
    proxied_urls = {r.url for r in recorded}
    for entry in reached_api:
        query = f"?{entry['query']}" if entry.get("query") else ""
        assert f"{server.base_url}{entry['path']}{query}" in proxied_urls, entry
    assert not any(str(e["path"]).endswith("/v1/annotate") for e in reached_api)
    assert {r.url for r in recorded if r.method == "GET"} >= {profiled.url, unprofiled.url}


# Firefox does not let a driver open the options page (moz-extension://), where the opt-in is.
@pytest.mark.parametrize("proxied", ["chromium"], indirect=True)
def test_the_check_catches_the_opt_in_that_sends_the_article(
    proxied: Proxied, server: ApiServer, pages: PageServer, proxy: RecordingProxy
) -> None:
    browser = proxied.chromium
    assert browser is not None
    facts, html = unprofiled_page(pages.origin)
    facts = PageFacts(
        facts.url.replace(".html", "-2.html"), facts.text, facts.entities, facts.names
    )
    pages.pages[facts.url] = html
    options = browser.context.new_page()
    options.goto(f"chrome-extension://{browser.extension_id}/options.html")
    options.check("#server-matching")
    try:
        before = len(proxy.recorded())
        show_notes(proxied, facts, banner=False)
        statement = Statement(
            (server.base_url,), int(str(card_scheme(server)["prefix_length"])), {facts.url}
        )
        problems = violations(proxy.recorded()[before:], statement, [facts])
        sent = [p for p in problems if "POST" in p and "/v1/annotate" in p]
        assert sent, problems
        assert any(facts.url.lower() in p and "not a path" not in p for p in sent), sent
    finally:
        options.uncheck("#server-matching")
        options.close()
