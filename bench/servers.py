"""Start servers for the HTTP benchmarks, and seed the synthetic gazetteer into a database."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil

from api.annotate.matcher import NameEntry
from api.db import make_engine, transaction
from api.migrations import upgrade
from api.seeding import service as seeding
from api.seeding.files import RawRecord

ROOT = Path(__file__).resolve().parent.parent
CITATIONS = 1000


def free_port() -> int:
    """A free loopback port: any, or the first free one of PROVNOTES_BENCH_PORTS ("8170-8179")
    when several people share the machine and each keeps to a range."""
    span = os.environ.get("PROVNOTES_BENCH_PORTS", "")
    first, _, last = span.partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise SystemExit(f"no free port in PROVNOTES_BENCH_PORTS={span}")


def _citation(i: int) -> dict[str, Any]:
    return {
        "key": f"bench-{i}",
        "url": f"https://sources.example/{i}",
        "title": f"Register entry {i}",
        "publisher": "Bench Register",
        "accessed": "2026-11-25",
    }


def records(entries: list[NameEntry]) -> list[RawRecord]:
    """Turn gazetteer entries into seed records: people employed by (and some members of)
    organizations, organizations owned by earlier ones or by a ministry, so cards carry
    affiliations and state ties with their own citations."""
    out = [RawRecord("bench", "citations", i, _citation(i)) for i in range(CITATIONS)]
    orgs = [e for e in entries if e.entity_type == "organization"]
    ministries = [e.slug for e in orgs if e.kind == "ministry"]
    for i, e in enumerate(entries):
        cite = [f"bench-{i % CITATIONS}"]
        other = [f"bench-{(i + 1) % CITATIONS}"]
        record: dict[str, Any] = {
            "slug": e.slug,
            "name": e.name,
            "aliases": list(e.aliases),
            "citations": cite,
        }
        if e.entity_type == "person":
            relations = [
                {
                    "type": "employed_by",
                    "object": orgs[i % len(orgs)].slug,
                    "role": "Analyst",
                    "citations": other,
                }
            ]
            if i % 3 == 0:
                relations.append(
                    {
                        "type": "member_of",
                        "object": orgs[(i * 7) % len(orgs)].slug,
                        "citations": cite,
                    }
                )
            record |= {"description": "A synthetic person", "relations": relations}
            out.append(RawRecord("bench", "people", i, record))
            continue
        at = i - (len(entries) - len(orgs))  # people come first
        record |= {"kind": e.kind, "country": "GB", "exclude": list(e.exclude)}
        if e.kind != "ministry" and at > 10:
            owner = ministries[at % len(ministries)] if at % 4 == 0 else orgs[at // 2].slug
            if owner != e.slug:
                record["relations"] = [{"type": "owned_by", "object": owner, "citations": other}]
        out.append(RawRecord("bench", "organizations", i, record))
    return out


def seed_gazetteer(db: Path, entries: list[NameEntry]) -> float:
    """Migrate a SQLite file and seed `entries` into it; return the seconds it took."""
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    started = time.perf_counter()
    with transaction(engine) as session:
        seeding.apply(
            session, seeding.plan(session, records(entries)), author="bench", reason="benchmark"
        )
    engine.dispose()
    return time.perf_counter() - started


class Server:
    """A server process on loopback."""

    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process = process
        self.base_url = f"http://127.0.0.1:{port}"

    def rss_mb(self) -> float:
        return float(psutil.Process(self.process.pid).memory_info().rss) / 2**20

    def wait_ready(self, path: str, seconds: float = 180) -> None:
        deadline = time.monotonic() + seconds
        with httpx.Client(base_url=self.base_url, timeout=120) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise SystemExit(f"the server on {self.base_url} exited early")
                try:
                    if client.get(path).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
        raise SystemExit(f"the server on {self.base_url} did not become ready")


@contextmanager
def serve(
    arguments: list[str], ready_path: str, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run a server (the command gets `--port N` appended) until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [*arguments, "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port)
    try:
        server.wait_ready(ready_path)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def provnotes(db: Path, seed: Path | None) -> list[str]:
    """The command that serves the project on a SQLite file (seeding it first if empty)."""
    command = [str(Path(sys.executable).parent / "provnotes"), "serve", "--host", "127.0.0.1"]
    return [*command, "--db", str(db), "--seed", str(seed or db.parent / "no-seed")]


def trivial() -> list[str]:
    return [sys.executable, "-m", "bench.trivial_app"]
