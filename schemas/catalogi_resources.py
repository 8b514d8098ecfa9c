"""The catalogue objects of the Catalogi API 1.3.1 as the MidOffice keeps them (ZGW names).

They are part of the event contract: catalogue events carry them (``payloads_catalogi``), so a
change here changes the exported JSON Schemas and needs a new payload version. The lookups
over them live in :mod:`catalogi.model`, which re-exports every class.

References between catalogue objects are UUIDs; references to the VNG reference lists are
URLs, kept as given. ``Zaaktype`` and ``Catalogus`` extend their ``...Gegevens`` (the object's
own attributes) with the objects they hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from uuid import UUID

from pydantic import Field, StringConstraints

from schemas.catalogi_gegevensgroepen import (
    Archiefnominatie,
    BronCatalogus,
    BrondatumArchiefprocedure,
    BronZaaktype,
    CheckListItem,
    Duration,
    EigenschapSpecificatie,
    IndicatieInternOfExtern,
    InformatieobjecttypeOmschrijvingGeneriek,
    ReferentieProces,
    Richting,
    RolOmschrijvingGeneriek,
    Strict,
    Url,
    ZaakTypenRelatie,
)
from schemas.payloads import Vertrouwelijkheidaanduiding


class Geldigheid(Strict):
    """``beginGeldigheid`` / ``eindeGeldigheid`` of a type; optional on the zaaktype's parts."""

    beginGeldigheid: dt.date | None = None
    eindeGeldigheid: dt.date | None = None


class Statustype(Geldigheid):
    uuid: UUID
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field("", max_length=80)
    statustekst: str = Field("", max_length=1000)
    volgnummer: int = Field(ge=1, le=9999)
    informeren: bool = False
    doorlooptijd: Duration | None = None
    toelichting: str | None = Field(None, max_length=1000)
    checklistitemStatustype: tuple[CheckListItem, ...] = ()
    eigenschappen: tuple[UUID, ...] = ()


class Roltype(Geldigheid):
    uuid: UUID
    omschrijving: str = Field(max_length=100)
    omschrijvingGeneriek: RolOmschrijvingGeneriek


class Resultaattype(Geldigheid):
    uuid: UUID
    omschrijving: str = Field(max_length=30)
    resultaattypeomschrijving: Url
    omschrijvingGeneriek: str = Field(
        "", description="The reference list's omschrijving; as given (never fetched)."
    )
    selectielijstklasse: Url
    toelichting: str = ""
    archiefnominatie: Archiefnominatie | None = None
    archiefactietermijn: Duration | None = None
    brondatumArchiefprocedure: BrondatumArchiefprocedure | None = None
    procesobjectaard: str | None = Field(None, max_length=200)
    indicatieSpecifiek: bool | None = None
    procestermijn: Duration | None = None
    besluittypen: tuple[UUID, ...] = ()
    informatieobjecttypen: tuple[UUID, ...] = ()


class Eigenschap(Geldigheid):
    uuid: UUID
    naam: str = Field(max_length=20)
    definitie: str = Field(max_length=255)
    specificatie: EigenschapSpecificatie
    toelichting: str = Field("", max_length=1000)
    statustype: UUID | None = None


class ZaaktypeInformatieobjecttype(Strict):
    """Which informatieobjecttype a zaak of the zaaktype may hold, in which richting."""

    uuid: UUID
    informatieobjecttype: UUID
    volgnummer: int = Field(ge=1, le=999)
    richting: Richting
    statustype: UUID | None = None


class Zaakobjecttype(Geldigheid):
    uuid: UUID
    anderObjecttype: bool = False
    objecttype: Annotated[str, StringConstraints(max_length=200)] = Field(pattern=r"^https?://\S+$")
    relatieOmschrijving: str = Field(max_length=80)
    resultaattypen: tuple[UUID, ...] = ()
    statustypen: tuple[UUID, ...] = ()


class ZaaktypeGegevens(Strict):
    uuid: UUID
    identificatie: str = Field(min_length=1, max_length=50)
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field("", max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    doel: str
    aanleiding: str
    toelichting: str = ""
    indicatieInternOfExtern: IndicatieInternOfExtern
    handelingInitiator: str = Field(max_length=20)
    onderwerp: str = Field(max_length=80)
    handelingBehandelaar: str = Field(max_length=20)
    doorlooptijd: Duration
    servicenorm: Duration | None = None
    opschortingEnAanhoudingMogelijk: bool = False
    verlengingMogelijk: bool = False
    verlengingstermijn: Duration | None = None
    trefwoorden: tuple[Annotated[str, StringConstraints(max_length=30)], ...] = ()
    publicatieIndicatie: bool = False
    publicatietekst: str = ""
    verantwoordingsrelatie: tuple[Annotated[str, StringConstraints(max_length=40)], ...] = ()
    productenOfDiensten: tuple[Url, ...] = ()
    selectielijstProcestype: str = Field("", max_length=200, pattern=r"^(https?://\S+)?$")
    referentieproces: ReferentieProces
    verantwoordelijke: str = Field(max_length=50)
    broncatalogus: BronCatalogus | None = None
    bronzaaktype: BronZaaktype | None = None
    besluittypen: tuple[UUID, ...] = ()
    deelzaaktypen: tuple[UUID, ...] = ()
    gerelateerdeZaaktypen: tuple[ZaakTypenRelatie, ...] = ()
    versiedatum: dt.date
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None = None
    concept: bool = False


class Zaaktype(ZaaktypeGegevens):
    """A zaaktype with its parts."""

    statustypen: tuple[Statustype, ...] = ()
    roltypen: tuple[Roltype, ...] = ()
    resultaattypen: tuple[Resultaattype, ...] = ()
    eigenschappen: tuple[Eigenschap, ...] = ()
    zaakobjecttypen: tuple[Zaakobjecttype, ...] = ()
    zaaktypeInformatieobjecttypen: tuple[ZaaktypeInformatieobjecttype, ...] = ()

    @property
    def eindstatustype(self) -> Statustype:
        """The statustype with the highest volgnummer (ValueError without statustypen)."""
        return max(self.statustypen, key=lambda s: s.volgnummer)

    @property
    def informatieobjecttypen(self) -> tuple[UUID, ...]:
        """The informatieobjecttypen of the zaaktype-informatieobjecttypen, by volgnummer."""
        ordered = sorted(self.zaaktypeInformatieobjecttypen, key=lambda z: z.volgnummer)
        return tuple(dict.fromkeys(z.informatieobjecttype for z in ordered))


class Informatieobjecttype(Strict):
    uuid: UUID
    omschrijving: str = Field(min_length=1, max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    informatieobjectcategorie: str = Field(min_length=1, max_length=80)
    trefwoord: tuple[Annotated[str, StringConstraints(max_length=30)], ...] = ()
    omschrijvingGeneriek: InformatieobjecttypeOmschrijvingGeneriek | None = None
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None = None
    concept: bool = False


class Besluittype(Strict):
    uuid: UUID
    omschrijving: str = Field("", max_length=80)
    omschrijvingGeneriek: str = Field("", max_length=80)
    besluitcategorie: str = Field("", max_length=40)
    reactietermijn: Duration | None = None
    publicatieIndicatie: bool = False
    publicatietekst: str = ""
    publicatietermijn: Duration | None = None
    toelichting: str = ""
    informatieobjecttypen: tuple[UUID, ...] = ()
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None = None
    concept: bool = False


class CatalogusGegevens(Strict):
    uuid: UUID
    domein: str = Field(min_length=1, max_length=5)
    rsin: str = Field(pattern=r"^\d{9}$")
    naam: str = Field("", max_length=200)
    versie: str = Field("", max_length=20)
    begindatumVersie: dt.date | None = None
    contactpersoonBeheerNaam: str = Field(min_length=1, max_length=40)
    contactpersoonBeheerTelefoonnummer: str = Field("", max_length=20)
    contactpersoonBeheerEmailadres: str = Field("", max_length=254, pattern=r"^([^@\s]+@\S+)?$")


class Catalogus(CatalogusGegevens):
    """A catalogus with its zaaktypen, informatieobjecttypen and besluittypen."""

    zaaktypen: tuple[Zaaktype, ...] = ()
    informatieobjecttypen: tuple[Informatieobjecttype, ...] = ()
    besluittypen: tuple[Besluittype, ...] = ()
