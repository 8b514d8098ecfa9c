"""Zaken API 1.5.1: the parts of a zaak, the audit trail, tombstones and idempotency keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-01

Explicit DDL, independent of the table modules; it must match ``zaakmagazijn.tables``
(checked by tests/integration/test_zaakmagazijn_migrations.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROL_INDEXES = ("inp_bsn", "inn_nnp_id", "vestigings_nummer", "medewerker_identificatie")


def _onderdeel(name: str, *extra: sa.Column | sa.UniqueConstraint) -> None:
    op.create_table(
        name,
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("gegevens", sa.JSON(), nullable=False),
        *extra,
        sa.PrimaryKeyConstraint("uuid", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(["zaak"], ["zaak.uuid"], name=f"fk_{name}_zaak_zaak"),
    )
    op.create_index(f"ix_{name}_zaak_volgnummer", name, ["zaak", "volgnummer"])


def upgrade() -> None:
    """Create the tables of the zaak parts, audittrail, verwijderde_zaak and idempotentie;
    give zaak a hoofdzaak column (deelzaken)."""
    with op.batch_alter_table("zaak") as batch:
        batch.add_column(sa.Column("hoofdzaak", sa.String(1000), nullable=True))
    op.create_index("ix_zaak_hoofdzaak", "zaak", ["hoofdzaak"])
    _onderdeel(
        "rol",
        sa.Column("betrokkene_type", sa.String(30), nullable=False),
        sa.Column("roltype", sa.Uuid(), nullable=False),
        sa.Column("omschrijving", sa.String(100), nullable=False),
        sa.Column("omschrijving_generiek", sa.String(40), nullable=False),
        sa.Column("betrokkene", sa.String(1000), nullable=False),
        sa.Column("inp_bsn", sa.String(9), nullable=True),
        sa.Column("anp_identificatie", sa.String(17), nullable=True),
        sa.Column("inp_a_nummer", sa.String(10), nullable=True),
        sa.Column("inn_nnp_id", sa.String(9), nullable=True),
        sa.Column("ann_identificatie", sa.String(17), nullable=True),
        sa.Column("vestigings_nummer", sa.String(24), nullable=True),
        sa.Column("medewerker_identificatie", sa.String(24), nullable=True),
        sa.Column("organisatorische_eenheid_identificatie", sa.String(24), nullable=True),
    )
    for column in _ROL_INDEXES:
        op.create_index(f"ix_rol_{column}", "rol", [column])
    _onderdeel(
        "resultaat",
        sa.Column("resultaattype", sa.Uuid(), nullable=False),
        sa.UniqueConstraint("zaak", name="uq_resultaat_zaak"),
    )
    _onderdeel(
        "zaakobject",
        sa.Column("object", sa.String(1000), nullable=False),
        sa.Column("object_type", sa.String(50), nullable=False),
    )
    _onderdeel("zaakeigenschap", sa.Column("eigenschap", sa.Uuid(), nullable=False))
    _onderdeel(
        "zaakinformatieobject",
        sa.Column("informatieobject", sa.String(1000), nullable=False),
        sa.UniqueConstraint(
            "zaak", "informatieobject", name="uq_zaakinformatieobject_zaak_informatieobject"
        ),
    )
    _onderdeel("klantcontact")

    op.create_table(
        "audittrail",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("zaak", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("actie", sa.String(50), nullable=False),
        sa.Column("resource", sa.String(50), nullable=False),
        sa.Column("resource_uuid", sa.Uuid(), nullable=False),
        sa.Column("applicatie_id", sa.String(100), nullable=False),
        sa.Column("gebruikers_id", sa.String(255), nullable=False),
        sa.Column("aanmaakdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("oud", sa.JSON(), nullable=True),
        sa.Column("nieuw", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("uuid", name="pk_audittrail"),
    )
    op.create_index("ix_audittrail_zaak_sequence", "audittrail", ["zaak", "sequence"])

    op.create_table(
        "verwijderde_zaak",
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("verwijderd_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_verwijderde_zaak"),
    )

    op.create_table(
        "idempotentie",
        sa.Column("client_id", sa.String(100), nullable=False),
        sa.Column("sleutel", sa.String(255), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("uitkomst", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id", "sleutel", name="pk_idempotentie"),
    )
    op.create_index("ix_idempotentie_created_at", "idempotentie", ["created_at"])


def downgrade() -> None:
    """Drop everything ``upgrade`` created."""
    op.drop_index("ix_idempotentie_created_at", table_name="idempotentie")
    op.drop_table("idempotentie")
    op.drop_table("verwijderde_zaak")
    op.drop_index("ix_audittrail_zaak_sequence", table_name="audittrail")
    op.drop_table("audittrail")
    for name in (
        "klantcontact", "zaakinformatieobject", "zaakeigenschap", "zaakobject", "resultaat",
    ):  # fmt: skip
        op.drop_index(f"ix_{name}_zaak_volgnummer", table_name=name)
        op.drop_table(name)
    for column in _ROL_INDEXES:
        op.drop_index(f"ix_rol_{column}", table_name="rol")
    op.drop_index("ix_rol_zaak_volgnummer", table_name="rol")
    op.drop_table("rol")
    op.drop_index("ix_zaak_hoofdzaak", table_name="zaak")
    with op.batch_alter_table("zaak") as batch:
        batch.drop_column("hoofdzaak")
