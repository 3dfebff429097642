"""Source health: the latest check of each published citation's URL.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 01:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citation_key", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("checked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("failing_since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_ok_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("dead", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_check")),
        sa.UniqueConstraint("citation_key", name=op.f("uq_source_check_citation_key")),
    )
    with op.batch_alter_table("source_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_check_dead"), ["dead"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("source_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_check_dead"))
    op.drop_table("source_check")
