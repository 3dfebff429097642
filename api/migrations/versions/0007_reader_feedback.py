"""Reader feedback: counts per profile and revision, and readers' words, with no identifiers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REASONS = ("outdated", "wrong_person", "source_dead", "unfair_wording", "other")


def _about() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_type", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "feedback_tally",
        *_about(),
        sa.Column("helpful", sa.Integer(), nullable=False),
        sa.Column("not_helpful", sa.Integer(), nullable=False),
        *(sa.Column(reason, sa.Integer(), nullable=False) for reason in REASONS),
        sa.Column("last_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_tally")),
        sa.UniqueConstraint(
            "entity_type",
            "entity",
            "revision",
            name=op.f("uq_feedback_tally_entity_type_entity_revision"),
        ),
    )
    op.create_table(
        "feedback_comment",
        *_about(),
        sa.Column("reasons", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_comment")),
    )
    for name in ("feedback_tally", "feedback_comment"):
        with op.batch_alter_table(name) as batch:
            batch.create_index(batch.f(f"ix_{name}_entity"), ["entity"], unique=False)


def downgrade() -> None:
    for name in ("feedback_comment", "feedback_tally"):
        with op.batch_alter_table(name) as batch:
            batch.drop_index(batch.f(f"ix_{name}_entity"))
        op.drop_table(name)
