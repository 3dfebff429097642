"""`provnotes dump`: write the open-data dump to a file (atomically) or to standard output."""

import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from api.cli_options import DbOption, fail, out, settings_for
from api.db import make_engine, transaction
from api.migrations import upgrade
from api.opendata import dump

FormatOption = Annotated[
    Literal["ndjson", "seed"],
    typer.Option("--format", help="ndjson: one typed record a line; seed: one seed file"),
]


def dump_command(
    out_file: Annotated[
        Path | None, typer.Option("--out", help="write here (atomically) instead of stdout")
    ] = None,
    fmt: FormatOption = "ndjson",
    db: DbOption = None,
) -> None:
    """Write every published profile, citation and status change (the data of GET /v1/dump)."""
    if out_file is not None and not out_file.parent.is_dir():
        raise fail(f"--out {out_file}: the folder {out_file.parent} does not exist")
    if out_file is not None and out_file.is_dir():
        raise fail(f"--out {out_file}: is a folder; name a file in it")
    engine = make_engine(settings_for(db).database_url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            if out_file is None:
                for chunk in dump.stream(session, fmt):
                    sys.stdout.buffer.write(chunk)
                sys.stdout.buffer.flush()
                return
            partial = out_file.with_name(out_file.name + ".partial")
            try:
                with partial.open("wb") as target:
                    for chunk in dump.stream(session, fmt):
                        target.write(chunk)
                os.replace(partial, out_file)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise fail(f"--out {out_file}: cannot write it ({exc.strerror})") from None
    finally:
        engine.dispose()
    out.print(f"dumped to {out_file} ({fmt})", highlight=False)
