"""SQLAlchemy Core tables of the zaakmagazijn projection.

Columns that are filtered or derived are typed columns; the remaining writable ZGW zaak
attributes are kept verbatim (ZGW names) in ``zaak.attributes``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

zaak = Table(
    "zaak",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("identificatie", String(40), nullable=False),
    Column("bronorganisatie", String(9), nullable=False),
    Column("verantwoordelijke_organisatie", String(9), nullable=False),
    Column("zaaktype", Uuid, nullable=False),
    Column("omschrijving", String(80), nullable=False, default=""),
    Column("toelichting", Text, nullable=False, default=""),
    Column("registratiedatum", Date, nullable=False),
    Column("startdatum", Date, nullable=False),
    Column("einddatum", Date, nullable=True),
    Column("einddatum_gepland", Date, nullable=True),
    Column("uiterlijke_einddatum_afdoening", Date, nullable=True),
    Column("publicatiedatum", Date, nullable=True),
    Column("vertrouwelijkheidaanduiding", String(20), nullable=False),
    Column("archiefnominatie", String(20), nullable=True),
    Column("archiefstatus", String(30), nullable=False),
    Column("archiefactiedatum", Date, nullable=True),
    Column("startdatum_bewaartermijn", Date, nullable=True),
    Column("status", Uuid, nullable=True),  # the current (last set) status
    Column("sequence", Integer, nullable=False),  # last applied per-zaak event sequence
    Column("attributes", JSON, nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("bronorganisatie", "identificatie"),
    Index(None, "zaaktype"),
    Index(None, "startdatum"),
)

status = Table(
    "status",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("zaak", Uuid, ForeignKey("zaak.uuid"), nullable=False),
    Column("statustype", Uuid, nullable=False),
    Column("datum_status_gezet", DateTime(timezone=True), nullable=False),
    Column("statustoelichting", Text, nullable=False, default=""),
    Column("gezetdoor", String(200), nullable=True),
    Column("zaak_sequence", Integer, nullable=False),  # order of setting within the zaak
    Index(None, "zaak", "zaak_sequence"),
)

identificatie_teller = Table(
    "identificatie_teller",
    metadata,
    Column("bronorganisatie", String(9), primary_key=True),
    Column("jaar", Integer, primary_key=True),
    Column("laatste", Integer, nullable=False),
)

PROJECTION_TABLES = (zaak, status, identificatie_teller)
