"""Versioned payloads of the parts of a zaak: rollen, resultaat, zaakobjecten,
zaakeigenschappen, zaakinformatieobjecten and klantcontacten (ZGW Zaken API 1.5.1 names).

Each part has one model that carries its complete state: the ``...-toegevoegd`` and
``...-gewijzigd`` events carry it (for a PATCH the gateway merges the request with the stored
part first), ``...-verwijderd`` carries only the uuids. References to catalogue objects are
UUIDs; references outside the MidOffice (betrokkene, object, informatieobject) stay URLs.
Nested ZGW structures (betrokkeneIdentificatie, objectIdentificatie, contactpersoonRol) are
kept as the JSON objects the gateway validated against the Zaken API schema.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import Field

from schemas.payloads import Payload, StatusGezetV2, ZaakGeopendV1


class BetrokkeneType(StrEnum):
    """``BetrokkeneTypeEnum`` of a rol."""

    natuurlijk_persoon = "natuurlijk_persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon"
    vestiging = "vestiging"
    organisatorische_eenheid = "organisatorische_eenheid"
    medewerker = "medewerker"


class RolV1(Payload):
    """A rol: who is involved in the zaak, in which roltype."""

    uuid: UUID
    zaak: UUID
    betrokkene: str = Field("", max_length=1000)
    betrokkeneType: BetrokkeneType
    afwijkendeNaamBetrokkene: str = Field("", max_length=625)
    roltype: UUID
    omschrijving: str = Field("", description="Set by the processor, from the roltype.")
    omschrijvingGeneriek: str = Field("", description="Set by the processor, from the roltype.")
    roltoelichting: str = Field("", max_length=1000)
    registratiedatum: dt.datetime | None = Field(None, description="Set by the processor.")
    indicatieMachtiging: str = ""
    contactpersoonRol: dict[str, Any] | None = None
    betrokkeneIdentificatie: dict[str, Any] | None = None


class ResultaatV1(Payload):
    """The resultaat of a zaak (at most one per zaak)."""

    uuid: UUID
    zaak: UUID
    resultaattype: UUID
    toelichting: str = Field("", max_length=1000)


class ZaakobjectV1(Payload):
    """An object the zaak is about: by URL (``object``) or by ``objectIdentificatie``."""

    uuid: UUID
    zaak: UUID
    object: str = Field("", max_length=1000)
    zaakobjecttype: UUID | None = None
    objectType: str
    objectTypeOverige: str = Field("", max_length=100)
    objectTypeOverigeDefinitie: dict[str, Any] | None = None
    relatieomschrijving: str = Field("", max_length=80)
    objectIdentificatie: dict[str, Any] | None = None


class ZaakeigenschapV1(Payload):
    """The value of one eigenschap of the zaaktype for this zaak."""

    uuid: UUID
    zaak: UUID
    eigenschap: UUID
    naam: str = Field("", description="Set by the processor, from the eigenschap.")
    waarde: str


class ZaakinformatieobjectV1(Payload):
    """A document (informatieobject, by URL) linked to the zaak."""

    uuid: UUID
    zaak: UUID
    informatieobject: str = Field(max_length=1000)
    titel: str = Field("", max_length=200)
    beschrijving: str = ""
    vernietigingsdatum: dt.datetime | None = None
    status: UUID | None = None
    registratiedatum: dt.datetime | None = Field(None, description="Set by the processor.")


class KlantcontactV1(Payload):
    """A contact with the klant about the zaak."""

    uuid: UUID
    zaak: UUID
    identificatie: str = Field("", max_length=14)
    datumtijd: dt.datetime
    kanaal: str = Field("", max_length=20)
    onderwerp: str = Field("", max_length=200)
    toelichting: str = Field("", max_length=1000)


class OnderdeelVerwijderdV1(Payload):
    """A part of a zaak was removed (``...-verwijderd``)."""

    uuid: UUID
    zaak: UUID


class ZaakGeregistreerdV1(Payload):
    """``nl.overheid.zaken.zaak-geregistreerd`` (intake only): a zaak with its rollen, first
    status and zaakobjecten, registered all or nothing. The processor accepts it as the usual
    facts (zaak-geopend, rol-toegevoegd, ..., zaakstatus-gewijzigd) of one transaction."""

    zaak: ZaakGeopendV1
    rollen: list[RolV1] = Field(default_factory=list)
    zaakobjecten: list[ZaakobjectV1] = Field(default_factory=list)
    status: StatusGezetV2 | None = None
