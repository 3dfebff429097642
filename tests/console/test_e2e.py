"""End to end in headless Chromium: a curator profiles a new expert through the one form, a
reviewer publishes it with one click, and the public annotate marks the expert within the
snapshot refresh interval."""

import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from extension.scripts.harness.browser import CHROMIUM
from extension.scripts.harness.server import PROVNOTES, ApiServer
from tests.support import require

pytestmark = pytest.mark.e2e
PASSWORD = "an e2e test password"
POLL_SECONDS = 2.0  # the server's default PROVNOTES_MATCHER_POLL_SECONDS
SEED = """\
citations:
  - key: e2e-console-about
    url: https://console-gazette.example/about
    title: About the Console Gazette (test profile)
    publisher: Console Gazette
    accessed: 2026-11-25
organizations:
  - slug: e2e-console-gazette
    name: Console Gazette
    kind: outlet
    country: GB
    citations: [e2e-console-about]
    domains:
      - {host: console-gazette.example, citations: [e2e-console-about]}
    category: {value: independent_public, as_of: 2024-01-01, citations: [e2e-console-about]}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """A real `provnotes serve` with a tiny seed and two console accounts made by the CLI."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    require(PROVNOTES.exists(), f"{PROVNOTES} is missing: install the project into .venv")
    seed = tmp_path_factory.mktemp("console-seed")
    (seed / "gazette.yaml").write_text(SEED, encoding="utf-8")
    api = ApiServer(seed=seed, workdir=tmp_path_factory.mktemp("console-api")).start()
    try:
        for name, role in (("cora", "curator"), ("rita", "reviewer")):
            subprocess.run(
                [str(PROVNOTES), "account", "create", "--name", name, "--role", role,
                 "--password-stdin", "--db", str(api.workdir / "provnotes.db")],
                input=PASSWORD + "\n", text=True, check=True, capture_output=True,
            )  # fmt: skip
        yield api
    finally:
        api.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


def sign_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/console/review")
    expect(page).to_have_url(f"{base}/console/sign-in?next=%2Fconsole%2Freview")
    page.get_by_label("Account name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/console/review")


def annotate(base: str, text: str) -> dict[str, object]:
    body = json.dumps({"url": "https://elsewhere.example/story", "blocks": [text]}).encode()
    request = urllib.request.Request(
        f"{base}/v1/annotate", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # loopback only
        result: dict[str, object] = json.loads(response.read())
    return result


def test_profile_publish_and_annotate(server: ApiServer, browser: Browser) -> None:
    base = server.base_url
    article = "“Sanctions will bite,” Milena Kovářová told the Console Gazette."
    known: list[dict[str, list[str]]] = annotate(base, article)["mentions"]  # type: ignore[assignment]
    assert [m["entities"] for m in known] == [["e2e-console-gazette"]]  # nobody knows her yet

    curator = browser.new_context(viewport={"width": 1280, "height": 900})
    page = curator.new_page()
    sign_in(page, base, "cora")
    page.get_by_role("link", name="New profile").click()
    page.get_by_label("a person").check()
    page.locator("#f-name").fill("Milena Kovářová")
    page.get_by_label("One neutral line").fill("Economist at the Brno Policy Institute")
    page.locator("#f-country").fill("CZ")
    page.locator("#f-cite-0-url").fill("https://brno-policy.example/people/kovarova")
    page.locator("#f-cite-0-title").fill("Milena Kovářová — staff page")
    page.locator("#f-cite-0-publisher").fill("Brno Policy Institute")
    page.get_by_role("button", name="Add a new citation").click()
    page.locator("#f-cite-1-url").fill("https://console-gazette.example/2026/12/sanctions")
    page.locator("#f-cite-1-title").fill("Sanctions will bite, economist says")
    page.locator("#f-cite-1-publisher").fill("Console Gazette")
    page.locator("#f-rel-0-type").select_option("employed_by")
    page.locator("#f-rel-0-new-name").fill("Brno Policy Institute")
    page.locator("#f-rel-0-new-kind").select_option("think_tank")
    page.locator("#f-rel-0-new-country").fill("CZ")
    page.locator("#f-rel-0-role").fill("Economist")
    page.locator("#f-reason").fill("quoted by the Console Gazette")
    page.get_by_role("button", name="Save as a changeset").click()
    expect(page.get_by_role("status")).to_contain_text("Saved as a changeset")
    changeset = page.url.split("/console/review/")[1].split("?")[0]
    for label in ("Milena Kovářová", "Brno Policy Institute", "staff page", "Sanctions will bite"):
        expect(page.locator("main")).to_contain_text(label)
    expect(page.get_by_role("button", name=f"Publish changeset {changeset}")).to_have_count(0)
    curator.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844})  # a reviewer on a phone
    page = phone.new_page()
    sign_in(page, base, "rita")
    page.get_by_role("button", name=f"Publish changeset {changeset}").click()
    published_at = time.monotonic()
    expect(page.get_by_role("status")).to_contain_text(f"Changeset {changeset} is published.")
    phone.close()

    deadline = published_at + POLL_SECONDS + 8.0  # one poll interval plus a snapshot build
    while True:
        mentions: list[dict[str, list[str]]] = annotate(base, article)["mentions"]  # type: ignore[assignment]
        marked = [m for m in mentions if "milena-kovarova" in m["entities"]]
        if marked or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    elapsed = time.monotonic() - published_at
    print(f"annotate marked the new expert {elapsed:.2f} s after publish (poll {POLL_SECONDS} s)")
    assert marked, f"annotate did not mark the expert within {elapsed:.1f} s"
    assert marked[0]["text"] == "Milena Kovářová"
