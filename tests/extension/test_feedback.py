"""End to end: a reader's "not helpful — source missing or dead" on a card, sent by the real
extension in Chromium, reaches the curators' queue (admin API and console) first in line."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from extension.scripts.harness.browser import ExtensionBrowser, WatchedPage
from extension.scripts.harness.server import ApiServer
from tests.extension.test_e2e import open_article

pytestmark = pytest.mark.e2e

CARD = "provenance-notes-card .card"
PASSWORD = "a long password for the feedback test"
RECORD_FETCH_JS = """() => {
  const original = self.fetch;
  self.__feedbackSent = [];
  self.fetch = (url, init) => {
    self.__feedbackSent.push([String(url), typeof init?.body === 'string' ? init.body : null]);
    return original(url, init);
  };
}"""
FOCUSED_JS = """() => {
  let el = document.activeElement, path = [];
  while (el) { path.push(el.className || el.tagName.toLowerCase());
               el = el.shadowRoot?.activeElement ?? null; }
  return path.join('>');
}"""


def test_not_helpful_source_dead_reaches_the_curator_queue_first(
    browser: ExtensionBrowser, server: ApiServer, page: WatchedPage, artifacts: Path
) -> None:
    # Another profile already has more votes, and its slug sorts first; none gives a reason.
    for _ in range(3):
        server.call("POST", "/v1/feedback", {"entity": "cenk-baslamis", "vote": "helpful"})

    # Record what the background's fetches carry (the API client looks `fetch` up per call).
    browser.worker.evaluate(RECORD_FETCH_JS)
    open_article(page)
    tab = page.page
    marker = tab.locator("provenance-notes-marker button[aria-label*='Mirzayan']").first
    marker.click()
    card = tab.locator(CARD)
    card.wait_for(state="visible")
    feedback = card.get_by_role("region", name="Feedback on Gevorg Mirzayan")
    expect(feedback.get_by_role("group", name="Was this note helpful?")).to_be_visible()
    not_helpful = feedback.get_by_role("button", name="Not helpful")
    not_helpful.click()
    assert not_helpful.get_attribute("aria-expanded") == "true"
    form = feedback.get_by_role("form", name="What is wrong with the note on Gevorg Mirzayan?")
    expect(form).to_be_visible()
    form.get_by_role("checkbox", name="Source missing or dead").check()
    tab.screenshot(path=str(artifacts / "e2e-feedback.png"))
    form.get_by_role("button", name="Send").click()
    thanks = feedback.get_by_role("status")
    expect(thanks).to_have_text(
        "Thank you. Curators see what readers say about this note; "
        "it does not change the note by itself."
    )
    expect(card).to_be_visible()
    tab.screenshot(path=str(artifacts / "e2e-feedback-thanks.png"))
    assert tab.evaluate(FOCUSED_JS).endswith("fb-status fb-thanks"), "focus stays in the card"
    assert page.errors == []

    sent_bodies = [
        json.loads(body)
        for url, body in browser.worker.evaluate("() => self.__feedbackSent")
        if url.endswith("/v1/feedback")
    ]
    assert sent_bodies == [
        {"entity": "gevorg-mirzayan", "vote": "not_helpful", "reasons": ["source_dead"],
         "revision": 1}
    ], "only the profile, its revision, the vote and the reason: no page address"  # fmt: skip

    log = [json.loads(line) for line in server.request_log.read_text().splitlines()]
    sent = [(e["method"], e["status"]) for e in log if e["path"] == "/v1/feedback"]
    assert sent[-1] == ("POST", 202)
    assert all(e["query"] == "" for e in log if e["path"] == "/v1/feedback")

    # The admin API: the doubted profile first, with its reason counted on the card's revision.
    token = server.cli("token", "create", "--name", "fran", "--role", "curator").strip()
    queue = server.call("GET", "/admin/v1/feedback", token=token)
    first = queue["items"][0]
    assert first["entity"] == "gevorg-mirzayan"
    assert (first["reason_total"], first["not_helpful"]) == (1, 1)
    assert first["reasons"]["source_dead"] == 1
    assert first["revisions"][0]["current"] is True
    assert [i["entity"] for i in queue["items"]] == ["gevorg-mirzayan", "cenk-baslamis"]
    profile = server.call("GET", "/v1/entities/gevorg-mirzayan")
    assert profile["name"] == "Gevorg Mirzayan", "the note itself is unchanged"

    # The console page: the same order, the reason's count in its column.
    server.cli("account", "create", "--name", "cora", "--role", "curator",
               "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    console = browser.context.new_page()
    try:
        console.goto(f"{server.base_url}/console/feedback")
        console.get_by_label("Account name").fill("cora")
        console.get_by_label("Password").fill(PASSWORD)
        console.get_by_role("button", name="Sign in").click()
        expect(console).to_have_url(f"{server.base_url}/console/feedback")
        rows = console.locator("table.feedback tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first.locator("th")).to_contain_text("Gevorg Mirzayan")
        expect(rows.first.locator("td[data-reason='source_dead']")).to_have_text("1")
        expect(rows.first.locator("td.total")).to_have_text("1")
        expect(rows.nth(1).locator("th")).to_contain_text("Cenk")
        console.screenshot(path=str(artifacts / "e2e-feedback-console.png"), full_page=True)
    finally:
        console.close()
