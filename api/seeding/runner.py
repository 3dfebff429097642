"""Seed runs for `seed`, `serve` and `import`: the database to plan on, progress, summary."""

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool

from api.cli_options import err, fail, out
from api.db import make_engine, normalize_url, transaction
from api.errors import DomainError
from api.migrations import current_revision, head_revision, upgrade
from api.seeding import service as seeding
from api.seeding.bulk import collector_held
from api.seeding.files import FileProblem
from api.seeding.progress import SeedProgress
from api.seeding.service import SeedPlan


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(normalize_url(url))
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _empty_database() -> Engine:
    """A migrated in-memory database: what a dry run plans against when the target is empty."""
    engine = make_engine("sqlite://", poolclass=StaticPool)
    upgrade(engine)
    return engine


def open_for_seed(url: str, *, dry_run: bool) -> Engine:
    """The engine a seed run works on: migrated for a real run; never written for a dry run."""
    file = _sqlite_file(url)
    if not dry_run:
        engine = make_engine(url)
        upgrade(engine)
        return engine
    if file is not None and not file.exists():
        return _empty_database()
    # SQLite opens read-only (no journal-mode pragma either): a dry run cannot write the file.
    read_only = f"sqlite:///file:{file.resolve()}?mode=ro&uri=true" if file else None
    engine = create_engine(read_only) if read_only else make_engine(url)
    revision = current_revision(engine)
    if revision is None:
        engine.dispose()
        return _empty_database()
    if revision != head_revision():
        engine.dispose()
        raise fail(
            f"the database is at schema {revision}, this version needs {head_revision()}: "
            "run `provnotes migrate` first (a dry run changes nothing, not even the schema)"
        )
    return engine


def run_seed(
    url: str, path: Path, *, dry_run: bool, author: str, reason: str, console: Console = err
) -> SeedPlan:
    """Validate and apply (or, for a dry run, only plan) a seed file or folder."""
    engine = open_for_seed(url, dry_run=dry_run)
    try:
        with collector_held(), SeedProgress(console) as progress, transaction(engine) as session:
            records = progress.read(path)
            seed_plan = seeding.plan(session, progress.track(records))
            if dry_run:
                session.rollback()
            else:
                seeding.apply(
                    session, seed_plan, author=author, reason=reason, progress=progress.stage
                )
    except (FileProblem, DomainError) as exc:
        raise fail(str(exc)) from exc
    finally:
        engine.dispose()
    return seed_plan


def report(
    lines: Iterable[str], summary: str, *, dry_run: bool, verbose: bool, prefix: str = ""
) -> None:
    """Print every change (dry run or --verbose), then the one-line summary."""
    if dry_run or verbose:
        for line in lines:
            out.print(line, highlight=False, markup=False, soft_wrap=True)
    summary = f"dry run: {summary}; nothing written" if dry_run else summary
    out.print(f"{prefix}{summary}", highlight=False, markup=False, soft_wrap=True)
