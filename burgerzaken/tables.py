"""SQLAlchemy Core tables of the citizen's read model (the ``burgerzaken`` projection).

Built for one read: "all zaken of this BSN / KvK number, with zaaktype omschrijving, statussen
and the documents a citizen may see". Everything here is derived from accepted facts on the
events topic only, so a replay rebuilds it exactly:

- ``burgerzaak``: one row per zaak with the fields the PIP shows and its current status;
- ``burgerzaak_betrokkene``: one row per rol that names a BSN (natuurlijk persoon ``inpBsn``)
  or a KvK number (niet-natuurlijk persoon ``innNnpId``, vestiging ``kvkNummer``): the index,
  with copies of the zaak's sort and authorisation columns;
- ``burgerzaak_status``: the status history;
- ``burgerzaak_informatieobject``: the zaakinformatieobjecten (zaak -> document uuid);
- ``burgerdocument``: document metadata from the documentmagazijn facts (keyed by document);
- ``burgerzaken_type``: omschrijvingen of zaaktypen and statustypen from the catalogi facts;
- ``burgerzaken_positie``: the last applied per-subject ``sequence`` (zaak, document or
  catalogus), so at-least-once delivery and replays apply each fact once.

Zaak, document and catalogue facts are keyed by different subjects and so arrive in no
particular order relative to each other; the read joins them, so any interleaving gives the
same answer.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

burgerzaak = Table(
    "burgerzaak",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("identificatie", String(40), nullable=False),
    Column("bronorganisatie", String(9), nullable=False),
    Column("omschrijving", String(80), nullable=False),
    Column("zaaktype", Uuid, nullable=False),
    Column("startdatum", Date, nullable=False),
    Column("einddatum", Date, nullable=True),
    Column("vertrouwelijkheidaanduiding", String(20), nullable=False),
    Column("status", Uuid, nullable=True),  # the current status (last by datumStatusGezet)
)

burgerzaak_betrokkene = Table(
    "burgerzaak_betrokkene",
    metadata,
    Column("rol", Uuid, primary_key=True),
    Column("zaak", Uuid, nullable=False),
    Column("soort", String(3), nullable=False),  # "bsn" or "kvk"
    Column("nummer", String(9), nullable=False),
    # Copies of the zaak's sort and authorisation columns, so a page is cut from this index
    # alone and only its 100 zaken are fetched (kept in step by every zaak fact).
    Column("startdatum", Date, nullable=False),
    Column("identificatie", String(40), nullable=False),
    Column("zaaktype", Uuid, nullable=False),
    Column("vertrouwelijkheidaanduiding", String(20), nullable=False),
    Index(
        "ix_burgerzaak_betrokkene_pagina", "soort", "nummer", "startdatum", "identificatie", "zaak"
    ),
    Index(None, "zaak"),
)

burgerzaak_status = Table(
    "burgerzaak_status",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("zaak", Uuid, nullable=False),
    Column("statustype", Uuid, nullable=False),
    Column("datum_status_gezet", DateTime(timezone=True), nullable=False),
    Column("statustoelichting", Text, nullable=False),
    Column("zaak_sequence", Integer, nullable=False),
    Index(None, "zaak", "datum_status_gezet"),
)

burgerzaak_informatieobject = Table(
    "burgerzaak_informatieobject",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("zaak", Uuid, nullable=False),
    Column("document", Uuid, nullable=True),  # None: a document outside this MidOffice
    Column("zaak_sequence", Integer, nullable=False),
    Index(None, "zaak"),
)

burgerdocument = Table(
    "burgerdocument",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("titel", String(200), nullable=False),
    Column("vertrouwelijkheidaanduiding", String(20), nullable=False),
    Column("formaat", String(255), nullable=False),
    Column("bestandsnaam", String(255), nullable=False),
    Column("bestandsomvang", BigInteger, nullable=True),
    Column("creatiedatum", Date, nullable=False),
    Column("informatieobjecttype", Uuid, nullable=False),
    Column("compleet", Boolean, nullable=False),  # False while an upload in parts is open
)

burgerzaken_type = Table(
    "burgerzaken_type",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("catalogus", Uuid, nullable=False),
    Column("zaaktype", Uuid, nullable=True),  # for a statustype: its zaaktype
    Column("omschrijving", String(100), nullable=False),
    Index(None, "catalogus"),
)

burgerzaken_positie = Table(
    "burgerzaken_positie",
    metadata,
    Column("subject", Uuid, primary_key=True),
    Column("sequence", Integer, nullable=False),
)

PROJECTION_TABLES = (
    burgerzaak,
    burgerzaak_betrokkene,
    burgerzaak_status,
    burgerzaak_informatieobject,
    burgerdocument,
    burgerzaken_type,
    burgerzaken_positie,
)
"""Every table of the projection, compared by ``midoffice verify burgerzaken``."""
