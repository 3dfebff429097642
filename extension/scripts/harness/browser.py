"""Headless Debian Chromium with the built extension loaded, driven by Playwright."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Playwright,
    Worker,
)

CHROMIUM = Path("/usr/bin/chromium")
EXTENSION_DIR = Path(__file__).resolve().parents[2] / "dist"


@contextmanager
def extension_context(
    pw: Playwright,
    user_data_dir: Path,
    *,
    extension: Path = EXTENSION_DIR,
    color_scheme: str = "light",
    viewport: tuple[int, int] = (1200, 900),
    args: tuple[str, ...] = (),
) -> Iterator[BrowserContext]:
    """A persistent Chromium context with only our extension loaded (new headless mode);
    `args` are more command-line flags (a proxy, for instance)."""
    context = pw.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(CHROMIUM),
        headless=True,
        color_scheme=color_scheme,  # type: ignore[arg-type]
        viewport={"width": viewport[0], "height": viewport[1]},
        args=[
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--disable-extensions-except={extension}",
            f"--load-extension={extension}",
            *args,
        ],
    )
    try:
        yield context
    finally:
        context.close()


def service_worker(context: BrowserContext, timeout_ms: float = 20_000) -> Worker:
    """The extension's background service worker: proof that the extension really loaded."""
    for worker in context.service_workers:
        if worker.url.startswith("chrome-extension://"):
            return worker
    return context.wait_for_event("serviceworker", timeout=timeout_ms)


def extension_id(worker: Worker) -> str:
    """The extension id from its worker's URL."""
    match = re.match(r"chrome-extension://([a-p]{32})/", worker.url)
    if not match:
        raise RuntimeError(f"not an extension worker: {worker.url}")
    return match.group(1)


def configure_api(
    context: BrowserContext, worker: Worker, api_base: str, timeout_ms: float = 30_000
) -> None:
    """Set the API base URL through the options page, as a reader would, and wait for the index."""
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id(worker)}/options.html")
    page.fill("#api-base", api_base)
    page.click("#api-form button[type=submit]")
    page.wait_for_function(
        "() => document.getElementById('api-status').textContent.startsWith('Connected:')",
        timeout=timeout_ms,
    )
    page.close()


def badge(worker: Worker, url_pattern: str) -> dict[str, Any]:
    """Badge text and title of the first tab whose URL matches a Chrome match pattern."""
    result: dict[str, Any] = worker.evaluate(
        """async (pattern) => {
            const [tab] = await chrome.tabs.query({ url: pattern });
            if (!tab) return { text: null, title: null };
            return { tabId: tab.id, text: await chrome.action.getBadgeText({ tabId: tab.id }),
                     title: await chrome.action.getTitle({ tabId: tab.id }) };
        }""",
        url_pattern,
    )
    return result


def serve_html(page: Page, url_glob: str, html: str) -> None:
    """Answer requests matching a URL glob with an HTML page (route interception, no network)."""
    page.route(
        url_glob,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )


@dataclass
class ExtensionBrowser:
    """One Chromium profile with the extension loaded and pointed at an API server."""

    context: BrowserContext
    worker: Worker
    extension_id: str


@contextmanager
def open_browser(
    pw: Playwright,
    profile: Path,
    api_base: str,
    *,
    extension: Path = EXTENSION_DIR,
    color_scheme: str = "light",
    viewport: tuple[int, int] = (1200, 900),
    args: tuple[str, ...] = (),
) -> Iterator[ExtensionBrowser]:
    """Chromium with the extension, its API base set through the options page."""
    with extension_context(
        pw, profile, extension=extension, color_scheme=color_scheme, viewport=viewport, args=args
    ) as context:
        worker = service_worker(context)
        configure_api(context, worker, api_base)
        yield ExtensionBrowser(context, worker, extension_id(worker))


@dataclass
class WatchedPage:
    """A page that records uncaught errors, console errors and dialogs (which it dismisses)."""

    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def watch(page: Page) -> WatchedPage:
    """Start recording what a page reports."""
    watched = WatchedPage(page)
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    def on_dialog(dialog: Dialog) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("dialog", on_dialog)
    return watched
