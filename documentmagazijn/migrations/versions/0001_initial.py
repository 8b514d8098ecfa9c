"""Initial documentmagazijn schema.

Revision ID: 0001
Revises:
Create Date: 2026-01-01

Explicit DDL; it must match ``documentmagazijn.tables`` (checked by
tests/integration/test_documentmagazijn_migrations.py).
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
        "document",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("bronorganisatie", sa.String(9), nullable=False),
        sa.Column("identificatie", sa.String(40), nullable=False),
        sa.Column("informatieobjecttype", sa.Uuid(), nullable=False),
        sa.Column("vertrouwelijkheidaanduiding", sa.String(20), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("lock", sa.String(64), nullable=False),
        sa.Column("indicatie_gebruiksrecht", sa.Boolean(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_document"),
        sa.UniqueConstraint(
            "bronorganisatie", "identificatie", name="uq_document_bronorganisatie_identificatie"
        ),
    )
    op.create_index("ix_document_informatieobjecttype", "document", ["informatieobjecttype"])
    op.create_table(
        "document_versie",
        sa.Column("document", sa.Uuid(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("begin_registratie", sa.DateTime(timezone=True), nullable=False),
        sa.Column("informatieobject", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("bestandsomvang", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("document", "versie", name="pk_document_versie"),
    )
    op.create_index("ix_document_versie_sha256", "document_versie", ["sha256"])
    op.create_table(
        "bestandsdeel",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("document", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("omvang", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("uuid", name="pk_bestandsdeel"),
    )
    op.create_index("ix_bestandsdeel_document", "bestandsdeel", ["document"])
    op.create_table(
        "gebruiksrecht",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("informatieobject", sa.Uuid(), nullable=False),
        sa.Column("startdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("einddatum", sa.DateTime(timezone=True), nullable=True),
        sa.Column("omschrijving_voorwaarden", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_gebruiksrecht"),
    )
    op.create_index("ix_gebruiksrecht_informatieobject", "gebruiksrecht", ["informatieobject"])
    op.create_table(
        "objectinformatieobject",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("informatieobject", sa.Uuid(), nullable=False),
        sa.Column("object", sa.String(1000), nullable=False),
        sa.Column("object_type", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_objectinformatieobject"),
    )
    op.create_index(
        "ix_objectinformatieobject_informatieobject", "objectinformatieobject", ["informatieobject"]
    )
    op.create_table(
        "document_audit",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("document", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("aanmaakdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("type", sa.String(120), nullable=False),
        sa.Column("resource_uuid", sa.Uuid(), nullable=False),
        sa.Column("applicatie_id", sa.String(100), nullable=False),
        sa.Column("gebruikers_id", sa.String(255), nullable=False),
        sa.Column("nieuw", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_document_audit"),
    )
    op.create_index("ix_document_audit_document", "document_audit", ["document"])


def downgrade() -> None:
    for table in (
        "document_audit",
        "objectinformatieobject",
        "gebruiksrecht",
        "bestandsdeel",
        "document_versie",
        "document",
    ):
        op.drop_table(table)
