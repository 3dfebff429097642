"""Record every request a browser makes and check it against the extension's privacy statement.

Browser-neutral helpers for the end-to-end privacy test: a recording HTTP proxy that every
request of the browser goes through (the extension's background included), a page server on a
loopback address that no index lists, the test's own articles, and `violations()`, which checks
each recorded request against what the options page says is sent. A harness for another browser
points the browser at `RecordingProxy` (`chromium_args()` or `firefox_prefs()`), opens
`profiled_page()` and `unprofiled_page()`, and asserts `violations(...) == []`.
"""

import contextlib
import http.client
import ipaddress
import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from extension.scripts.harness.pages import article_page
from extension.scripts.harness.tabs import Tab

# What the extension may ask the API server (extension/src/shared/privacy.js): downloads that
# carry nothing about a page, and card buckets by hash prefix with the browser's language.
ALLOWED_PATHS = re.compile(r"^/v1/(index|names|cards)$")
BUCKET_PATH = re.compile(r"^/v1/cards/bucket/(?P<prefix>[0-9a-f]+)$")
LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade",
}  # fmt: skip

# The test's own articles (chrome line, paragraphs, tail: see harness/pages.py). The unprofiled
# one quotes two profiled experts; the profiled one sits on a host of the index.
UNPROFILED_TEXT = """\
Harbour Ledger · 2 December 2026 · 4 min read

Insurers in Istanbul raised the premiums on grain cargoes again this week, and several captains
said they would rather wait at anchor than sail at the new prices.

Gevorg Mirzayan, a commentator who often writes about the region, told a radio programme that
Moscow sees the shipping lane as a bargaining chip rather than a trade route.

Cenk Başlamış said on Tuesday that Ankara would keep the straits open whatever the insurers
decided, and Mirzayan later agreed that neither side wanted a closure.

shipping, insurance
Comments (12) · Share this story
"""
PROFILED_TEXT = """\
Summit diary · 1 December 2026

Delegations arrived in Baku late on Monday for a two-day meeting on transport corridors that
avoid the congested northern routes.

Political scientist Gevorg Mirzayan said the corridor plan would test how far the neighbours are
willing to trust each other with their freight.

transport, summit
Newsletter · Contact the desk
"""


def _fold(text: str) -> str:
    """Lower case without accents ("Başlamış" → "baslamis"), as a URL-safe spelling would be."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class PageFacts:
    """What no request of the extension may carry about one page."""

    url: str
    text: str
    entities: tuple[str, ...]  # slugs of the profiles the page names
    names: tuple[str, ...]  # those names as the page writes them

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    def fragments(self, words: int = 3) -> set[str]:
        """Every run of `words` consecutive words of the article, lower-cased."""
        tokens = re.findall(r"\w+", self.text.lower())
        return {" ".join(tokens[i : i + words]) for i in range(len(tokens) - words + 1)}

    def secrets(self) -> set[str]:
        """The strings that must not appear: URL, host, text runs, entity ids and names."""
        parts = urlsplit(self.url)
        found = {self.url.lower(), parts.netloc.lower(), self.host.lower()}
        found |= {e.lower() for e in self.entities} | {n.lower() for n in self.names}
        found |= {_fold(n) for n in self.names}
        return found | self.fragments()


def unprofiled_page(base: str) -> tuple[PageFacts, str]:
    """The unprofiled article at `base` (a loopback origin no index lists), with its HTML."""
    url = f"{base}/2026/12/02/grain-insurers.html"
    html = article_page(
        UNPROFILED_TEXT,
        title="Grain ships wait as insurers raise their rates",
        site="Harbour Ledger",
        wrap={"Gevorg Mirzayan": "Gevorg <b>Mirzayan</b>"},
    )
    facts = PageFacts(
        url, UNPROFILED_TEXT, ("gevorg-mirzayan", "cenk-baslamis"), ("Gevorg Mirzayan", "Başlamış")
    )
    return facts, html


def profiled_page(host: str = "sputniknews.com") -> tuple[PageFacts, str]:
    """The profiled article on `host` (on the index), served over plain http through the proxy."""
    url = f"http://{host}/20261201/summit-diary.html"
    html = article_page(PROFILED_TEXT, title="Summit diary: corridors", site=host)
    return PageFacts(url, PROFILED_TEXT, ("gevorg-mirzayan", "sputnik"), ("Gevorg Mirzayan",)), html


NOTES_JS = """() => ({
  labels: [...document.querySelectorAll('provenance-notes-marker')]
    .map((m) => m.shadowRoot.querySelector('button').getAttribute('aria-label')),
  banners: document.querySelectorAll('provenance-notes-banner').length,
})"""
OPEN_CARD_JS = """(name) => {
  const button = [...document.querySelectorAll('provenance-notes-marker')]
    .map((m) => m.shadowRoot.querySelector('button'))
    .find((b) => b.getAttribute('aria-label').includes(name));
  button.click();
}"""
CARD_TEXT_JS = """() => {
  const card = document.querySelector('provenance-notes-card')?.shadowRoot.querySelector('.card');
  return card && !card.hidden ? card.innerText : null;
}"""


def show_notes(tab: Tab, page: PageFacts, *, banner: bool) -> str:
    """Open `page` in `tab`, check a marker for each of its names (and the banner, or none), open
    the card of its first name; return the card's text."""
    tab.goto(page.url)
    tab.wait_for_function("() => document.querySelector('provenance-notes-marker') !== null")
    notes = tab.evaluate(NOTES_JS)
    for name in page.names:
        assert any(name in label for label in notes["labels"]), (name, notes)
    assert notes["banners"] == (1 if banner else 0), notes
    tab.evaluate(OPEN_CARD_JS, page.names[0])
    tab.wait_for_function(f"() => ({CARD_TEXT_JS})() !== null", timeout_ms=5_000)
    text: str = tab.evaluate(CARD_TEXT_JS)
    assert tab.errors == [], tab.errors
    return text


@dataclass(frozen=True)
class Recorded:
    """One request as it left the browser."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""
    seen_by: str = "proxy"

    def text(self) -> str:
        """URL (raw and decoded), headers and body as one lower-case string to search."""
        body = self.body.decode("utf-8", "replace")
        with contextlib.suppress(ValueError):  # JSON escapes non-ASCII: search it decoded too
            body += " " + json.dumps(json.loads(body), ensure_ascii=False)
        raw = "\n".join([self.url, *(f"{k}: {v}" for k, v in self.headers), body])
        return f"{raw}\n{unquote(raw)}".lower()


class PageServer:
    """Serves fixed HTML pages by absolute URL (`http://host[:port]/path`) on a loopback address."""

    def __init__(self, address: str = "127.0.0.2") -> None:
        self.pages: dict[str, str] = {}
        served = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/favicon.ico":  # no icon, and no error in the page's console
                    self.send_response(204)
                    self.end_headers()
                    return
                html = served.get(f"http://{self.headers.get('Host', '')}{self.path}")
                body = (html or "not found").encode()
                self.send_response(200 if html else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "PageServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 that records every request and relays it to loopback only.

    Hosts in `virtual` (e.g. a profiled news site) are relayed to a local page server; any other
    non-loopback host is answered 502 and never contacted. HTTPS tunnels (CONNECT) are recorded
    and refused: the pages and the API of the test are plain http."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.virtual: dict[str, tuple[str, int]] = {}
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = tuple((k, v) for k, v in self.headers.items())
                proxy.record(Recorded(self.command, self.path, headers, body))
                parts = urlsplit(self.path)
                host = parts.hostname or ""
                target = proxy.virtual.get(host) or (
                    (host, parts.port or 80) if _loopback(host) else None
                )
                if parts.scheme != "http" or target is None:
                    self._answer(502, b"not reachable from the test")
                    return
                upstream = http.client.HTTPConnection(*target, timeout=30)
                forwarded = {k: v for k, v in headers if k.lower() not in HOP_BY_HOP}
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                try:
                    upstream.request(
                        self.command, path or "/", body=body or None, headers=forwarded
                    )
                    response = upstream.getresponse()
                    data = response.read()
                except OSError as exc:
                    self._answer(502, str(exc).encode())
                    return
                finally:
                    upstream.close()
                self.send_response(response.status, response.reason)
                for k, v in response.getheaders():
                    if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _relay

            def do_CONNECT(self) -> None:
                headers = tuple((k, v) for k, v in self.headers.items())
                proxy.record(Recorded("CONNECT", self.path, headers))
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.close_connection = True

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def recorded(self) -> list[Recorded]:
        with self._lock:
            return list(self.requests)

    @property
    def address(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def chromium_args(self) -> list[str]:
        """Chromium flags that send every request through the proxy, loopback included."""
        return [f"--proxy-server=http://{self.address}", "--proxy-bypass-list=<-loopback>"]

    def firefox_prefs(self) -> dict[str, object]:
        """Firefox preferences that do the same."""
        host, port = self.server.server_address[:2]
        return {
            "network.proxy.type": 1,
            "network.proxy.http": host,
            "network.proxy.http_port": port,
            "network.proxy.ssl": host,
            "network.proxy.ssl_port": port,
            "network.proxy.no_proxies_on": "",
            "network.proxy.allow_hijacking_localhost": True,
        }

    def start(self) -> "RecordingProxy":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# The browser's own services (updates, sign-in), reached whatever the extension does. They may
# be contacted, but like every request they must carry nothing of a page.
CHROMIUM_SERVICES = (".googleapis.com", "accounts.google.com", ".gvt1.com", ".google.com")
FIREFOX_SERVICES = (".services.mozilla.com",)  # remote settings (firefox.settings.…)


@dataclass
class Statement:
    """The privacy statement as rules: the API server's addresses (the one the build names
    until the options change it, then the configured one) and the bucket prefix length."""

    api_bases: tuple[str, ...]
    prefix_length: int
    page_loads: set[str] = field(default_factory=set)  # URLs the browser itself navigated to
    browser_services: tuple[str, ...] = CHROMIUM_SERVICES

    def browser_service(self, host: str) -> bool:
        return any(
            host == s.lstrip(".") or (s[0] == "." and host.endswith(s))
            for s in self.browser_services
        )

    def problems(self, request: Recorded, pages: Iterable[PageFacts]) -> list[str]:
        """What is wrong with one request ([] when the statement allows it)."""
        where = f"{request.seen_by}: {request.method} {request.url}"
        parts = urlsplit(request.url)
        host = request.url.rsplit(":", 1)[0] if request.method == "CONNECT" else parts.hostname
        haystack = request.text()
        leaks = [
            f"{where}: carries {sorted(s for s in page.secrets() if s and s in haystack)[:5]} "
            f"of {page.url}"
            for page in pages
            if any(s and s in haystack for s in page.secrets())
        ]
        if request.method == "GET" and request.url in self.page_loads:
            return []  # the browser loading the page itself
        if self.browser_service(host or ""):
            return leaks
        loaded = {urlsplit(u).netloc for u in self.page_loads}
        if request.method == "GET" and parts.path == "/favicon.ico" and parts.netloc in loaded:
            return []  # the browser's own icon request for a page it loaded
        if not any((parts.scheme, parts.netloc) == urlsplit(b)[:2] for b in self.api_bases):
            return [f"{where}: not the API server", *leaks]
        found = leaks
        query = parse_qsl(parts.query, keep_blank_values=True)
        bucket = BUCKET_PATH.match(parts.path)
        if request.method != "GET":
            found.append(f"{where}: only GET requests are allowed")
        elif bucket:
            if len(bucket["prefix"]) != self.prefix_length:
                found.append(f"{where}: a bucket prefix of {self.prefix_length} characters only")
            if any(k != "lang" or not LANG.match(v) for k, v in query):
                found.append(f"{where}: a bucket takes only lang=")
        elif not ALLOWED_PATHS.match(parts.path) or query:
            found.append(f"{where}: not a path of the privacy statement")
        if request.body:
            found.append(f"{where}: carries a body")
        return found


def violations(
    requests: Iterable[Recorded], statement: Statement, pages: Iterable[PageFacts]
) -> list[str]:
    """Every request the statement does not allow, or that carries something of a page."""
    pages = list(pages)
    return [problem for r in requests for problem in statement.problems(r, pages)]
