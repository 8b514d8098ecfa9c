"""Versioned payloads of the Documenten domain (Documenten API 1.5.0).

The bytes of a document never travel in an event: the gateway stores them content-addressed
first, and the event carries only their SHA-256 and size (:class:`InhoudV1`, a claim check).
References to the catalogue (informatieobjecttype) and to documents are UUIDs. Fields marked
"set by the processor" are empty on the intake topic and filled in in the accepted fact, so a
replay needs nothing but the facts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from pydantic import Field

from schemas.payloads import Payload, Vertrouwelijkheidaanduiding

Sha256 = Field(pattern=r"^[0-9a-f]{64}$")
DocumentStatus = Literal["", "in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd"]
ObjectType = Literal["besluit", "zaak", "verzoek"]


class InhoudV1(Payload):
    """The claim check of a content: its SHA-256 (hex) and size in bytes."""

    sha256: str = Sha256
    size: int = Field(ge=0)


class BestandsdeelV1(Payload):
    """One part of an upload in parts; ``inhoud`` is set once the part is uploaded."""

    uuid: UUID
    volgnummer: int = Field(ge=1)
    omvang: int = Field(ge=0)
    inhoud: InhoudV1 | None = None


class InformatieobjectV1(Payload):
    """The ZGW metadata of one versie of an enkelvoudig informatieobject."""

    identificatie: str = Field("", max_length=40, description="Generated when empty.")
    bronorganisatie: str = Field(pattern=r"^\d{9}$")
    creatiedatum: dt.date
    titel: str = Field(min_length=1, max_length=200)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    auteur: str = Field(min_length=1, max_length=200)
    status: DocumentStatus = ""
    formaat: str = Field("", max_length=255)
    taal: str = Field(min_length=3, max_length=3)
    bestandsnaam: str = Field("", max_length=255)
    link: str = Field("", max_length=200)
    beschrijving: str = Field("", max_length=1000)
    ontvangstdatum: dt.date | None = None
    verzenddatum: dt.date | None = None
    indicatieGebruiksrecht: bool | None = None
    verschijningsvorm: str = ""
    ondertekening: dict[str, Any] | None = None
    integriteit: dict[str, Any] | None = None
    informatieobjecttype: UUID
    trefwoorden: list[str] = Field(default_factory=list)
    inhoudIsVervallen: bool = False


class DocumentAangemaaktV1(Payload):
    """``nl.overheid.documenten.enkelvoudiginformatieobject-aangemaakt`` version 1.

    Either ``inhoud`` (already stored) or ``bestandsomvang`` with ``lock``: then the document
    is created locked and its bytes follow in ``bestandsdelen`` (set by the processor).
    """

    uuid: UUID
    informatieobject: InformatieobjectV1
    inhoud: InhoudV1 | None = None
    bestandsomvang: int | None = Field(None, ge=0)
    lock: str = ""
    versie: int = Field(0, description="Set by the processor.")
    bestandsdelen: list[BestandsdeelV1] = Field(default_factory=list)


class DocumentGewijzigdV1(Payload):
    """``...enkelvoudiginformatieobject-gewijzigd`` version 1: a new versie (PUT/PATCH).

    ``informatieobject`` is the complete new metadata. ``inhoud`` None with ``bestandsomvang``
    None keeps the previous content; ``bestandsomvang`` starts an upload in parts.
    """

    uuid: UUID
    lock: str
    informatieobject: InformatieobjectV1
    inhoud: InhoudV1 | None = None
    bestandsomvang: int | None = Field(None, ge=0)
    versie: int = Field(0, description="Set by the processor.")
    bestandsdelen: list[BestandsdeelV1] = Field(default_factory=list)


class DocumentVergrendeldV1(Payload):
    """``...enkelvoudiginformatieobject-vergrendeld``: the document was locked."""

    uuid: UUID
    lock: str = Field(min_length=16)


class DocumentOntgrendeldV1(Payload):
    """``...enkelvoudiginformatieobject-ontgrendeld``: unlocked with the lock, or forced."""

    uuid: UUID
    lock: str = ""
    geforceerd: bool = False


class BestandsdeelGeuploadV1(Payload):
    """``...bestandsdeel-geupload``: one part's bytes are stored. When it is the last one the
    gateway also stores the whole content and sets ``inhoud`` (the claim check of all parts
    joined); the processor then completes the versie."""

    uuid: UUID
    bestandsdeel: UUID
    lock: str
    deel: InhoudV1
    inhoud: InhoudV1 | None = None


class DocumentVerwijderdV1(Payload):
    """``...enkelvoudiginformatieobject-verwijderd``: the document and all its versies."""

    uuid: UUID


class GebruiksrechtV1(Payload):
    """``...gebruiksrecht-aangemaakt`` / ``-gewijzigd`` (subject: the informatieobject)."""

    uuid: UUID
    informatieobject: UUID
    startdatum: dt.datetime
    einddatum: dt.datetime | None = None
    omschrijvingVoorwaarden: str = Field(min_length=1)


class GebruiksrechtVerwijderdV1(Payload):
    uuid: UUID
    informatieobject: UUID


class ObjectinformatieobjectV1(Payload):
    """``...objectinformatieobject-aangemaakt`` (subject: the informatieobject)."""

    uuid: UUID
    informatieobject: UUID
    object: str = Field(min_length=1, max_length=1000)
    objectType: ObjectType


class ObjectinformatieobjectVerwijderdV1(Payload):
    uuid: UUID
    informatieobject: UUID
