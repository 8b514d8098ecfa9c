"""Enumerations, value types and gegevensgroepen of the Catalogi API 1.3.1 (ZGW names).

Everything here is an immutable value without identity of its own; the resources that carry
them (zaaktype, resultaattype, ...) live in :mod:`catalogi.model`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

DURATION_PATTERN: Final = (
    r"^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$"
)
"""ISO 8601 durations as the ZGW APIs write them: ``P8W``, ``P1Y6M``, ``P10D``, ``PT12H``."""

_DURATION: Final = re.compile(DURATION_PATTERN)


def _duration(value: str) -> str:
    if not _DURATION.match(value):
        raise ValueError("geen geldige ISO 8601-duur (bijvoorbeeld P8W, P1Y, P10D)")
    return value


Duration = Annotated[str, AfterValidator(_duration)]
Url = Annotated[str, StringConstraints(max_length=1000, pattern=r"^https?://[^\s/]+[^\s]*$")]
"""An absolute http(s) URL (references to the VNG reference lists, products, objecttypes)."""


class Strict(BaseModel):
    """Base of every catalogue model: immutable, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatieInternOfExtern(StrEnum):
    intern = "intern"
    extern = "extern"


class RolOmschrijvingGeneriek(StrEnum):
    """``OmschrijvingGeneriekEnum`` of a roltype."""

    adviseur = "adviseur"
    behandelaar = "behandelaar"
    belanghebbende = "belanghebbende"
    beslisser = "beslisser"
    initiator = "initiator"
    klantcontacter = "klantcontacter"
    zaakcoordinator = "zaakcoordinator"
    mede_initiator = "mede_initiator"


class Archiefnominatie(StrEnum):
    blijvend_bewaren = "blijvend_bewaren"
    vernietigen = "vernietigen"


class Afleidingswijze(StrEnum):
    """``AfleidingswijzeEnum``: how the brondatum of the archiefprocedure is derived."""

    afgehandeld = "afgehandeld"
    ander_datumkenmerk = "ander_datumkenmerk"
    eigenschap = "eigenschap"
    gerelateerde_zaak = "gerelateerde_zaak"
    hoofdzaak = "hoofdzaak"
    ingangsdatum_besluit = "ingangsdatum_besluit"
    termijn = "termijn"
    vervaldatum_besluit = "vervaldatum_besluit"
    zaakobject = "zaakobject"


class Formaat(StrEnum):
    """``FormaatEnum`` of an eigenschap's specificatie."""

    tekst = "tekst"
    getal = "getal"
    datum = "datum"
    datum_tijd = "datum_tijd"


class Richting(StrEnum):
    inkomend = "inkomend"
    intern = "intern"
    uitgaand = "uitgaand"


class AardRelatie(StrEnum):
    vervolg = "vervolg"
    bijdrage = "bijdrage"
    onderwerp = "onderwerp"


OBJECTTYPEN: Final = (
    "adres", "besluit", "buurt", "enkelvoudig_document", "gemeente",
    "gemeentelijke_openbare_ruimte", "huishouden", "inrichtingselement",
    "kadastrale_onroerende_zaak", "kunstwerkdeel", "maatschappelijke_activiteit", "medewerker",
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "openbare_ruimte",
    "organisatorische_eenheid", "pand", "spoorbaandeel", "status", "terreindeel",
    "terrein_gebouwd_object", "vestiging", "waterdeel", "wegdeel", "wijk", "woonplaats",
    "woz_deelobject", "woz_object", "woz_waarde", "zakelijk_recht", "overige",
)  # fmt: skip
"""``ObjecttypeEnum`` of brondatumArchiefprocedure.objecttype ('' when not applicable)."""


class BrondatumArchiefprocedure(Strict):
    """How the start of the archiefactietermijn (the brondatum) is determined."""

    afleidingswijze: Afleidingswijze
    datumkenmerk: str = Field("", max_length=80)
    einddatumBekend: bool = False
    objecttype: str = Field("", pattern="^(" + "|".join(OBJECTTYPEN) + ")?$")
    registratie: str = Field("", max_length=80)
    procestermijn: Duration | None = None


class EigenschapSpecificatie(Strict):
    groep: str = Field("", max_length=32)
    formaat: Formaat
    lengte: str = Field(max_length=14)
    kardinaliteit: str = Field(max_length=3)
    waardenverzameling: tuple[Annotated[str, StringConstraints(max_length=100)], ...] = ()


class ReferentieProces(Strict):
    naam: str = Field(max_length=80)
    link: str = Field("", max_length=200)


class CheckListItem(Strict):
    itemnaam: str = Field(max_length=30)
    toelichting: str | None = Field(None, max_length=1000)
    vraagstelling: str = Field(max_length=255)
    verplicht: bool = False


class ZaakTypenRelatie(Strict):
    """A related zaaktype: its ``identificatie`` in this catalogus, or a URL elsewhere."""

    zaaktype: str = Field(min_length=1, max_length=200)
    aardRelatie: AardRelatie
    toelichting: str = Field("", max_length=255)


class BronCatalogus(Strict):
    url: Url
    domein: str = Field(max_length=5)
    rsin: str = Field(max_length=9)


class BronZaaktype(Strict):
    url: Url
    identificatie: str = Field(max_length=50)
    omschrijving: str = Field(max_length=80)


class InformatieobjecttypeOmschrijvingGeneriek(Strict):
    informatieobjecttypeOmschrijvingGeneriek: str = Field("", max_length=80)
    definitieInformatieobjecttypeOmschrijvingGeneriek: str = Field("", max_length=255)
    herkomstInformatieobjecttypeOmschrijvingGeneriek: str = Field("", max_length=12)
    hierarchieInformatieobjecttypeOmschrijvingGeneriek: str = Field("", max_length=80)
    opmerkingInformatieobjecttypeOmschrijvingGeneriek: str | None = Field(None, max_length=255)
