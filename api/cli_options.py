"""Options and helpers that every `provnotes` command shares."""

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.config import Settings, get_settings

out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="SQLite file to use instead of DATABASE_URL / PROVNOTES_DATABASE_URL"
    ),
]


def settings_for(db: Path | None) -> Settings:
    """Return settings, pointing at a SQLite file when `--db` is given."""
    if db is not None:
        os.environ["PROVNOTES_DATABASE_URL"] = f"sqlite:///{db.resolve()}"
        get_settings.cache_clear()
    return get_settings()


def fail(message: str) -> typer.Exit:
    """Print an error to stderr and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(code=1)
