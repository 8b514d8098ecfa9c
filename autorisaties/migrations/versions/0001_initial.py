"""Initial autorisaties schema: applicatie, applicatie_client_id, autorisaties_stamp.

Revision ID: 0001
Revises:
Create Date: 2026-01-01

Explicit DDL, independent of the table module; it must match ``autorisaties.tables``
(checked by tests/integration/test_autorisaties_migrations.py). The processor's inbox and
outbox (``processed_event``, ``outbox``) come from the zaakmagazijn chain, which runs first.
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
    """Create the projection tables and the stamp row."""
    op.create_table(
        "applicatie",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("heeft_alle_autorisaties", sa.Boolean(), nullable=False),
        sa.Column("autorisaties", sa.JSON(), nullable=False),
        sa.Column("encrypted_secret", sa.Text(), nullable=False),
        sa.Column("verwijderd", sa.Boolean(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_applicatie"),
    )
    op.create_table(
        "applicatie_client_id",
        sa.Column("client_id", sa.String(50), nullable=False),
        sa.Column("applicatie", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicatie"],
            ["applicatie.uuid"],
            name="fk_applicatie_client_id_applicatie_applicatie",
        ),
        sa.PrimaryKeyConstraint("client_id", name="pk_applicatie_client_id"),
    )
    op.create_index("ix_applicatie_client_id_applicatie", "applicatie_client_id", ["applicatie"])
    stamp = op.create_table(
        "autorisaties_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_autorisaties_stamp"),
    )
    op.bulk_insert(stamp, [{"id": 1, "version": 0}])


def downgrade() -> None:
    """Drop everything ``upgrade`` created."""
    op.drop_table("autorisaties_stamp")
    op.drop_index("ix_applicatie_client_id_applicatie", table_name="applicatie_client_id")
    op.drop_table("applicatie_client_id")
    op.drop_table("applicatie")
