"""SQLAlchemy Core tables of the zaakmagazijn projection.

Columns that are filtered or derived are typed columns; the remaining writable ZGW zaak
attributes are kept verbatim (ZGW names) in ``zaak.attributes``, and the parts of a zaak
(rollen, resultaat, ...) keep their complete state in ``gegevens``.
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
    Column("hoofdzaak", String(1000), nullable=True),  # for deelzaken (since 0002)
    UniqueConstraint("bronorganisatie", "identificatie"),
    Index(None, "zaaktype"),
    Index(None, "startdatum"),
    Index(None, "hoofdzaak"),
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
    Index(None, "zaak", "datum_status_gezet", "zaak_sequence"),  # the current status
)

identificatie_teller = Table(
    "identificatie_teller",
    metadata,
    Column("bronorganisatie", String(9), primary_key=True),
    Column("jaar", Integer, primary_key=True),
    Column("laatste", Integer, nullable=False),
)



def _onderdeel(name: str, *columns: Column[object] | Index | UniqueConstraint) -> Table:
    """A part of a zaak: its complete ZGW state in ``gegevens`` (the payload of its last
    fact, JSON) plus typed columns for filters. ``volgnummer`` is the zaak sequence of the
    fact that created it, so parts list in the order they were added."""
    return Table(
        name,
        metadata,
        Column("uuid", Uuid, primary_key=True),
        Column("zaak", Uuid, ForeignKey("zaak.uuid"), nullable=False),
        Column("volgnummer", Integer, nullable=False),
        Column("gegevens", JSON, nullable=False),
        *columns,
        Index(None, "zaak", "volgnummer"),
    )


rol = _onderdeel(
    "rol",
    Column("betrokkene_type", String(30), nullable=False),
    Column("roltype", Uuid, nullable=False),
    Column("omschrijving", String(100), nullable=False),
    Column("omschrijving_generiek", String(40), nullable=False),
    Column("betrokkene", String(1000), nullable=False),
    Column("inp_bsn", String(9), nullable=True),
    Column("anp_identificatie", String(17), nullable=True),
    Column("inp_a_nummer", String(10), nullable=True),
    Column("inn_nnp_id", String(9), nullable=True),
    Column("ann_identificatie", String(17), nullable=True),
    Column("vestigings_nummer", String(24), nullable=True),
    Column("medewerker_identificatie", String(24), nullable=True),
    Column("organisatorische_eenheid_identificatie", String(24), nullable=True),
    # (identifier, zaak): "the zaken of this citizen/company/employee" reads the index only.
    Index(None, "inp_bsn", "zaak"),
    Index(None, "inn_nnp_id", "zaak"),
    Index(None, "vestigings_nummer", "zaak"),
    Index(None, "medewerker_identificatie", "zaak"),
)
resultaat = _onderdeel(
    "resultaat", Column("resultaattype", Uuid, nullable=False), UniqueConstraint("zaak")
)
zaakobject = _onderdeel(
    "zaakobject",
    Column("object", String(1000), nullable=False),
    Column("object_type", String(50), nullable=False),
)
zaakeigenschap = _onderdeel("zaakeigenschap", Column("eigenschap", Uuid, nullable=False))
zaakinformatieobject = _onderdeel(
    "zaakinformatieobject",
    Column("informatieobject", String(1000), nullable=False),
    UniqueConstraint("zaak", "informatieobject"),
)
klantcontact = _onderdeel("klantcontact")

audittrail = Table(
    "audittrail",
    metadata,
    Column("uuid", Uuid, primary_key=True),  # uuid5 of the fact id and the resource
    Column("zaak", Uuid, nullable=False),
    Column("sequence", Integer, nullable=False),  # the fact's per-zaak sequence
    Column("actie", String(50), nullable=False),  # create | update | partial_update | destroy
    Column("resource", String(50), nullable=False),
    Column("resource_uuid", Uuid, nullable=False),
    Column("applicatie_id", String(100), nullable=False),
    Column("gebruikers_id", String(255), nullable=False),
    Column("aanmaakdatum", DateTime(timezone=True), nullable=False),
    Column("oud", JSON, nullable=True),  # the resource row before (normalised), or null
    Column("nieuw", JSON, nullable=True),  # the resource row after (normalised), or null
    Index(None, "zaak", "sequence"),
)

verwijderde_zaak = Table(
    "verwijderde_zaak",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("sequence", Integer, nullable=False),  # the sequence of the zaak-verwijderd fact
    Column("verwijderd_op", DateTime(timezone=True), nullable=False),
)
"""Tombstones: a deleted zaak keeps its sequence, so a late duplicate fact is still skipped."""

idempotentie = Table(
    "idempotentie",
    metadata,
    Column("client_id", String(100), primary_key=True),
    Column("sleutel", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("event_id", Uuid, nullable=False),
    Column("uitkomst", JSON, nullable=False),  # the first outcome, to answer repeats with
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "created_at"),
)
"""Idempotency-Key bookkeeping of the processor (not part of the projection)."""

ONDERDELEN = (rol, resultaat, zaakobject, zaakeigenschap, zaakinformatieobject, klantcontact)

PROJECTION_TABLES = (
    zaak, status, identificatie_teller, *ONDERDELEN, audittrail, verwijderde_zaak,
)  # fmt: skip
