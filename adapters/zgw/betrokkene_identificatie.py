"""``betrokkeneIdentificatie`` per betrokkeneType and ``contactpersoonRol`` of the Zaken API
1.5.1 ``Rol``, as our own models (names, types, maxLengths, enums, nullability and required
fields as the standard's ``RolNatuurlijkPersoon``, ``RolNietNatuurlijkPersoon``,
``RolVestiging``, ``RolOrganisatorischeEenheid``, ``RolMedewerker`` and ``ContactPersoonRol``).
The same structures identify a zaakobject of those types.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from adapters.zgw.gegevensgroep import NOT_GIVEN, Email, Gegevensgroep

Geslachtsaanduiding = Literal["m", "v", "o", ""]
InnRechtsvorm = Literal[
    "besloten_vennootschap", "cooperatie_europees_economische_samenwerking",
    "europese_cooperatieve_venootschap", "europese_naamloze_vennootschap",
    "kerkelijke_organisatie", "naamloze_vennootschap", "onderlinge_waarborg_maatschappij",
    "overig_privaatrechtelijke_rechtspersoon", "stichting", "vereniging",
    "vereniging_van_eigenaars", "publiekrechtelijke_rechtspersoon", "vennootschap_onder_firma",
    "maatschap", "rederij", "commanditaire_vennootschap", "kapitaalvennootschap_binnen_eer",
    "overige_buitenlandse_rechtspersoon_vennootschap", "kapitaalvennootschap_buiten_eer", "",
]  # fmt: skip


class RolMedewerker(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=24)] = NOT_GIVEN
    achternaam: Annotated[str, Field(max_length=200)] = NOT_GIVEN
    voorletters: Annotated[str, Field(max_length=20)] = NOT_GIVEN
    voorvoegselAchternaam: Annotated[str, Field(max_length=10)] = NOT_GIVEN


class VerblijfsAdres(Gegevensgroep):
    aoaIdentificatie: Annotated[str, Field(max_length=100)]
    wplWoonplaatsNaam: Annotated[str, Field(max_length=80)]
    gorOpenbareRuimteNaam: Annotated[str, Field(max_length=80)]
    aoaPostcode: Annotated[str, Field(max_length=7)] = NOT_GIVEN
    aoaHuisnummer: Annotated[int, Field(ge=0, le=99999)]
    aoaHuisletter: Annotated[str, Field(max_length=1)] = NOT_GIVEN
    aoaHuisnummertoevoeging: Annotated[str, Field(max_length=4)] = NOT_GIVEN
    inpLocatiebeschrijving: Annotated[str, Field(max_length=1000)] = NOT_GIVEN


class SubVerblijfBuitenland(Gegevensgroep):
    lndLandcode: Annotated[str, Field(max_length=4)]
    lndLandnaam: Annotated[str, Field(max_length=40)]
    subAdresBuitenland_1: Annotated[str, Field(max_length=35)] = NOT_GIVEN
    subAdresBuitenland_2: Annotated[str, Field(max_length=35)] = NOT_GIVEN
    subAdresBuitenland_3: Annotated[str, Field(max_length=35)] = NOT_GIVEN


class RolNatuurlijkPersoon(Gegevensgroep):
    inpBsn: Annotated[str, Field(max_length=9)] = NOT_GIVEN
    anpIdentificatie: Annotated[str, Field(max_length=17)] = NOT_GIVEN
    inpA_nummer: Annotated[str, Field(max_length=10, pattern=r"^[1-9][0-9]{9}$")] = NOT_GIVEN
    geslachtsnaam: Annotated[str, Field(max_length=200)] = NOT_GIVEN
    voorvoegselGeslachtsnaam: Annotated[str, Field(max_length=80)] = NOT_GIVEN
    voorletters: Annotated[str, Field(max_length=20)] = NOT_GIVEN
    voornamen: Annotated[str, Field(max_length=200)] = NOT_GIVEN
    geslachtsaanduiding: Geslachtsaanduiding = NOT_GIVEN
    geboortedatum: Annotated[str, Field(max_length=18)] = NOT_GIVEN
    verblijfsadres: VerblijfsAdres | None = NOT_GIVEN
    subVerblijfBuitenland: SubVerblijfBuitenland | None = NOT_GIVEN


class RolNietNatuurlijkPersoon(Gegevensgroep):
    innNnpId: Annotated[str, Field(max_length=9)] = NOT_GIVEN
    annIdentificatie: Annotated[str, Field(max_length=17)] = NOT_GIVEN
    statutaireNaam: Annotated[str, Field(max_length=500)] = NOT_GIVEN
    innRechtsvorm: InnRechtsvorm = NOT_GIVEN
    bezoekadres: Annotated[str, Field(max_length=1000)] = NOT_GIVEN
    subVerblijfBuitenland: SubVerblijfBuitenland | None = NOT_GIVEN


class RolOrganisatorischeEenheid(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=24)] = NOT_GIVEN
    naam: Annotated[str, Field(max_length=50)] = NOT_GIVEN
    isGehuisvestIn: Annotated[str, Field(max_length=24)] = NOT_GIVEN


class RolVestiging(Gegevensgroep):
    vestigingsNummer: Annotated[str, Field(max_length=24)] = NOT_GIVEN
    handelsnaam: list[Annotated[str, Field(max_length=625)]] = NOT_GIVEN
    verblijfsadres: VerblijfsAdres | None = NOT_GIVEN
    subVerblijfBuitenland: SubVerblijfBuitenland | None = NOT_GIVEN
    kvkNummer: Annotated[str, Field(max_length=8)] = NOT_GIVEN


class ContactPersoonRol(Gegevensgroep):
    emailadres: Annotated[Email, Field(max_length=254)] = NOT_GIVEN
    functie: Annotated[str, Field(max_length=50)] = NOT_GIVEN
    telefoonnummer: Annotated[str, Field(max_length=20)] = NOT_GIVEN
    naam: Annotated[str, Field(max_length=200)]


BETROKKENE_IDENTIFICATIE: Final[dict[str, type[Gegevensgroep]]] = {
    "natuurlijk_persoon": RolNatuurlijkPersoon,
    "niet_natuurlijk_persoon": RolNietNatuurlijkPersoon,
    "vestiging": RolVestiging,
    "organisatorische_eenheid": RolOrganisatorischeEenheid,
    "medewerker": RolMedewerker,
}
