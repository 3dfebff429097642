"""Start the real API server (`provnotes serve`) on a loopback port and read its request log."""

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
PROVNOTES = ROOT / ".venv" / "bin" / "provnotes"


def port_range() -> list[int]:
    """The ports of `PROVNOTES_TEST_PORTS` ("8130-8139"), on a machine whose users share out
    port ranges; unset, [0]: any free port the system picks."""
    first, _, last = os.environ.get("PROVNOTES_TEST_PORTS", "").partition("-")
    return list(range(int(first), int(last or first) + 1)) if first else [0]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now: any, or the first free one of
    `PROVNOTES_TEST_PORTS`."""
    ports = port_range()
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # As the servers do: a port whose last connections linger in TIME_WAIT is free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError(f"no free port in PROVNOTES_TEST_PORTS={ports[0]}-{ports[-1]}")


def startup_seconds(seconds: float) -> float:
    """`seconds` on an idle machine, stretched by its load: a server that is up in 5 s alone can
    take several times that while every core is busy with other work."""
    return seconds * max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def wait_ready(process: subprocess.Popen[bytes], url: str, seconds: float, output: Path) -> None:
    """Poll `url` until it answers 200, for `seconds` stretched by the machine's load; raise with
    the tail of the server's `output` when the server exits first or the deadline passes."""
    timeout = startup_seconds(seconds)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode} before {url} answered:\n"
                f"{log_tail(output)}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet, or not ready (503)
        if time.monotonic() > deadline:
            load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
            raise RuntimeError(
                f"{url} did not answer 200 within {timeout:.0f} s (load average {load}):\n"
                f"{log_tail(output)}"
            )
        time.sleep(0.1)


def log_tail(output: Path, lines: int = 40) -> str:
    """The last lines of a server's own output."""
    if not output.exists():
        return "(no output)"
    return "\n".join(output.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class ApiServer:
    """One `provnotes serve` subprocess with its own database, seed folder and request log."""

    seed: Path
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def request_log(self) -> Path:
        return self.workdir / "requests.jsonl"

    @property
    def output_log(self) -> Path:
        return self.workdir / "server.log"

    def command(self) -> list[str]:
        """The exact command line used to start the server."""
        return [
            str(PROVNOTES), "serve", "--host", "127.0.0.1", "--port", str(self.port),
            "--db", str(self.workdir / "provnotes.db"), "--seed", str(self.seed),
            "--request-log", str(self.request_log),
        ]  # fmt: skip

    def start(self, timeout: float = 120.0) -> "ApiServer":
        """Start the server and wait until `/v1/index` answers; raise with its log otherwise."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "PROVNOTES_DATABASE_URL")
        }
        with self.output_log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
                self.command(), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env
            )
        try:
            wait_ready(self.process, f"{self.base_url}/v1/index", timeout, self.output_log)
        except RuntimeError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def requests(self) -> list[dict[str, object]]:
        """Every request the server logged so far, one dict per JSON line."""
        if not self.request_log.exists():
            return []
        entries = []
        for line in self.request_log.read_text().splitlines():
            if line.strip():
                entries.append(json.loads(line))
        return entries

    def call(self, method: str, path: str, body: Any = None, token: str = "") -> Any:
        """Send a JSON request (with `token` as its bearer token) and return the JSON answer."""
        request = urllib.request.Request(  # noqa: S310 - the loopback server's http URL
            f"{self.base_url}{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {token}"} if token else {}),
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - as above
            return json.loads(response.read())

    def cli(self, *args: str, stdin: str | None = None) -> str:
        """Run a `provnotes` command on the server's database; return what it printed."""
        done = subprocess.run(  # noqa: S603 - our own command, the test's arguments
            [str(PROVNOTES), *args, "--db", str(self.workdir / "provnotes.db")],
            input=stdin,
            text=True,
            check=True,
            capture_output=True,
        )
        return done.stdout

    def paths(self) -> list[str]:
        """`METHOD /path` for every logged request."""
        return [
            f"{r.get('method', '?')} {r.get('path', r.get('url', '?'))}" for r in self.requests()
        ]
