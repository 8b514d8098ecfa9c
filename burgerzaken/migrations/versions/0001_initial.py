"""Initial burgerzaken schema (the citizen's read model).

Revision ID: 0001
Revises:
Create Date: 2026-12-07

Explicit DDL; it must match ``burgerzaken.tables`` (checked by
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
        "burgerzaak",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("identificatie", sa.String(40), nullable=False),
        sa.Column("bronorganisatie", sa.String(9), nullable=False),
        sa.Column("omschrijving", sa.String(80), nullable=False),
        sa.Column("zaaktype", sa.Uuid(), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(20), nullable=False),
        sa.Column("status", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("uuid", name="pk_burgerzaak"),
    )
    op.create_table(
        "burgerzaak_betrokkene",
        sa.Column("rol", sa.Uuid(), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(3), nullable=False),
        sa.Column("nummer", sa.String(9), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("identificatie", sa.String(40), nullable=False),
        sa.Column("zaaktype", sa.Uuid(), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("rol", name="pk_burgerzaak_betrokkene"),
    )
    op.create_index(
        "ix_burgerzaak_betrokkene_pagina",
        "burgerzaak_betrokkene",
        ["soort", "nummer", "startdatum", "identificatie", "zaak"],
    )
    op.create_index("ix_burgerzaak_betrokkene_zaak", "burgerzaak_betrokkene", ["zaak"])
    op.create_table(
        "burgerzaak_status",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("statustype", sa.Uuid(), nullable=False),
        sa.Column("datum_status_gezet", sa.DateTime(timezone=True), nullable=False),
        sa.Column("statustoelichting", sa.Text(), nullable=False),
        sa.Column("zaak_sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_burgerzaak_status"),
    )
    op.create_index(
        "ix_burgerzaak_status_zaak_datum_status_gezet",
        "burgerzaak_status",
        ["zaak", "datum_status_gezet"],
    )
    op.create_table(
        "burgerzaak_informatieobject",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("document", sa.Uuid(), nullable=True),
        sa.Column("zaak_sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_burgerzaak_informatieobject"),
    )
    op.create_index("ix_burgerzaak_informatieobject_zaak", "burgerzaak_informatieobject", ["zaak"])
    op.create_table(
        "burgerdocument",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("titel", sa.String(200), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(20), nullable=False),
        sa.Column("formaat", sa.String(255), nullable=False),
        sa.Column("bestandsnaam", sa.String(255), nullable=False),
        sa.Column("bestandsomvang", sa.BigInteger(), nullable=True),
        sa.Column("creatiedatum", sa.Date(), nullable=False),
        sa.Column("informatieobjecttype", sa.Uuid(), nullable=False),
        sa.Column("compleet", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_burgerdocument"),
    )
    op.create_table(
        "burgerzaken_type",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("catalogus", sa.Uuid(), nullable=False),
        sa.Column("zaaktype", sa.Uuid(), nullable=True),
        sa.Column("omschrijving", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_burgerzaken_type"),
    )
    op.create_index("ix_burgerzaken_type_catalogus", "burgerzaken_type", ["catalogus"])
    op.create_table(
        "burgerzaken_positie",
        sa.Column("subject", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("subject", name="pk_burgerzaken_positie"),
    )


def downgrade() -> None:
    for table in (
        "burgerzaken_positie",
        "burgerzaken_type",
        "burgerdocument",
        "burgerzaak_informatieobject",
        "burgerzaak_status",
        "burgerzaak_betrokkene",
        "burgerzaak",
    ):
        op.drop_table(table)
