"""Initial zaakmagazijn schema: zaak, status, identificatie_teller, processed_event, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-01-01

Explicit DDL, independent of the table modules; it must match ``zaakmagazijn.tables`` and
``midoffice.processing.tables`` (checked by tests/integration/test_zaakmagazijn_migrations.py).
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
    """Create the projection and the processor's inbox and outbox."""
    op.create_table(
        "zaak",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("identificatie", sa.String(40), nullable=False),
        sa.Column("bronorganisatie", sa.String(9), nullable=False),
        sa.Column("verantwoordelijke_organisatie", sa.String(9), nullable=False),
        sa.Column("zaaktype", sa.Uuid(), nullable=False),
        sa.Column("omschrijving", sa.String(80), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("registratiedatum", sa.Date(), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("einddatum_gepland", sa.Date(), nullable=True),
        sa.Column("uiterlijke_einddatum_afdoening", sa.Date(), nullable=True),
        sa.Column("publicatiedatum", sa.Date(), nullable=True),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(20), nullable=False),
        sa.Column("archiefnominatie", sa.String(20), nullable=True),
        sa.Column("archiefstatus", sa.String(30), nullable=False),
        sa.Column("archiefactiedatum", sa.Date(), nullable=True),
        sa.Column("startdatum_bewaartermijn", sa.Date(), nullable=True),
        sa.Column("status", sa.Uuid(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_zaak"),
        sa.UniqueConstraint(
            "bronorganisatie", "identificatie", name="uq_zaak_bronorganisatie_identificatie"
        ),
    )
    op.create_index("ix_zaak_zaaktype", "zaak", ["zaaktype"])
    op.create_index("ix_zaak_startdatum", "zaak", ["startdatum"])

    op.create_table(
        "status",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("statustype", sa.Uuid(), nullable=False),
        sa.Column("datum_status_gezet", sa.DateTime(timezone=True), nullable=False),
        sa.Column("statustoelichting", sa.Text(), nullable=False),
        sa.Column("gezetdoor", sa.String(200), nullable=True),
        sa.Column("zaak_sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_status"),
        sa.ForeignKeyConstraint(["zaak"], ["zaak.uuid"], name="fk_status_zaak_zaak"),
    )
    op.create_index("ix_status_zaak_zaak_sequence", "status", ["zaak", "zaak_sequence"])

    op.create_table(
        "identificatie_teller",
        sa.Column("bronorganisatie", sa.String(9), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("laatste", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bronorganisatie", "jaar", name="pk_identificatie_teller"),
    )

    op.create_table(
        "processed_event",
        sa.Column("consumer", sa.String(100), primary_key=True),
        sa.Column("event_id", sa.Uuid(), primary_key=True),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("resource", sa.String(50), nullable=False),
        sa.Column("resource_uuid", sa.Uuid(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_processed_event_event_id", "processed_event", ["event_id"])

    op.create_table(
        "outbox",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("source_topic", sa.String(200), nullable=False),
        sa.Column("source_partition", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=True),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_outbox_source", "outbox", ["consumer", "source_topic", "source_partition", "id"]
    )


def downgrade() -> None:
    """Drop everything ``upgrade`` created."""
    op.drop_index("ix_outbox_source", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("processed_event")
    op.drop_table("identificatie_teller")
    op.drop_index("ix_status_zaak_zaak_sequence", table_name="status")
    op.drop_table("status")
    op.drop_index("ix_zaak_startdatum", table_name="zaak")
    op.drop_index("ix_zaak_zaaktype", table_name="zaak")
    op.drop_table("zaak")
