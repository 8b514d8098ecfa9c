"""Versioned payloads of the Catalogi domain: catalogussen, zaaktypen and their parts.

Each payload carries the complete new state of one catalogue object (ZGW Catalogi 1.3.1
names, references as UUIDs; see :mod:`schemas.catalogi_resources`), so applying a fact needs
nothing but the fact and the current catalogus. ``...Geschreven`` payloads serve both the
``-aangemaakt`` and the ``-gewijzigd`` event of a type. The parts of a zaaktype (statustype,
roltype, ...) name their ``zaaktype``. Subject and key of every catalogue event is the uuid of
the catalogus, so one catalogue's changes stay in order; facts carry a per-catalogus
``sequence``.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import Field

from schemas.catalogi_resources import (
    Besluittype,
    Catalogus,
    CatalogusGegevens,
    Eigenschap,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaakobjecttype,
    ZaaktypeGegevens,
    ZaaktypeInformatieobjecttype,
)
from schemas.payloads import Payload


class CatalogusAangemaaktV1(Payload):
    """``nl.overheid.catalogi.catalogus-aangemaakt`` version 1: an empty catalogus."""

    catalogus: CatalogusGegevens


class CatalogusGeimporteerdV1(Payload):
    """``nl.overheid.catalogi.catalogus-geimporteerd`` version 1: a whole catalogus at once
    (``midoffice catalogus import``), applied atomically."""

    catalogus: Catalogus


class ZaaktypeGeschrevenV1(Payload):
    """``zaaktype-aangemaakt`` / ``zaaktype-gewijzigd`` version 1: the zaaktype's own
    attributes (its parts are events of their own)."""

    zaaktype: ZaaktypeGegevens


class InformatieobjecttypeGeschrevenV1(Payload):
    informatieobjecttype: Informatieobjecttype


class BesluittypeGeschrevenV1(Payload):
    besluittype: Besluittype


class VersieBeeindigd(Payload):
    """A previous version whose geldigheid the publication ended."""

    uuid: UUID
    eindeGeldigheid: dt.date


class GepubliceerdV1(Payload):
    """``...-gepubliceerd`` version 1: the concept ``uuid`` is published."""

    uuid: UUID
    beeindigd: tuple[VersieBeeindigd, ...] = Field(
        (),
        description="Set by the processor: earlier published versions (same identificatie) "
        "that had no eindeGeldigheid now end the day before this version begins.",
    )


class VerwijderdV1(Payload):
    """``...-verwijderd`` version 1: the object ``uuid`` is gone, with what only it held."""

    uuid: UUID


class StatustypeGeschrevenV1(Payload):
    zaaktype: UUID
    statustype: Statustype


class RoltypeGeschrevenV1(Payload):
    zaaktype: UUID
    roltype: Roltype


class ResultaattypeGeschrevenV1(Payload):
    zaaktype: UUID
    resultaattype: Resultaattype


class EigenschapGeschrevenV1(Payload):
    zaaktype: UUID
    eigenschap: Eigenschap


class ZaakobjecttypeGeschrevenV1(Payload):
    zaaktype: UUID
    zaakobjecttype: Zaakobjecttype


class ZaaktypeInformatieobjecttypeGeschrevenV1(Payload):
    zaaktype: UUID
    zaaktypeInformatieobjecttype: ZaaktypeInformatieobjecttype
