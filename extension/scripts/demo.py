"""Demo: start the seeded API server, open the canonical article as a sputniknews.com page in
Chromium with the extension loaded, and save screenshots to artifacts/.

Run from the repository root:  .venv/bin/python extension/scripts/demo.py
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from extension.scripts.harness.browser import open_browser, serve_html  # noqa: E402
from extension.scripts.harness.pages import page_from_file  # noqa: E402
from extension.scripts.harness.server import ApiServer  # noqa: E402

CANONICAL = ROOT.parent / "shared" / "fixtures" / "sputnik-s400-article.txt"
OWN = ROOT / "extension" / "test" / "fixtures" / "own-article.txt"
URL = "https://sputniknews.com/20200126/1076123456.html"
HEADLINE = "Russia and Turkey weigh S-400 deliveries as Putin and Erdogan meet in Sochi"


def build() -> None:
    """Build the extension into extension/dist."""
    subprocess.run(["node", "scripts/build.mjs"], cwd=ROOT / "extension", check=True)  # noqa: S607


def show_article(page: Page, article: Path) -> None:
    """Serve the article at a sputniknews.com address and wait for the notes."""
    html = page_from_file(
        article,
        title=HEADLINE,
        site="sputniknews.com",
        wrap={"Gevorg Mirzayan": 'Gevorg <a href="/authors/mirzayan">Mirzayan</a>'},
    )
    serve_html(page, "https://sputniknews.com/**", html)
    page.goto(URL)
    page.wait_for_selector("provenance-notes-banner", state="attached", timeout=30_000)
    page.wait_for_selector("provenance-notes-marker", state="attached", timeout=30_000)


def open_card(page: Page, surname: str) -> None:
    """Open the card of the first marker for a person, as a click would."""
    marker = page.locator(f"provenance-notes-marker button[aria-label*='{surname}']").first
    marker.click()
    page.locator("provenance-notes-card .card").wait_for(state="visible")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts", help="screenshot folder")
    parser.add_argument("--no-build", action="store_true", help="use extension/dist as it is")
    args = parser.parse_args()
    article = CANONICAL if CANONICAL.exists() else OWN
    if article is OWN:
        print(f"note: {CANONICAL} not found; showing the project's own short article instead")
    if not args.no_build:
        build()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = ApiServer(seed=ROOT / "seed_data", workdir=Path(tmp) / "api").start()
        try:
            with sync_playwright() as pw:
                for scheme, name in (("light", "demo.png"), ("dark", "demo-dark.png")):
                    profile = Path(tmp) / f"profile-{scheme}"
                    with open_browser(
                        pw, profile, server.base_url, color_scheme=scheme, viewport=(1280, 1480)
                    ) as browser:
                        page = browser.context.new_page()
                        show_article(page, article)
                        open_card(page, "Mirzayan")
                        page.screenshot(path=str(args.out / name))
                        print(f"saved {args.out / name}")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
