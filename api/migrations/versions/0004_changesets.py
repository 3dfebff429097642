"""Changesets: drafts proposed and published together; optional organization country; domains
and citation URLs in the search text.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "changeset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reviewed_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("reviewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("review_comment", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changeset")),
    )
    with op.batch_alter_table("changeset", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_changeset_status"), ["status"], unique=False)
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changeset_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_revision_changeset_id"), ["changeset_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_revision_changeset_id_changeset"),
            "changeset",
            ["changeset_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.alter_column("country", existing_type=sa.String(length=2), nullable=True)
    _refresh_document_search()


def _refresh_document_search() -> None:
    """Recompute the search text of every document, now with domains and citation URLs."""
    from api.profiles.search import search_fields

    bind = op.get_bind()
    document = sa.table(
        "document",
        sa.column("id"),
        sa.column("entity_type"),
        sa.column("slug"),
        sa.column("head"),
        sa.column("search_text"),
    )
    revision_t = sa.table(
        "revision", sa.column("document_id"), sa.column("number"), sa.column("snapshot", sa.JSON)
    )
    rows = bind.execute(
        sa.select(document.c.id, document.c.entity_type, document.c.slug, revision_t.c.snapshot)
        .select_from(document)
        .join(
            revision_t,
            (revision_t.c.document_id == document.c.id) & (revision_t.c.number == document.c.head),
        )
    ).all()
    for doc_id, entity_type, slug, snapshot in rows:
        fields = search_fields(entity_type, slug, snapshot)
        if fields:
            bind.execute(
                sa.update(document)
                .where(document.c.id == doc_id)
                .values(search_text=fields["search_text"])
            )


def downgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.alter_column("country", existing_type=sa.String(length=2), nullable=False)
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_revision_changeset_id_changeset"), "foreignkey")
        batch_op.drop_index(batch_op.f("ix_revision_changeset_id"))
        batch_op.drop_column("changeset_id")
    with op.batch_alter_table("changeset", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changeset_status"))
    op.drop_table("changeset")
