"""SQLAlchemy Core tables of the documentmagazijn projection.

``document`` is one row per enkelvoudig informatieobject with its current state (latest versie,
lock, per-document ``sequence``); ``document_versie`` keeps every versie immutable, with the
claim check (sha256, size) of its content; ``bestandsdeel`` the parts of an upload in parts;
``gebruiksrecht`` and ``objectinformatieobject`` the related resources. Bytes live in the blob
store, never here.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
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
        "pk": "pk_%(table_name)s",
    }
)

document = Table(
    "document",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("bronorganisatie", String(9), nullable=False),
    Column("identificatie", String(40), nullable=False),
    Column("informatieobjecttype", Uuid, nullable=False, index=True),
    Column("vertrouwelijkheidaanduiding", String(20), nullable=False),
    Column("versie", Integer, nullable=False),
    Column("lock", String(64), nullable=False),  # '' = not locked
    Column("indicatie_gebruiksrecht", Boolean, nullable=True),
    Column("sequence", Integer, nullable=False),
    UniqueConstraint("bronorganisatie", "identificatie"),
)

document_versie = Table(
    "document_versie",
    metadata,
    Column("document", Uuid, primary_key=True),
    Column("versie", Integer, primary_key=True),
    Column("begin_registratie", DateTime(timezone=True), nullable=False),
    Column("informatieobject", JSON, nullable=False),  # InformatieobjectV1 as JSON
    Column("sha256", String(64), nullable=True, index=True),  # None: parts still coming
    Column("bestandsomvang", BigInteger, nullable=True),
)

bestandsdeel = Table(
    "bestandsdeel",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("document", Uuid, nullable=False, index=True),
    Column("volgnummer", Integer, nullable=False),
    Column("omvang", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=True),
)

gebruiksrecht = Table(
    "gebruiksrecht",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("informatieobject", Uuid, nullable=False, index=True),
    Column("startdatum", DateTime(timezone=True), nullable=False),
    Column("einddatum", DateTime(timezone=True), nullable=True),
    Column("omschrijving_voorwaarden", Text, nullable=False),
)

objectinformatieobject = Table(
    "objectinformatieobject",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("informatieobject", Uuid, nullable=False, index=True),
    Column("object", String(1000), nullable=False),
    Column("object_type", String(20), nullable=False),
)

document_audit = Table(
    "document_audit",
    metadata,
    Column("uuid", Uuid, primary_key=True),  # the fact's id
    Column("document", Uuid, nullable=False, index=True),
    Column("sequence", Integer, nullable=False),
    Column("aanmaakdatum", DateTime(timezone=True), nullable=False),
    Column("type", String(120), nullable=False),
    Column("resource_uuid", Uuid, nullable=False),
    Column("applicatie_id", String(100), nullable=False),
    Column("gebruikers_id", String(255), nullable=False),
    Column("nieuw", JSON, nullable=False),  # the fact's payload
)
