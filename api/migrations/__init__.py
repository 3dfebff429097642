"""Alembic migrations for the Provenance Notes schema, and the helper that runs them."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

HERE = Path(__file__).parent


def alembic_config(connection: Connection | None = None) -> Config:
    """Build an Alembic config that points at these migrations."""
    config = Config(str(HERE / "alembic.ini"))
    config.set_main_option("script_location", str(HERE))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind `engine` to `revision` (head by default)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def head_revision() -> str:
    """Return the newest migration this code knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the migration the database behind `engine` is at (None: never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
