"""Catalogue model: catalogus, zaaktypen and statustypen with ZGW Catalogi 1.3.1 field names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from schemas.payloads import Vertrouwelijkheidaanduiding


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Statustype(_Strict):
    uuid: UUID
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field("", max_length=80)
    statustekst: str = Field("", max_length=1000)
    volgnummer: int = Field(ge=1, le=9999)
    informeren: bool = False
    toelichting: str | None = None


class Zaaktype(_Strict):
    uuid: UUID
    identificatie: str = Field(max_length=50)
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field("", max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    doel: str
    aanleiding: str
    toelichting: str = ""
    indicatieInternOfExtern: str = Field(pattern="^(intern|extern)$")
    handelingInitiator: str
    onderwerp: str
    handelingBehandelaar: str
    doorlooptijd: str
    servicenorm: str | None = None
    opschortingEnAanhoudingMogelijk: bool = False
    verlengingMogelijk: bool = False
    verlengingstermijn: str | None = None
    trefwoorden: list[str] = Field(default_factory=list)
    publicatieIndicatie: bool = False
    publicatietekst: str = ""
    verantwoordingsrelatie: list[str] = Field(default_factory=list)
    productenOfDiensten: list[str] = Field(default_factory=list)
    selectielijstProcestype: str = ""
    referentieprocesNaam: str = Field("", max_length=80)
    verantwoordelijke: str = Field("", max_length=50)
    versiedatum: dt.date
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None = None
    concept: bool = False
    statustypen: tuple[Statustype, ...] = Field(min_length=1)

    @property
    def eindstatustype(self) -> Statustype:
        """The statustype with the highest volgnummer."""
        return max(self.statustypen, key=lambda s: s.volgnummer)


class Catalogus(_Strict):
    uuid: UUID
    domein: str = Field(max_length=5)
    rsin: str = Field(pattern=r"^\d{9}$")
    naam: str = Field("", max_length=200)
    versie: str = Field("", max_length=20)
    begindatumVersie: dt.date | None = None
    contactpersoonBeheerNaam: str = Field(max_length=40)
    contactpersoonBeheerTelefoonnummer: str = ""
    contactpersoonBeheerEmailadres: str = ""
    zaaktypen: tuple[Zaaktype, ...] = ()


class Catalogue:
    """Read-only lookups over one or more catalogussen."""

    def __init__(self, catalogussen: Iterable[Catalogus]) -> None:
        self.catalogussen = tuple(catalogussen)
        self._zaaktypen = {z.uuid: (c, z) for c in self.catalogussen for z in c.zaaktypen}
        self._statustypen = {s.uuid: z for _, z in self._zaaktypen.values() for s in z.statustypen}

    def zaaktypen(self) -> list[tuple[Catalogus, Zaaktype]]:
        return list(self._zaaktypen.values())

    def zaaktype(self, uuid: UUID) -> Zaaktype | None:
        found = self._zaaktypen.get(uuid)
        return found[1] if found else None

    def catalogus_of(self, zaaktype: UUID) -> Catalogus | None:
        found = self._zaaktypen.get(zaaktype)
        return found[0] if found else None

    def statustype(self, uuid: UUID) -> tuple[Zaaktype, Statustype] | None:
        """The statustype and the zaaktype it belongs to, or None."""
        zaaktype = self._statustypen.get(uuid)
        if zaaktype is None:
            return None
        return zaaktype, next(s for s in zaaktype.statustypen if s.uuid == uuid)
