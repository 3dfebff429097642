"""Headless Debian firefox-esr with the built extension, driven by firefox.mjs (WebDriver BiDi)."""

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FIREFOX = Path("/usr/bin/firefox-esr")
HARNESS = Path(__file__).resolve().parent
EXTENSION_ROOT = HARNESS.parents[1]
BRIDGE = HARNESS / "firefox.mjs"
MARKED_JS = "() => document.querySelector('provenance-notes-marker') !== null"
# Every command answers within this many seconds more than its own timeout, or the bridge is dead.
SLACK_S = 15.0


def node() -> str:
    """The full path of the `node` executable."""
    found = shutil.which("node")
    if found is None:
        raise FileNotFoundError("node is not installed")
    return found


def build_extension(outdir: Path, api_base: str) -> Path:
    """Build the extension into `outdir` with `api_base` as its default API address.

    Firefox does not let a driver open an add-on's own pages (moz-extension://), so the address a
    reader would type into the options page is the build's default instead."""
    env = {**os.environ, "PROVNOTES_PUBLIC_BASE_URL": api_base}
    subprocess.run(  # noqa: S603 - our own fixed command line
        [node(), "scripts/build.mjs", "--outdir", str(outdir)],
        cwd=EXTENSION_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return outdir


class BridgeError(RuntimeError):
    """The browser or the bridge reported an error, or did not answer in time."""


class Firefox:
    """One firefox-esr process with the extension installed; commands go one at a time."""

    def __init__(
        self,
        extension: Path,
        viewport: tuple[int, int] = (1200, 900),
        prefs: dict[str, object] | None = None,
    ) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            [
                node(), str(BRIDGE), "--extension", str(extension),
                "--executable", str(FIREFOX),
                "--width", str(viewport[0]), "--height", str(viewport[1]),
                "--prefs", json.dumps(prefs or {}),
            ],
            cwd=EXTENSION_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )  # fmt: skip
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self.readers:
            reader.start()
        self.next_id = 0
        try:
            ready = self._receive(60.0)
            if not ready.get("ready"):
                raise BridgeError(f"firefox did not start: {ready}")
        except BridgeError:
            self.kill()
            self.close()
            raise
        self.version = str(ready["version"])
        self.extension_id = str(ready["extensionId"])

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line.rstrip())

    def _receive(self, timeout: float) -> dict[str, Any]:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise BridgeError(f"firefox did not answer within {timeout:.0f} s") from None
        if line is None:
            tail = "\n".join(self.stderr[-20:])
            raise BridgeError(f"the firefox bridge exited ({self.process.poll()}):\n{tail}")
        message: dict[str, Any] = json.loads(line)
        return message

    def send(self, op: str, timeout_ms: float = 20_000, **fields: Any) -> Any:
        """Run one command and return its value; raise BridgeError with the browser's message."""
        self.next_id += 1
        command = {"id": self.next_id, "op": op, "timeout": timeout_ms, **fields}
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = self._receive(timeout_ms / 1000 + SLACK_S)
        if answer.get("id") != self.next_id:
            raise BridgeError(f"answer out of order: {answer}")
        if "error" in answer:
            raise BridgeError(f"{op}: {answer['error']}")
        return answer.get("value")

    def new_tab(self) -> "FirefoxTab":
        """A new tab that records errors and dialogs."""
        return FirefoxTab(self, int(self.send("newPage")))

    def wait_for_notes(self, url: str, html: str, timeout_s: float = 45.0) -> None:
        """Load a page until the extension marks a name on it: proof that its start-up downloads
        are in (a page opened before them is, rightly, left alone)."""
        deadline = time.monotonic() + timeout_s
        tab = self.new_tab()
        try:
            tab.serve_html(url, html)
            while True:
                tab.goto(url)
                try:
                    tab.wait_for_function(MARKED_JS, timeout_ms=3_000)
                    return
                except BridgeError:
                    if time.monotonic() > deadline:
                        raise
        finally:
            tab.close()

    def close(self) -> None:
        """Quit the browser (and the bridge); kill their process group when they hang for 15 s."""
        try:
            if self.process.poll() is None:
                assert self.process.stdin is not None
                self.process.stdin.write(json.dumps({"op": "close"}) + "\n")
                self.process.stdin.close()
                self.process.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        finally:
            for reader in self.readers:
                reader.join(timeout=5)
            for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
                if pipe is not None:
                    pipe.close()

    def kill(self) -> None:
        """Kill the bridge and the browser it started (their own process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


class FirefoxTab:
    """One Firefox tab, with the same methods as harness.tabs.ChromiumTab."""

    browser_name = "firefox"

    def __init__(self, firefox: Firefox, page: int) -> None:
        self.firefox = firefox
        self.page = page

    def serve_html(self, url_prefix: str, html: str) -> None:
        """Answer every request whose URL starts with `url_prefix` with an HTML page."""
        self.firefox.send("route", page=self.page, prefix=url_prefix, html=html)

    def goto(self, url: str, timeout_ms: float = 20_000) -> None:
        self.firefox.send("goto", timeout_ms, page=self.page, url=url)

    def evaluate(self, js: str, arg: Any = None) -> Any:
        """The value of a JavaScript function's source applied to `arg` (awaited)."""
        return self.firefox.send("evaluate", page=self.page, js=js, arg=arg)

    def wait_for_function(self, js: str, arg: Any = None, timeout_ms: float = 20_000) -> None:
        """Wait until the function returns a truthy value."""
        self.firefox.send("waitForFunction", timeout_ms, page=self.page, js=js, arg=arg)

    def press(self, key: str) -> None:
        """Press a key or chord (`Enter`, `Shift+Tab`) as real keyboard input."""
        self.firefox.send("press", page=self.page, key=key)

    def click(self, x: float, y: float) -> None:
        """A real mouse click at viewport coordinates."""
        self.firefox.send("click", page=self.page, x=x, y=y)

    def set_viewport(self, width: int, height: int) -> None:
        self.firefox.send("setViewport", page=self.page, width=width, height=height)

    def screenshot(self, path: Path) -> None:
        self.firefox.send("screenshot", page=self.page, path=str(path))

    @property
    def errors(self) -> list[str]:
        """Uncaught errors and console errors so far."""
        return list(self.firefox.send("report", page=self.page)["errors"])

    @property
    def dialogs(self) -> list[str]:
        """Messages of the dialogs the page opened (all dismissed)."""
        return list(self.firefox.send("report", page=self.page)["dialogs"])

    def close(self) -> None:
        self.firefox.send("closePage", page=self.page)


@contextmanager
def open_firefox(
    extension: Path,
    viewport: tuple[int, int] = (1200, 900),
    prefs: dict[str, object] | None = None,
) -> Iterator[Firefox]:
    """firefox-esr with `extension` installed as a temporary add-on (and extra preferences, e.g.
    a proxy's), quit on exit."""
    firefox = Firefox(extension, viewport, prefs)
    try:
        yield firefox
    finally:
        firefox.close()
