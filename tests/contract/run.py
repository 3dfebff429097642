"""Run schemathesis (every phase, stateful included) against a live server on SQLite or
PostgreSQL, with an admin token, within a time budget: `python -m tests.contract.run sqlite`."""

import argparse
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text

from api.db import make_engine
from api.seeding.runner import run_seed
from tests.faults.conftest import admin_headers
from tests.live import live_server
from tests.support import POSTGRES_URL, ROOT

SEED = ROOT / "seed_data"  # real data: links for the stateful phase to follow
CHECKS = "all"
CONFIG = Path(__file__).with_name("schemathesis.toml")


def database(backend: str, workdir: Path) -> tuple[str, str | None]:
    """Return a fresh database URL (and the PostgreSQL schema to drop afterwards)."""
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'contract.db'}", None
    schema = f"pn_contract_{uuid.uuid4().hex[:10]}"
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}", schema


def drop(schema: str) -> None:
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def leave_a_reply(base: str) -> None:
    """Submit one reply for curators, so the stateful phase finds it in their queue and
    follows the queue's links to it (the seed files hold no replies)."""
    reply = {
        "name": "Rossiya Segodnya press office",
        "role": "representative",
        "text": "Sputnik's ownership is described accurately, but the registry entry has moved.",
    }
    httpx.post(f"{base}/v1/entities/sputnik/replies", json=reply, timeout=10).raise_for_status()


# Revoking the run's own token or demoting its admin would leave every later request 401:
# those two operations get a run of their own, last.
SELF_LOCKING = "^/admin/v1/(tokens/\\{token_id\\}|accounts/\\{name\\})$"
RUNS = (  # (phases, share of the time budget, operation filter)
    ("examples,coverage,fuzzing", 0.55, ["--exclude-path-regex", SELF_LOCKING]),
    ("stateful", 0.3, ["--exclude-path-regex", SELF_LOCKING]),
    ("examples,coverage,fuzzing,stateful", 0.15, ["--include-path-regex", SELF_LOCKING]),
)


def schemathesis(base: str, token: str, args: argparse.Namespace, workdir: Path) -> int:
    """Run every phase in three bounded runs; return the worst exit code."""
    worst = 0
    for phases, share, selection in RUNS:
        command = [
            str(Path(sys.executable).parent / "schemathesis"),
            f"--config-file={CONFIG}",
            "run",
            f"{base}/openapi.json",
            f"--phases={phases}",
            f"--checks={CHECKS}",
            f"--max-time={max(5, round(args.max_time * share))}",
            f"--max-examples={args.max_examples}",
            f"--seed={args.seed}",
            "--workers=1",
            # Long URL and text patterns are slow to generate on a loaded two-core machine;
            # that health check measures the generator, not the API.
            "--suppress-health-check=too_slow",
            "--request-timeout=10",
            "--no-color",
            "-H",
            f"Authorization: {token}",
            *selection,
            *args.extra,
        ]
        if phases == "stateful":
            leave_a_reply(base)  # after the other phases, which may have decided an earlier one
        print(f"schemathesis, {phases}: {' '.join(selection)}", flush=True)
        worst = max(worst, subprocess.run(command, cwd=workdir, check=False).returncode)
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("backend", choices=["sqlite", "postgresql"])
    parser.add_argument("--max-time", type=int, default=80, help="seconds for all three runs")
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("extra", nargs="*", help="more schemathesis options")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="provnotes-contract-") as folder:
        workdir = Path(folder)
        url, schema = database(args.backend, workdir)
        try:
            headers = admin_headers(url)
            run_seed(url, SEED, dry_run=False, author="seed", reason="contract tests")
            with live_server(url, workdir, timeout=120) as base:
                print(f"schemathesis against {args.backend}: {base}", flush=True)
                return schemathesis(base, headers["Authorization"], args, workdir)
        finally:
            if schema is not None:
                drop(schema)


if __name__ == "__main__":
    sys.exit(main())
