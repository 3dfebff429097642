"""Migrations build the schema the models describe, from an empty database."""

import re

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from api.models import metadata


def test_upgrade_creates_every_table_of_the_models(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_starts_the_data_version_at_zero(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM data_version")).scalar_one() == 0


def test_constraints_follow_the_naming_convention(fresh_db: tuple[str, Engine]) -> None:
    _, engine = fresh_db
    inspector = inspect(engine)
    uniques = {c["name"] for c in inspector.get_unique_constraints("outlet_domain")}
    assert "uq_outlet_domain_host_path_prefix" in uniques
    foreign = {c["name"] for c in inspector.get_foreign_keys("relation")}
    assert "fk_relation_object_id_organization" in foreign


def test_migrated_schema_matches_the_models(fresh_db: tuple[str, Engine]) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    _, engine = fresh_db
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, metadata)
    assert diff == []


def _where(options: dict[str, object]) -> str | None:
    """An index's WHERE clause as SQLite or PostgreSQL states it, casts and brackets left out."""
    clause = options.get("sqlite_where", options.get("postgresql_where"))
    return None if clause is None else re.sub(r"::\w+|[()\s]", "", str(clause))


def test_partial_indexes_keep_the_rows_the_models_name(fresh_db: tuple[str, Engine]) -> None:
    """Alembic's comparison leaves WHERE clauses out: a partial index migrated as a full one
    (or with another condition) would pass it."""
    _, engine = fresh_db
    inspector = inspect(engine)
    migrated = {
        index["name"]: _where(index.get("dialect_options", {}))
        for name in metadata.tables
        for index in inspector.get_indexes(name)
    }
    modelled = {
        index.name: _where({k: v for k, v in index.dialect_kwargs.items() if v is not None})
        for table in metadata.tables.values()
        for index in table.indexes
    }
    assert {name: migrated.get(name) for name in modelled} == modelled
    assert modelled["ix_claim_citation_person_id"] == "person_idISNOTNULL"
