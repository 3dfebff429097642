"""The `provnotes` command line: serve, migrate, seed and friends."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import func, select
from sqlmodel import Session

from api.auth.cli import app as token_app
from api.cli_options import DbOption, err, fail, out, settings_for
from api.config import get_settings
from api.db import make_engine, transaction
from api.errors import DomainError
from api.exports.cli import export_command, import_command, remote_seed
from api.importers.cli import app as import_app
from api.migrations import upgrade
from api.profiles.projection import table
from api.revisions.models import Document
from api.seeding import service as seeding
from api.seeding.files import FileProblem
from api.seeding.progress import SeedProgress

app = typer.Typer(
    help="Provenance Notes: cited notes on outlets and the experts they quote.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(token_app, name="token")
app.add_typer(import_app, name="import-source")
app.command("export")(export_command)
app.command("import")(import_command)
DEFAULT_SEED = Path("seed_data")
LIST_LIMIT = 1_000  # larger runs print only the summary (use --dry-run for every line)


def migrate_database(url: str) -> None:
    """Upgrade the schema of the database at `url` to the newest migration."""
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@app.command()
def migrate(db: DbOption = None) -> None:
    """Upgrade the database schema to the newest migration."""
    migrate_database(settings_for(db).database_url)
    out.print("database schema is up to date")


def run_seed(engine_url: str, path: Path, *, dry_run: bool, author: str, reason: str) -> str:
    """Validate and apply a seed directory; return the summary line."""
    engine = make_engine(engine_url)
    try:
        with SeedProgress(err) as progress, transaction(engine) as session:
            records = progress.read(path)
            seed_plan = seeding.plan(session, progress.track(records))
            if len(seed_plan.changes) <= LIST_LIMIT or dry_run:
                for line in seed_plan.lines():
                    out.print(line, highlight=False, markup=False)
            if dry_run:
                session.rollback()
                return f"dry run: {seed_plan.summary()}; nothing written"
            seeding.apply(session, seed_plan, author=author, reason=reason, progress=progress.stage)
        return seed_plan.summary()
    finally:
        engine.dispose()


@app.command()
def seed(
    path: Annotated[Path, typer.Argument(help="seed file or folder")] = DEFAULT_SEED,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show changes, write nothing")] = False,
    author: Annotated[str, typer.Option(help="who the revisions are recorded for")] = "seed",
    reason: Annotated[str | None, typer.Option(help="why (recorded on every revision)")] = None,
    db: DbOption = None,
    api: Annotated[
        str | None, typer.Option(help="seed this running server through its admin API instead")
    ] = None,
    token: Annotated[
        str | None, typer.Option(envvar="PROVNOTES_TOKEN", help="admin token for --api")
    ] = None,
) -> None:
    """Load curated profile files: validate all, then upsert by slug in one transaction."""
    if api is not None:
        remote_seed(path, api=api, token=token, dry_run=dry_run, reason=reason)
        return
    settings = settings_for(db)
    migrate_database(settings.database_url)
    try:
        summary = run_seed(
            settings.database_url,
            path,
            dry_run=dry_run,
            author=author,
            reason=reason or f"seed from {path}",
        )
    except (FileProblem, DomainError) as exc:
        raise fail(str(exc)) from exc
    out.print(summary, highlight=False)


def database_is_empty(engine_url: str) -> bool:
    """Tell whether no profile has ever been written."""
    engine = make_engine(engine_url)
    try:
        with Session(engine) as session:
            return not session.execute(select(func.count()).select_from(table(Document))).scalar()
    finally:
        engine.dispose()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    seed_dir: Annotated[
        Path | None, typer.Option("--seed", help="seed an empty database from this folder")
    ] = DEFAULT_SEED,
    request_log: Annotated[
        Path | None, typer.Option(help="append one JSON line per request to this file")
    ] = None,
    db: DbOption = None,
) -> None:
    """Migrate, seed an empty database, and serve the API with uvicorn."""
    import uvicorn

    from api.main import create_app

    if request_log is not None:
        os.environ["PROVNOTES_REQUEST_LOG"] = str(request_log.resolve())
        get_settings.cache_clear()
    settings = settings_for(db)
    migrate_database(settings.database_url)
    if seed_dir is not None and seed_dir.exists() and database_is_empty(settings.database_url):
        try:
            summary = run_seed(
                settings.database_url,
                seed_dir,
                dry_run=False,
                author="seed",
                reason=f"first start: seed from {seed_dir}",
            )
        except (FileProblem, DomainError) as exc:
            raise fail(str(exc)) from exc
        err.print(f"seeded an empty database: {summary}", highlight=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)


def main() -> None:
    """Entry point that keeps tracebacks out of operators' faces."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
