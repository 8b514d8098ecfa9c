"""An index for "the zaak's current status": its statussen by datumStatusGezet.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

Every status set asks which status of the zaak is current (latest datumStatusGezet, then the
latest set). Without this index that sorted all the zaak's statussen each time, so a zaak
with a long history made every new status slower.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAME = "ix_status_zaak_datum_status_gezet_zaak_sequence"


def upgrade() -> None:
    op.create_index(_NAME, "status", ["zaak", "datum_status_gezet", "zaak_sequence"])


def downgrade() -> None:
    op.drop_index(_NAME, table_name="status")
