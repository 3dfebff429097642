"""End to end: the popup on every kind of tab, and the options page's site list input."""

import pytest

from extension.scripts.harness.browser import ExtensionBrowser as Browser
from extension.scripts.harness.browser import WatchedPage

pytestmark = pytest.mark.e2e

TAB_ID_JS = """async () => {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return tab ? tab.id : null;
}"""


@pytest.mark.parametrize("url", ["about:blank", "chrome://version/", "data:text/html,<p>hi</p>"])
def test_popup_on_a_non_web_tab_says_so_without_null(
    browser: Browser, page: WatchedPage, url: str
) -> None:
    page.page.goto(url)
    page.page.bring_to_front()
    tab_id = browser.worker.evaluate(TAB_ID_JS)
    assert tab_id is not None
    popup = browser.context.new_page()
    popup.goto(f"chrome-extension://{browser.extension_id}/popup.html?tab={tab_id}")
    popup.get_by_text("Notes work on web pages only.").wait_for()
    text = popup.locator("main").inner_text()
    assert "null" not in text.lower(), text
    assert "undefined" not in text.lower(), text
    assert popup.get_by_role("button", name="Annotate this page").is_disabled()
    popup.close()


def test_options_reject_an_invalid_site_with_a_message(browser: Browser) -> None:
    options = browser.context.new_page()
    options.goto(f"chrome-extension://{browser.extension_id}/options.html")
    field = options.locator("#site-host")
    for bad in ["not a host!!", "exa mple.com", "a..b", "-x.com", "localhost:99999"]:
        field.fill(bad)
        options.get_by_role("button", name="Add").click()
        status = options.locator("#site-status")
        status.wait_for()
        assert "is not a site address" in status.inner_text(), (bad, status.inner_text())
        assert field.get_attribute("aria-invalid") == "true"
        assert field.input_value() == bad, "the entry stays for correction"
    field.fill("https://www.Example.com/news/1")
    options.get_by_role("button", name="Add").click()
    options.locator("#disabled-sites li", has_text="example.com").wait_for()
    assert field.get_attribute("aria-invalid") in (None, "false")
    options.close()
