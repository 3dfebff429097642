"""`provnotes import-source wikidata`: propose Wikidata items as a changeset of drafts."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from api.auth.models import Actor, Role
from api.cli_options import DbOption, fail, out, settings_for
from api.db import make_engine, transaction
from api.errors import DomainError
from api.importers.wikidata.entities import Entity, read_entity_file
from api.importers.wikidata.service import import_entities, prepare
from api.migrations import upgrade


def read_all(paths: list[Path]) -> Iterator[Entity]:
    """Yield the items of every file, in order."""
    for path in paths:
        yield from read_entity_file(path)


def import_wikidata(
    files: Annotated[list[Path], typer.Argument(help="EntityData JSON, SPARQL JSON or dump lines")],
    author: Annotated[str, typer.Option(help="curator the drafts are recorded for")] = "importer",
    reason: Annotated[str | None, typer.Option(help="why (recorded on the changeset)")] = None,
    accessed: Annotated[
        str | None, typer.Option(help="date the export was made (ISO; default today)")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="report only, write nothing")] = False,
    acknowledge_duplicates: Annotated[
        bool, typer.Option("--acknowledge-duplicates", help="create look-alike profiles anyway")
    ] = False,
    db: DbOption = None,
) -> None:
    """Turn exported Wikidata items into one changeset of drafts for a reviewer to publish."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    when = accessed or date.today().isoformat()
    why = reason or f"import from Wikidata: {', '.join(p.name for p in files)}"
    try:
        upgrade(engine)
        with transaction(engine) as session:
            if dry_run:
                prepared = prepare(session, read_all(files), when)
                changeset = None
                session.rollback()
            else:
                actor = Actor(name=author, role=Role.curator)
                changeset, prepared = import_entities(
                    session,
                    actor,
                    read_all(files),
                    reason=why,
                    accessed=when,
                    acknowledge_duplicates=acknowledge_duplicates,
                )
    except DomainError as exc:
        raise fail(str(exc)) from exc
    finally:
        engine.dispose()
    for line in prepared.lines:
        out.print(line, highlight=False, markup=False, soft_wrap=True)
    drafts = sum(1 for line in prepared.lines if line[:1] in "+~")
    if dry_run:
        out.print(f"dry run: {drafts} profile draft(s) would be proposed; nothing written")
    elif changeset is None:
        out.print("nothing to propose: every item is skipped or already up to date")
    else:
        out.print(
            f"changeset {changeset.id} opened with {drafts} profile draft(s) for review "
            f"(publish: POST /admin/v1/changesets/{changeset.id}/publish)",
            highlight=False,
        )
