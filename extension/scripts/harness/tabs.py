"""One interface for a browser tab under test, whichever browser runs it (Chromium or Firefox)."""

from pathlib import Path
from typing import Any, Protocol

from extension.scripts.harness.browser import WatchedPage, serve_html


class Tab(Protocol):
    """What the cross-browser scenarios use: pages served from memory, script, real input."""

    browser_name: str

    def serve_html(self, url_prefix: str, html: str) -> None: ...
    def goto(self, url: str, timeout_ms: float = 20_000) -> None: ...
    def evaluate(self, js: str, arg: Any = None) -> Any: ...
    def wait_for_function(self, js: str, arg: Any = None, timeout_ms: float = 20_000) -> None: ...
    def press(self, key: str) -> None: ...
    def click(self, x: float, y: float) -> None: ...
    def set_viewport(self, width: int, height: int) -> None: ...
    def screenshot(self, path: Path) -> None: ...
    @property
    def errors(self) -> list[str]: ...
    @property
    def dialogs(self) -> list[str]: ...
    def close(self) -> None: ...


class ChromiumTab:
    """A Playwright page in the extension's Chromium profile, seen through `Tab`."""

    browser_name = "chromium"

    def __init__(self, watched: WatchedPage) -> None:
        self.watched = watched
        self.page = watched.page

    def serve_html(self, url_prefix: str, html: str) -> None:
        serve_html(self.page, f"{url_prefix}**", html)

    def goto(self, url: str, timeout_ms: float = 20_000) -> None:
        self.page.goto(url, timeout=timeout_ms)

    def evaluate(self, js: str, arg: Any = None) -> Any:
        return self.page.evaluate(js, arg)

    def wait_for_function(self, js: str, arg: Any = None, timeout_ms: float = 20_000) -> None:
        self.page.wait_for_function(js, arg=arg, timeout=timeout_ms, polling=100)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def click(self, x: float, y: float) -> None:
        self.page.mouse.click(x, y)

    def set_viewport(self, width: int, height: int) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))

    @property
    def errors(self) -> list[str]:
        return list(self.watched.errors)

    @property
    def dialogs(self) -> list[str]:
        return list(self.watched.dialogs)

    def close(self) -> None:
        self.page.close()
