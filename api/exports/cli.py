"""`provnotes export`, `provnotes import` and the `--api` mode of `provnotes seed`."""

from pathlib import Path
from typing import Annotated

import typer
import yaml

from api.cli_options import DbOption, VerboseOption, fail, out, settings_for
from api.db import make_engine, transaction
from api.exports import service
from api.exports.remote import RemoteError, upload
from api.migrations import upgrade
from api.seeding.files import FileProblem, read_path
from api.seeding.runner import report, run_seed

EXPORT_FORMATS = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}


def export_target(out_file: Path) -> str:
    """Check where an export goes before any work; return its format (named by the suffix)."""
    fmt = EXPORT_FORMATS.get(out_file.suffix.lower())
    if fmt is None:
        raise fail(
            f"--out {out_file}: the file name must end in .json, .yaml or .yml "
            "(the format follows it); leave --out out to write JSON to standard output"
        )
    if not out_file.parent.is_dir():
        raise fail(f"--out {out_file}: the folder {out_file.parent} does not exist")
    if out_file.is_dir():
        raise fail(f"--out {out_file}: is a folder; name a file in it")
    return fmt


def export_command(
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="write here instead of stdout (.json, .yaml or .yml)"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the whole published dataset as one seed file (stable order: diff-friendly)."""
    fmt = "JSON" if out_file is None else export_target(out_file)
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            if fmt == "YAML":
                data = service.export_dataset(session)
                text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
            else:
                text = service.export_text(session)
    finally:
        engine.dispose()
    if out_file is None:
        typer.echo(text, nl=False)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"--out {out_file}: cannot write it ({exc.strerror})") from None
    out.print(f"exported to {out_file} ({fmt})", highlight=False)


def import_command(
    path: Annotated[Path, typer.Argument(help="an export (or any seed file or folder)")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show changes, write nothing")] = False,
    verbose: VerboseOption = False,
    reason: Annotated[str | None, typer.Option(help="why (recorded on every revision)")] = None,
    db: DbOption = None,
) -> None:
    """Import an export: validate everything, then publish it in one transaction or not at all."""
    seed_plan = run_seed(
        settings_for(db).database_url,
        path,
        dry_run=dry_run,
        author="import",
        reason=reason or f"import from {path}",
    )
    report(seed_plan.lines(), seed_plan.summary(), dry_run=dry_run, verbose=verbose)


def remote_seed(
    path: Path, *, api: str, token: str | None, dry_run: bool, verbose: bool, reason: str | None
) -> None:
    """Validate and apply seed files on a running server, printing what `seed` prints."""
    if not token:
        raise fail("--api needs --token (or PROVNOTES_TOKEN): an admin token of that server")
    try:
        records = list(read_path(path))
        result = upload(api, token, records, dry_run=dry_run, reason=reason or f"seed from {path}")
    except (FileProblem, RemoteError) as exc:
        raise fail(str(exc)) from exc
    more = [f"… and {result.omitted:,} more changes"] if result.omitted else []
    report([*result.changes, *more], result.summary, dry_run=dry_run, verbose=verbose)
