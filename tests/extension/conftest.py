"""Fixtures for the extension's end-to-end tests: built extension, seeded API server, browsers."""

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, sync_playwright

from extension.scripts.harness.browser import (
    CHROMIUM,
    ExtensionBrowser,
    WatchedPage,
    open_browser,
    watch,
)
from extension.scripts.harness.firefox import Firefox
from extension.scripts.harness.server import PROVNOTES, ApiServer
from extension.scripts.harness.tabs import ChromiumTab, Tab
from tests.extension.scenarios import firefox_for
from tests.support import ROOT, require

EXTENSION = ROOT / "extension"
ARTIFACTS = ROOT / "artifacts"

E2E_SEED = """\
# Written by the extension's end-to-end test: a profile whose curator text contains markup.
citations:
  - key: e2e-gazette-about
    url: https://gazette.example.com/about
    title: About the Example Gazette (test profile)
    publisher: Example Gazette
    accessed: 2026-11-25
organizations:
  - slug: e2e-gazette
    name: Example Gazette
    kind: outlet
    country: GB
    description: A test outlet made up by the extension's end-to-end test.
    citations: [e2e-gazette-about]
    domains:
      - {host: gazette.example.com, citations: [e2e-gazette-about]}
    category: {value: independent_public, as_of: 2024-01-01, citations: [e2e-gazette-about]}
    notes:
      en: "<script>alert(2)</script><img src=x onerror=alert(1)>"
people:
  - slug: selin-aydemir-e2e
    name: Selin Aydemir
    country: TR
    description: A made-up analyst used by the extension's end-to-end test.
    citations: [e2e-gazette-about]
    notes:
      en: "<img src=x onerror=alert(1)>"
"""


@pytest.fixture(scope="session")
def built_extension(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the extension into a folder of the run's own (prerequisites: npm ci, Debian
    chromium), not extension/dist, which `make ext-lint` rebuilds while the suites run."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    require(shutil.which("node") is not None, "node is not installed")
    require(
        (EXTENSION / "node_modules").is_dir(),
        "extension/node_modules is missing: run npm ci in extension/",
    )
    dist = tmp_path_factory.mktemp("extension") / "dist"
    subprocess.run(
        ["node", "scripts/build.mjs", "--outdir", str(dist)],
        cwd=EXTENSION,
        check=True,
        capture_output=True,
    )
    return dist


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's seed data plus the test's own profile with markup in its curator text."""
    seed = tmp_path_factory.mktemp("seed") / "seed_data"
    shutil.copytree(ROOT / "seed_data", seed)
    (seed / "zz-e2e-markup.yaml").write_text(E2E_SEED, encoding="utf-8")
    return seed


def start_server(seed: Path, workdir: Path) -> ApiServer:
    """Start `provnotes serve` on a free loopback port."""
    require(PROVNOTES.exists(), f"{PROVNOTES} is missing: install the project into .venv")
    return ApiServer(seed=seed, workdir=workdir).start()


@pytest.fixture(scope="module")
def server(seed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """The real API server with seeded data, for the whole module."""
    api = start_server(seed_dir, tmp_path_factory.mktemp("api"))
    yield api
    api.stop()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """One Playwright driver per module, stopped with it: its event loop runs in the main
    thread, so a driver left open would break later tests that call asyncio.run()."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(
    playwright: Playwright,
    built_extension: Path,
    server: ApiServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ExtensionBrowser]:
    """One browser profile for the module, pointed at the module's server."""
    profile = tmp_path_factory.mktemp("profile")
    with open_browser(playwright, profile, server.base_url, extension=built_extension) as opened:
        yield opened


@pytest.fixture
def page(browser: ExtensionBrowser) -> Iterator[WatchedPage]:
    """A fresh tab in the module's browser that records errors and dialogs."""
    tab = browser.context.new_page()
    yield watch(tab)
    tab.close()


@pytest.fixture
def stopped_api(
    playwright: Playwright,
    built_extension: Path,
    seed_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ExtensionBrowser]:
    """A browser whose API server answered the index once and was then stopped."""
    api = start_server(seed_dir, tmp_path_factory.mktemp("api-stopped"))
    try:
        profile = tmp_path_factory.mktemp("profile-stopped")
        with open_browser(playwright, profile, api.base_url, extension=built_extension) as opened:
            api.stop()
            yield opened
    finally:
        api.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def firefox(
    built_extension: Path, server: ApiServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Firefox]:
    """firefox-esr with the extension (built for the module's server) installed temporarily."""
    with firefox_for(server, tmp_path_factory.mktemp("firefox")) as opened:
        yield opened


@pytest.fixture(scope="module", params=["chromium", "firefox"])
def new_tab(request: pytest.FixtureRequest) -> Callable[[], Tab]:
    """Opens tabs in the module's Chromium, then in its Firefox (each launched once per module)."""
    if request.param == "firefox":
        return request.getfixturevalue("firefox").new_tab  # type: ignore[no-any-return]
    chromium: ExtensionBrowser = request.getfixturevalue("browser")
    return lambda: ChromiumTab(watch(chromium.context.new_page()))


@pytest.fixture
def tab(new_tab: Callable[[], Tab]) -> Iterator[Tab]:
    """A fresh tab in Chromium or Firefox (tests using it run in both)."""
    opened = new_tab()
    yield opened
    opened.close()
