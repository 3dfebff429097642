"""Options and helpers that every `provnotes` command shares."""

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup, TyperOption

from api.config import Settings, get_settings

out = Console()
err = Console(stderr=True)
PYDANTIC_PREFIX = "Value error, "  # pydantic's prefix on a validator's own message

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="SQLite file to use instead of DATABASE_URL / PROVNOTES_DATABASE_URL"
    ),
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="list every created or updated profile")
]


def _untyped_flags(params: Iterable[Any]) -> None:
    """Show `--dry-run` in help, not `--dry-run <bool>`: a flag takes no value."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


class Group(TyperGroup):
    """A command group whose help and parameter errors read as plain sentences."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _untyped_flags(params)
        return params

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, TyperGroup):
            _untyped_flags([*command.params, command.get_help_option(ctx)])
        return command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = exc.message.removeprefix(PYDANTIC_PREFIX)
            raise


def command_group(**kwargs: Any) -> typer.Typer:
    """A Typer app built on `Group`."""
    return typer.Typer(cls=Group, no_args_is_help=True, add_completion=False, **kwargs)


def settings_problem(exc: ValidationError) -> str:
    """Say in one line which setting is wrong, naming its environment variable."""
    problems = []
    for error in exc.errors():
        message = str(error["msg"]).removeprefix(PYDANTIC_PREFIX)
        loc = ".".join(str(part) for part in error["loc"])
        problems.append(f"PROVNOTES_{loc.upper()}: {message}" if loc else message)
    return "; ".join(problems)


def settings_for(db: Path | None) -> Settings:
    """Return settings, pointing at a SQLite file when `--db` is given."""
    if db is not None:
        os.environ["PROVNOTES_DATABASE_URL"] = f"sqlite:///{db.resolve()}"
        get_settings.cache_clear()
    try:
        return get_settings()
    except ValidationError as exc:
        raise fail(settings_problem(exc)) from None


def fail(message: str) -> typer.Exit:
    """Print an error to stderr and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(code=1)
