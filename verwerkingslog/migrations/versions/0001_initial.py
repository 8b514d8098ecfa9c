"""The processing log (Logboek Dataverwerkingen).

Revision ID: 0001
Revises:
Create Date: 2026-12-07

Explicit DDL; it must match ``verwerkingslog.tables`` (checked by
tests/integration/test_burgerzaken_migrations.py).
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
    op.create_table(
        "verwerking",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("trace_id", sa.String(32), nullable=False),
        sa.Column("span_id", sa.String(16), nullable=False),
        sa.Column("parent_span_id", sa.String(16), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("status", sa.String(5), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processing_activity_id", sa.String(300), nullable=False),
        sa.Column("data_subject_id", sa.String(64), nullable=False),
        sa.Column("data_subject_id_type", sa.String(10), nullable=False),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("resource", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_verwerking"),
    )
    op.create_index(
        "ix_verwerking_data_subject_id_start_time", "verwerking", ["data_subject_id", "start_time"]
    )
    op.create_index("ix_verwerking_trace_id", "verwerking", ["trace_id"])


def downgrade() -> None:
    op.drop_table("verwerking")
