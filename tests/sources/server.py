"""A local web server for source checks: loopback only, on a free port (of PROVNOTES_TEST_PORTS
when set), answering 200, 404, 410, 500, 403, redirects, a HEAD refusal, robots.txt rules and a
bounded hang."""

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from extension.scripts.harness.server import free_port, port_range

HANG_SECONDS = 3.0  # the longest the /slow page keeps a client waiting


@dataclass
class Log:
    """Every request the server saw, and the most it ever served at once."""

    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, agent
    cookies: list[str] = field(default_factory=list)  # Cookie headers received
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self, method: str | None = None) -> list[str]:
        return [path for m, path, _ in self.requests if method in (None, m)]


ROUTES: dict[str, tuple[int, dict[str, str]]] = {
    "/ok": (200, {"Set-Cookie": "session=tracked; Path=/"}),
    "/gone": (404, {}),
    "/removed": (410, {}),
    "/broken": (500, {}),
    "/forbidden": (403, {}),
    "/moved": (301, {"Location": "/ok"}),
    "/moved-to-gone": (302, {"Location": "/gone"}),
    "/loop": (302, {"Location": "/loop"}),
    "/private/page": (200, {}),
}


def _handler(log: Log, robots: str, robots_status: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self, body: bool) -> None:
            with log.lock:
                log.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
                log.cookies += self.headers.get_all("Cookie") or []
                log.in_flight += 1
                log.most_in_flight = max(log.most_in_flight, log.in_flight)
            try:
                self._route(body)
            finally:
                with log.lock:
                    log.in_flight -= 1

        def _route(self, body: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/robots.txt":
                return self._send(robots_status, {}, robots.encode(), body)
            if path == "/slow":
                time.sleep(HANG_SECONDS)
                return self._send(200, {}, b"late", body)
            if path == "/no-head" and self.command == "HEAD":
                return self._send(405, {"Allow": "GET"}, b"", body)
            status, headers = ROUTES.get(path, (200 if path == "/no-head" else 404, {}))
            return self._send(status, headers, b"page text\n" * 10, body)

        def _send(self, status: int, headers: dict[str, str], data: bytes, body: bool) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if body:
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the checker gave up waiting, as it should

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def do_GET(self) -> None:
            self._answer(body=True)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the checker gave up waiting, as it should (at 1 s on a busy machine)
        super().handle_error(request, client_address)


def closed_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    return free_port()


@contextmanager
def serving(
    robots: str = "User-agent: *\nDisallow: /private/\n", robots_status: int = 200
) -> Iterator[tuple[str, Log]]:
    """Serve the test pages on 127.0.0.1; yield the base URL and the request log."""
    log = Log()
    last: OSError | None = None
    for port in port_range():
        try:
            server = _Server(("127.0.0.1", port), _handler(log, robots, robots_status))
            break
        except OSError as exc:
            last = exc
    else:
        raise RuntimeError(f"no free port in PROVNOTES_TEST_PORTS: {last}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=HANG_SECONDS + 1)
