"""The `provnotes` command line: serve, migrate, seed and friends."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from api.auth.cli import account_app
from api.auth.cli import app as token_app
from api.cli_options import DbOption, VerboseOption, command_group, err, out, settings_for
from api.common import collector_for_serving
from api.config import Settings, get_settings
from api.db import make_engine
from api.exports.cli import export_command, import_command, remote_seed
from api.importers.cli import app as import_app
from api.migrations import upgrade
from api.opendata.cli import dump_command
from api.profiles.projection import table
from api.revisions.models import Document
from api.seeding.runner import report, run_seed
from api.sources.cli import check_sources_command

app = command_group(help="Provenance Notes: cited notes on outlets and the experts they quote.")
app.add_typer(token_app, name="token")
app.add_typer(account_app, name="account")
app.add_typer(import_app, name="import-source")
app.command("export")(export_command)
app.command("import")(import_command)
app.command("dump")(dump_command)
app.command("check-sources")(check_sources_command)
DEFAULT_SEED = Path("seed_data")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # noqa: S104 - names, not a bind


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


@app.command()
def seed(
    path: Annotated[Path, typer.Argument(help="seed file or folder")] = DEFAULT_SEED,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show changes, write nothing")] = False,
    verbose: VerboseOption = False,
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
        remote_seed(path, api=api, token=token, dry_run=dry_run, verbose=verbose, reason=reason)
        return
    seed_plan = run_seed(
        settings_for(db).database_url,
        path,
        dry_run=dry_run,
        author=author,
        reason=reason or f"seed from {path}",
    )
    report(seed_plan.lines(), seed_plan.summary(), dry_run=dry_run, verbose=verbose)


def database_is_empty(engine_url: str) -> bool:
    """Tell whether no profile has ever been written."""
    engine = make_engine(engine_url)
    try:
        with Session(engine) as session:
            return not session.execute(select(func.count()).select_from(table(Document))).scalar()
    finally:
        engine.dispose()


def served_at(settings: Settings, host: str, port: int) -> Settings:
    """Point public links at the address being served, unless PROVNOTES_PUBLIC_BASE_URL says."""
    if "public_base_url" in settings.model_fields_set:
        return settings
    name = "127.0.0.1" if host in WILDCARD_HOSTS else host
    name = f"[{name}]" if ":" in name else name
    return settings.model_copy(update={"public_base_url": f"http://{name}:{port}"})


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    seed_dir: Annotated[
        Path | None, typer.Option("--seed", help="seed an empty database from this folder")
    ] = DEFAULT_SEED,
    verbose: VerboseOption = False,
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
    settings = served_at(settings_for(db), host, port)
    migrate_database(settings.database_url)
    if seed_dir is not None and seed_dir.exists() and database_is_empty(settings.database_url):
        seed_plan = run_seed(
            settings.database_url,
            seed_dir,
            dry_run=False,
            author="seed",
            reason=f"first start: seed from {seed_dir}",
        )
        report(
            seed_plan.lines(),
            seed_plan.summary(),
            dry_run=False,
            verbose=verbose,
            prefix="seeded an empty database: ",
        )
    collector_for_serving()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)


def main() -> None:
    """Entry point that keeps tracebacks out of operators' faces."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except SQLAlchemyError as exc:
        # A read-only file, a full disk, a refused connection: one line, not a traceback.
        cause = getattr(exc, "orig", None) or exc
        line = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        err.print(f"[red]error:[/red] database: {line}", markup=True, highlight=False)
        sys.exit(1)
