"""Index only the rows lookups can find: partial owner, changeset and draft indexes, and no
index of revision.document_id of its own.

Each claim citation sets one of five owner columns and each relation one of two subjects, so
their full indexes held mostly NULLs; revision.changeset_id is NULL but for drafts made in a
changeset, and revisions are looked up by status only for drafts. The unique (document_id,
number) key already finds a document's revisions.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, the rows the index keeps)
PARTIAL = [
    *(
        ("claim_citation", f"{owner}_id", None)
        for owner in ("organization", "person", "domain", "relation", "designation")
    ),
    ("relation", "subject_org_id", None),
    ("relation", "subject_person_id", None),
    ("revision", "changeset_id", None),
    ("revision", "status", "status = 'draft'"),
]


def _create(table: str, column: str, where: str | None) -> None:
    clause = sa.text(where) if where else None
    op.create_index(
        f"ix_{table}_{column}",
        table,
        [column],
        unique=False,
        sqlite_where=clause,
        postgresql_where=clause,
    )


def upgrade() -> None:
    op.drop_index("ix_revision_document_id", table_name="revision")
    for table, column, where in PARTIAL:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        _create(table, column, where or f"{column} IS NOT NULL")


def downgrade() -> None:
    for table, column, _ in PARTIAL:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        _create(table, column, None)
    _create("revision", "document_id", None)
