"""`provnotes export`, `provnotes import` and the `--api` mode of `provnotes seed`."""

from pathlib import Path
from typing import Annotated

import typer
import yaml

from api.cli_options import DbOption, fail, out, settings_for
from api.db import make_engine, transaction
from api.errors import DomainError
from api.exports import service
from api.exports.remote import RemoteError, upload
from api.migrations import upgrade
from api.seeding.files import FileProblem, read_path


def export_command(
    out_file: Annotated[
        Path | None, typer.Option("--out", help="write here (.json, or .yaml) instead of stdout")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the whole published dataset as one seed file (stable order: diff-friendly)."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            if out_file is not None and out_file.suffix.lower() in (".yaml", ".yml"):
                data = service.export_dataset(session)
                text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
            else:
                text = service.export_text(session)
    finally:
        engine.dispose()
    if out_file is None:
        typer.echo(text, nl=False)
        return
    out_file.write_text(text, encoding="utf-8")
    out.print(f"exported to {out_file}", highlight=False)


def import_command(
    path: Annotated[Path, typer.Argument(help="an export (or any seed file or folder)")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show changes, write nothing")] = False,
    reason: Annotated[str | None, typer.Option(help="why (recorded on every revision)")] = None,
    db: DbOption = None,
) -> None:
    """Import an export: validate everything, then publish it in one transaction or not at all."""
    from api.cli import run_seed

    settings = settings_for(db)
    upgrade(make_engine(settings.database_url))
    try:
        summary = run_seed(
            settings.database_url,
            path,
            dry_run=dry_run,
            author="import",
            reason=reason or f"import from {path}",
        )
    except (FileProblem, DomainError) as exc:
        raise fail(str(exc)) from exc
    out.print(summary, highlight=False)


def remote_seed(
    path: Path, *, api: str, token: str | None, dry_run: bool, reason: str | None
) -> None:
    """Validate and apply seed files on a running server, printing what `seed` prints."""
    if not token:
        raise fail("--api needs --token (or PROVNOTES_TOKEN): an admin token of that server")
    try:
        records = list(read_path(path))
        result = upload(api, token, records, dry_run=dry_run, reason=reason or f"seed from {path}")
    except (FileProblem, RemoteError) as exc:
        raise fail(str(exc)) from exc
    for line in result.changes:
        out.print(line, highlight=False, markup=False)
    if dry_run:
        out.print(f"dry run: {result.summary}; nothing written", highlight=False)
    else:
        out.print(result.summary, highlight=False)
