"""`provnotes token ...`: create, list and revoke API tokens from the command line."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import Session

from api.auth import service
from api.auth.models import Account, AccountCreate, Role
from api.cli_options import DbOption, command_group, err, fail, out, settings_for
from api.config import Settings
from api.console import auth as console_auth
from api.db import make_engine, transaction
from api.errors import DomainError, NotFound
from api.migrations import upgrade

app = command_group(help="Create, list and revoke API tokens.")
CLI_ACTOR = "cli"


@contextmanager
def _transaction(db: Path | None) -> Iterator[tuple[Session, Settings]]:
    """A transaction on the migrated database, and the settings; a domain or value error ends
    the command with its message. The engine is disposed on the way out, whatever happens."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            yield session, settings
    except (DomainError, ValueError) as exc:
        raise fail(str(exc)) from exc
    finally:
        engine.dispose()


@app.command("create")
def create(
    name: Annotated[str, typer.Option(help="account name (created when new)")],
    role: Annotated[Role, typer.Option(help="the account's role")] = Role.curator,
    label: Annotated[str, typer.Option(help="what the token is for")] = "cli",
    expires_days: Annotated[
        int | None, typer.Option(min=1, max=3650, help="expire after this many days")
    ] = None,
    db: DbOption = None,
) -> None:
    """Issue a token (creating the account if needed) and print it once."""
    with _transaction(db) as (session, settings):
        try:
            account = service.get_account(session, name)
        except NotFound:
            account = service.create_account(
                session, AccountCreate(name=name, role=role), CLI_ACTOR
            )
        if account.role != role:
            raise fail(
                f"account '{name}' is a {account.role}, not a {role}; "
                f"use --role {account.role}, or change its role through the admin API"
            )
        created = service.create_token(
            session,
            account,
            label=label,
            expires_days=expires_days,
            actor=CLI_ACTOR,
            pepper=settings.token_pepper,
        )
    expiry = f", expires {created.expires_at:%Y-%m-%d %H:%M} UTC" if created.expires_at else ""
    err.print(f"token {created.id} for {name} ({role}{expiry}); it is shown only this once:")
    out.print(created.token, highlight=False, markup=False, soft_wrap=True)


@app.command("list")
def list_tokens(
    name: Annotated[str | None, typer.Option(help="only this account's tokens")] = None,
    db: DbOption = None,
) -> None:
    """List tokens (never their secrets)."""
    with _transaction(db) as (session, _):
        tokens = service.list_tokens(session, name)
    table = Table("id", "account", "label", "created", "expires", "state")
    for t in tokens:
        state = "active" if t.active else ("revoked" if t.revoked_at else "expired")
        expires = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "never"
        table.add_row(str(t.id), t.account, t.label, f"{t.created_at:%Y-%m-%d}", expires, state)
    out.print(table)


@app.command("revoke")
def revoke(token_id: Annotated[int, typer.Argument(help="token id")], db: DbOption = None) -> None:
    """Revoke a token at once."""
    with _transaction(db) as (session, _):
        token = service.revoke_token(session, token_id, CLI_ACTOR)
    out.print(f"token {token.id} of {token.account} is revoked", highlight=False)


account_app = command_group(help="Create console accounts and set their passwords.")


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="read the password from standard input")
]


def _store_password(
    db: Path | None, from_stdin: bool, account_of: Callable[[Session], Account]
) -> None:
    """Read a password (stdin, or asked twice) and set it on the account `account_of` gives."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _transaction(db) as (session, _):
        console_auth.set_password(session, account_of(session), password, CLI_ACTOR)


@account_app.command("create")
def create_account(
    name: Annotated[str, typer.Option(help="account name (lower-case letters, digits, . _ -)")],
    role: Annotated[Role, typer.Option(help="the account's role")] = Role.curator,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Create an account with a console password (asked for twice unless --password-stdin)."""
    _store_password(
        db,
        password_stdin,
        lambda session: service.create_account(
            session, AccountCreate(name=name, role=role), CLI_ACTOR
        ),
    )
    out.print(f"account {name} ({role}) can now sign in at /console", highlight=False)


@account_app.command("password")
def set_password(
    name: Annotated[str, typer.Option(help="account name")],
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Set a new console password for an existing account."""
    _store_password(db, password_stdin, lambda session: service.get_account(session, name))
    out.print(f"the password of {name} is set", highlight=False)
