"""Alembic environment: runs migrations on the connection the caller hands in."""

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection

from api.config import get_settings
from api.db import make_engine
from api.models import metadata

config = context.config


def run_migrations_online() -> None:
    """Run migrations on the caller's connection, or on the configured database."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(get_settings().database_url, poolclass=pool.NullPool)
    with engine.begin() as conn:
        _run(conn)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
