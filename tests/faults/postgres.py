"""A private PostgreSQL cluster on a loopback port (Debian's binaries), for fault tests that
stop, freeze and thaw the server without touching anyone else's."""

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import psutil
import psycopg

from tests.live import free_port


def binaries() -> Path | None:
    """Return the newest installed PostgreSQL bin folder, if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    return found[-1].parent if found else None


def _as_postgres() -> dict[str, str]:
    # PostgreSQL refuses to run as root; no wrapper process (su, runuser) sits in between, so
    # signals reach the postmaster itself.
    return {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}


class Cluster:
    """One data folder, one postmaster in its own process group (so SIGSTOP freezes it all)."""

    def __init__(self, root: Path, bin_dir: Path) -> None:
        self.root = root
        self.bin = bin_dir
        self.data = root / "data"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log: BinaryIO | None = None
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        subprocess.run(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            **_as_postgres(),
        )

    def start(self) -> None:
        self.log = (self.root / "postgres.log").open("ab")
        self.process = subprocess.Popen(
            [
                str(self.bin / "postgres"),
                "-D",
                str(self.data),
                "-p",
                str(self.port),
                "-k",
                str(self.root),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "max_connections=120",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **_as_postgres(),
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(
                    f"host=127.0.0.1 port={self.port} user=postgres", connect_timeout=2
                ).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def signal(self, sig: signal.Signals) -> None:
        """Send a signal to the postmaster and every backend (each backend has its own session,
        so a process-group signal would miss them)."""
        assert self.process is not None
        postmaster = psutil.Process(self.process.pid)
        for process in [postmaster, *postmaster.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.send_signal(sig)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.signal(signal.SIGCONT)
            self.process.send_signal(signal.SIGINT)  # fast shutdown
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.process.wait()
        self.process = None
        if self.log is not None:
            self.log.close()


@contextmanager
def cluster(root: Path) -> Iterator[Cluster]:
    bin_dir = binaries()
    assert bin_dir is not None
    pg = Cluster(root, bin_dir)
    pg.init()
    pg.start()
    try:
        yield pg
    finally:
        pg.stop()
