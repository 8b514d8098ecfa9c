"""Initial notificaties schema: kanaal, abonnement.

Revision ID: 0001
Revises:
Create Date: 2026-12-07

Explicit DDL; it must match ``notificaties.tables`` (checked by
tests/integration/test_notificaties_api.py::test_migrations_match_tables).
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
        "kanaal",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(50), nullable=False),
        sa.Column("documentatie_link", sa.String(200), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_kanaal"),
        sa.UniqueConstraint("naam", name="uq_kanaal_naam"),
    )
    op.create_table(
        "abonnement",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.String(50), nullable=False),
        sa.Column("callback_url", sa.String(200), nullable=False),
        sa.Column("encrypted_auth", sa.Text(), nullable=False),
        sa.Column("kanalen", sa.JSON(), nullable=False),
        sa.Column("berichtformaat", sa.String(20), nullable=False),
        sa.Column("encrypted_hmac_secret", sa.Text(), nullable=True),
        sa.Column("oauth2", sa.JSON(), nullable=True),
        sa.Column("burgerkanaal", sa.Boolean(), nullable=False),
        sa.Column("verwijderd", sa.Boolean(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_abonnement"),
    )
    op.create_index("ix_abonnement_client_id", "abonnement", ["client_id"])


def downgrade() -> None:
    op.drop_table("abonnement")
    op.drop_table("kanaal")
