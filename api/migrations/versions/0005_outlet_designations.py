"""Outlets get designations from named schemes other than the State Media Monitor.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_CHECK = (
    "(CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN person_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN domain_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN relation_id IS NULL THEN 0 ELSE 1 END) = 1"
)
NEW_CHECK = (
    OLD_CHECK.removesuffix(") = 1") + " + CASE WHEN designation_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def upgrade() -> None:
    op.create_table(
        "outlet_designation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=48), nullable=False),
        sa.Column("attributed_to", sa.String(length=2), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_outlet_designation_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet_designation")),
    )
    with op.batch_alter_table("outlet_designation") as batch:
        batch.create_index(
            batch.f("ix_outlet_designation_organization_id"), ["organization_id"], unique=False
        )
    with op.batch_alter_table("claim_citation", recreate="always") as batch:
        batch.add_column(sa.Column("designation_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_claim_citation_designation_id_outlet_designation"),
            "outlet_designation",
            ["designation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(
            batch.f("ix_claim_citation_designation_id"), ["designation_id"], unique=False
        )
        batch.drop_constraint(batch.f("ck_claim_citation_one_claim"), type_="check")
        batch.create_check_constraint(batch.f("ck_claim_citation_one_claim"), NEW_CHECK)


def downgrade() -> None:
    with op.batch_alter_table("claim_citation", recreate="always") as batch:
        batch.drop_constraint(batch.f("ck_claim_citation_one_claim"), type_="check")
        batch.drop_index(batch.f("ix_claim_citation_designation_id"))
        batch.drop_constraint(
            batch.f("fk_claim_citation_designation_id_outlet_designation"), type_="foreignkey"
        )
        batch.drop_column("designation_id")
        batch.create_check_constraint(batch.f("ck_claim_citation_one_claim"), OLD_CHECK)
    op.drop_table("outlet_designation")
