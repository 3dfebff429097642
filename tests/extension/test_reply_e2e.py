"""End to end: the subject of a profile replies, a curator opens the dispute, and the card in
Chromium says the subject disputes the note, with the why-disclosure beside it."""

import time
from typing import Any

import pytest

from extension.scripts.harness.browser import ExtensionBrowser, WatchedPage
from extension.scripts.harness.server import ApiServer
from tests.extension.scenarios import open_gazette_article

pytestmark = pytest.mark.e2e

SUBJECT = "selin-aydemir-e2e"
CARD_TEXT_JS = """() => {
  const card = document.querySelector('provenance-notes-card')?.shadowRoot.querySelector('.card');
  const dispute = card?.querySelector('.dispute');
  if (!dispute) return null;
  return { text: dispute.innerText, href: dispute.querySelector('a')?.href ?? null };
}"""


def _wait_for_dispute(server: ApiServer) -> dict[str, Any]:
    """The replicas' snapshot follows the data version within a poll (two seconds)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        card = server.call("GET", f"/v1/entities/{SUBJECT}")
        if card.get("dispute"):
            return card  # type: ignore[no-any-return]
        time.sleep(0.25)
    raise AssertionError("the card never showed the dispute")


def test_a_moderated_reply_from_the_subject_marks_the_card_disputed(
    browser: ExtensionBrowser, server: ApiServer, page: WatchedPage
) -> None:
    reply = server.call(
        "POST",
        f"/v1/entities/{SUBJECT}/replies",
        {
            "name": "Selin Aydemir",
            "role": "subject",
            "text": "I have never worked for the gazette; my employer is a university.",
            "evidence": ["https://university.example/staff/aydemir"],
        },
    )
    assert reply["status"] == "submitted"
    assert server.call("GET", f"/v1/entities/{SUBJECT}").get("dispute") is None
    token = server.cli("token", "create", "--name", "e2e-curator", "--role", "curator").strip()
    opened = server.call("POST", f"/admin/v1/replies/{reply['id']}/open", token=token)
    assert opened["status"] == "open"
    assert _wait_for_dispute(server)["dispute"]["status"] == "open"

    open_gazette_article(page, "/2021/03/05/talks.html")
    marker = page.page.locator("provenance-notes-marker button[aria-label*='Aydemir']").first
    marker.wait_for(state="attached", timeout=20_000)
    marker.focus()
    page.page.keyboard.press("Enter")
    page.page.locator("provenance-notes-card .card").wait_for(state="visible")
    dispute = page.page.evaluate(CARD_TEXT_JS)
    assert dispute is not None, "the card shows the dispute mark"
    assert dispute["text"].startswith("The subject disputes this.")
    assert dispute["href"] == f"{server.base_url}/v1/entities/{SUBJECT}/replies"

    why = page.page.locator("provenance-notes-card .why-toggle").first
    assert why.get_attribute("aria-expanded") == "false"
    why.focus()
    page.page.keyboard.press("Enter")
    assert why.get_attribute("aria-expanded") == "true"
    panel = page.page.locator(f"provenance-notes-card #pn-why-{SUBJECT}")
    panel.wait_for(state="visible")
    words = panel.inner_text()
    assert "“Selin Aydemir” is the profile's name." in words
    assert "Published revision 1, loaded from a seed or import file" in words
    history = panel.locator("a").get_attribute("href")
    assert history == f"{server.base_url}/v1/entities/{SUBJECT}/history"
    assert page.errors == []
