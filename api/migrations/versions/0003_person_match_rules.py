"""People get exclude phrases and a switch that turns off surname-only matching.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 20:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("exclude", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(
            sa.Column("match_surname", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("person") as batch:
        batch.alter_column("exclude", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("match_surname")
        batch.drop_column("exclude")
