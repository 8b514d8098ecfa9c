"""Initial catalogi schema: catalogus, catalogus_object.

Revision ID: 0001
Revises:
Create Date: 2026-01-01

Explicit DDL, independent of ``catalogi.tables`` (checked by
tests/integration/test_catalogi_store.py). The inbox and outbox come from the zaakmagazijn
chain, which runs first.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the catalogi projection."""
    op.create_table(
        "catalogus",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("domein", sa.String(5), nullable=False),
        sa.Column("rsin", sa.String(9), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_catalogus"),
        sa.UniqueConstraint("domein", "rsin", name="uq_catalogus_domein_rsin"),
    )
    op.create_table(
        "catalogus_object",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("catalogus", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_catalogus_object"),
    )
    op.create_index("ix_catalogus_object_catalogus", "catalogus_object", ["catalogus"])


def downgrade() -> None:
    """Drop everything ``upgrade`` created."""
    op.drop_index("ix_catalogus_object_catalogus", table_name="catalogus_object")
    op.drop_table("catalogus_object")
    op.drop_table("catalogus")
