"""Start `provnotes serve` on a loopback port for tests that need a real server."""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extension.scripts.harness.server import free_port, wait_ready

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
    """Run the API against `database_url` (no seed folder) and yield its base URL once /readyz
    answers, within `timeout` seconds stretched by the machine's load."""
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
        wait_ready(process, f"{base}/readyz", timeout, workdir / "server.log")
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
