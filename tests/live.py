"""Start `provnotes serve` on a loopback port for tests that need a real server."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from extension.scripts.harness.server import free_port

PEPPER = "live-server-test-pepper"


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "PROVNOTES_DATABASE_URL": database_url,
        "PROVNOTES_TOKEN_PEPPER": PEPPER,
        "PROVNOTES_ENVIRONMENT": "test",
    }


@contextmanager
def live_server(database_url: str, workdir: Path, timeout: float = 30.0) -> Iterator[str]:
    """Run the API against `database_url` (no seed folder) and yield its base URL."""
    with live_process(database_url, workdir, timeout) as (base, _process):
        yield base


@contextmanager
def live_process(
    database_url: str, workdir: Path, timeout: float = 30.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Like `live_server`, and yield the server process too (fault tests kill it)."""
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from api.cli import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--seed",
        str(workdir / "none"),
    ]
    log = (workdir / "server.log").open("a")
    process = subprocess.Popen(
        command, cwd=workdir, env=server_env(database_url), stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {(workdir / 'server.log').read_text()}")
            try:
                if httpx.get(f"{base}/readyz", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready in {timeout}s")
            time.sleep(0.1)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
