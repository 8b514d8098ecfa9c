"""A partial index on the pending deliveries: the queue inside the growing ledger.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07

``push_delivery`` is the queue and, with every row kept after delivery, the ledger. The
dispatcher asks "which targets have due rows" on every wake-up and looks for deliveries past
``dead_letter_after`` every second; both filter on ``state = 'pending'``, which no index
served, so each scanned the whole ledger (16 ms at 200,000 rows on SQLite, growing with every
delivery). This index holds the pending rows only; in target order, so that SQLite without
statistics takes it for the distinct targets too.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ix_push_delivery_pending"
_PENDING = sa.text("state = 'pending'")


def upgrade() -> None:
    op.create_index(
        _NAME,
        "push_delivery",
        ["target", "next_attempt_at"],
        sqlite_where=_PENDING,
        postgresql_where=_PENDING,
    )


def downgrade() -> None:
    op.drop_index(_NAME, table_name="push_delivery")
