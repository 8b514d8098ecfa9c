"""Initial push schema: push_delivery (queue and ledger), push_voorkeur.

Revision ID: 0001
Revises:
Create Date: 2026-12-07

Explicit DDL; it must match ``push.tables`` (checked by
tests/integration/test_push_delivery.py::test_migrations_match_tables).
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
        "push_delivery",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("fact_id", sa.Uuid(), nullable=False),
        sa.Column("fact_type", sa.String(100), nullable=False),
        sa.Column("resource", sa.String(50), nullable=False),
        sa.Column("actie", sa.String(20), nullable=False),
        sa.Column("dedupe_key", sa.String(100), nullable=False),
        sa.Column("idempotency_key", sa.String(36), nullable=False),
        sa.Column("subject", sa.String(40), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("queued_at", sa.Float(), nullable=False),
        sa.Column("next_attempt_at", sa.Float(), nullable=False),
        sa.Column("lease_until", sa.Float(), nullable=True),
        sa.Column("delivered_at", sa.Float(), nullable=True),
        sa.Column("dead_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_push_delivery"),
        sa.UniqueConstraint("target", "dedupe_key", name="uq_push_delivery_target_dedupe_key"),
    )
    op.create_index("ix_push_delivery_queue", "push_delivery", ["target", "state", "zaak", "id"])
    op.create_index("ix_push_delivery_zaak", "push_delivery", ["zaak"])
    op.create_index(
        "ix_push_delivery_subject", "push_delivery", ["subject", "target", "next_attempt_at"]
    )
    op.create_table(
        "push_voorkeur",
        sa.Column("subject", sa.String(40), nullable=False),
        sa.Column("soort", sa.String(10), nullable=False),
        sa.Column("ref", sa.Uuid(), nullable=False),
        sa.Column("ontvangen", sa.Boolean(), nullable=False),
        sa.Column("bijgewerkt", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("subject", "soort", "ref", name="pk_push_voorkeur"),
    )


def downgrade() -> None:
    op.drop_table("push_voorkeur")
    op.drop_table("push_delivery")
