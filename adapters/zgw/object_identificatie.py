"""``objectIdentificatie`` per objectType of the Zaken API 1.5.1 ``ZaakObject`` and
``objectTypeOverigeDefinitie``, as our own models (names, types, maxLengths, enums,
nullability and required fields as the standard's ``Object*`` schemas). Persons, vestigingen,
organisatorische eenheden and medewerkers are identified as in a rol.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import Field

from adapters.zgw.betrokkene_identificatie import (
    RolMedewerker,
    RolNatuurlijkPersoon,
    RolNietNatuurlijkPersoon,
    RolOrganisatorischeEenheid,
    RolVestiging,
)
from adapters.zgw.gegevensgroep import NOT_GIVEN, Gegevensgroep, Uri

OBJECT_TYPES: Final = (
    "adres", "besluit", "buurt", "enkelvoudig_document", "gemeente",
    "gemeentelijke_openbare_ruimte", "huishouden", "inrichtingselement",
    "kadastrale_onroerende_zaak", "kunstwerkdeel", "maatschappelijke_activiteit", "medewerker",
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "openbare_ruimte",
    "organisatorische_eenheid", "pand", "spoorbaandeel", "status", "terreindeel",
    "terrein_gebouwd_object", "vestiging", "waterdeel", "wegdeel", "wijk", "woonplaats",
    "woz_deelobject", "woz_object", "woz_waarde", "zakelijk_recht", "overige",
)  # fmt: skip
InrichtingselementType = Literal[
    "bak", "bord", "installatie", "kast", "mast", "paal", "sensor", "straatmeubilair",
    "waterinrichtingselement", "weginrichtingselement",
]  # fmt: skip
KunstwerkdeelType = Literal[
    "keermuur", "overkluizing", "duiker", "faunavoorziening", "vispassage", "bodemval",
    "coupure", "ponton", "voorde", "hoogspanningsmast", "gemaal", "perron", "sluis",
    "strekdam", "steiger", "stuw",
]  # fmt: skip
SpoorbaandeelType = Literal["breedspoor", "normaalspoor", "smalspoor", "spoorbaan"]
TypeWaterdeel = Literal["zee", "waterloop", "watervlakte", "greppel_droge_sloot"]


class ObjectAdres(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]
    wplWoonplaatsNaam: Annotated[str, Field(max_length=80)]
    gorOpenbareRuimteNaam: Annotated[str, Field(max_length=80)]
    huisnummer: Annotated[int, Field(ge=0, le=99999)]
    huisletter: Annotated[str, Field(max_length=1)] = NOT_GIVEN
    huisnummertoevoeging: Annotated[str, Field(max_length=4)] = NOT_GIVEN
    postcode: Annotated[str, Field(max_length=7)] = NOT_GIVEN


class ObjectBuurt(Gegevensgroep):
    buurtCode: Annotated[str, Field(max_length=2)]
    buurtNaam: Annotated[str, Field(max_length=40)]
    gemGemeenteCode: Annotated[str, Field(max_length=4)]
    wykWijkCode: Annotated[str, Field(max_length=2)]


class ObjectGemeente(Gegevensgroep):
    gemeenteNaam: Annotated[str, Field(max_length=80)]
    gemeenteCode: Annotated[str, Field(max_length=4)]


class ObjectGemeentelijkeOpenbareRuimte(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]
    openbareRuimteNaam: Annotated[str, Field(max_length=80)]


class TerreinGebouwdObjectAdres(Gegevensgroep):
    numIdentificatie: Annotated[str, Field(max_length=100)] = NOT_GIVEN
    oaoIdentificatie: Annotated[str, Field(max_length=100)]
    wplWoonplaatsNaam: Annotated[str, Field(max_length=80)]
    gorOpenbareRuimteNaam: Annotated[str, Field(max_length=80)]
    aoaPostcode: Annotated[str, Field(max_length=7)] = NOT_GIVEN
    aoaHuisnummer: Annotated[int, Field(ge=0, le=99999)]
    aoaHuisletter: Annotated[str, Field(max_length=1)] = NOT_GIVEN
    aoaHuisnummertoevoeging: Annotated[str, Field(max_length=4)] = NOT_GIVEN
    ogoLocatieAanduiding: Annotated[str, Field(max_length=100)] = NOT_GIVEN


class ObjectTerreinGebouwdObject(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]
    adresAanduidingGrp: TerreinGebouwdObjectAdres | None = NOT_GIVEN


class ObjectHuishouden(Gegevensgroep):
    nummer: Annotated[str, Field(max_length=12)]
    isGehuisvestIn: ObjectTerreinGebouwdObject | None = NOT_GIVEN


class ObjectInrichtingselement(Gegevensgroep):
    type: InrichtingselementType
    identificatie: Annotated[str, Field(max_length=100)]
    naam: Annotated[str, Field(max_length=500)] = NOT_GIVEN


class ObjectKadastraleOnroerendeZaak(Gegevensgroep):
    kadastraleIdentificatie: Annotated[str, Field(max_length=100)]
    kadastraleAanduiding: Annotated[str, Field(max_length=1000)]


class ObjectKunstwerkdeel(Gegevensgroep):
    type: KunstwerkdeelType
    identificatie: Annotated[str, Field(max_length=100)]
    naam: Annotated[str, Field(max_length=80)]


class ObjectMaatschappelijkeActiviteit(Gegevensgroep):
    kvkNummer: Annotated[str, Field(max_length=8)]
    handelsnaam: Annotated[str, Field(max_length=200)]


class ObjectOpenbareRuimte(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]
    wplWoonplaatsNaam: Annotated[str, Field(max_length=80)]
    gorOpenbareRuimteNaam: Annotated[str, Field(max_length=80)]


class ObjectOverige(Gegevensgroep):
    overigeData: dict[str, Any]


class ObjectPand(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]


class ObjectSpoorbaandeel(Gegevensgroep):
    type: SpoorbaandeelType
    identificatie: Annotated[str, Field(max_length=100)]
    naam: Annotated[str, Field(max_length=500)] = NOT_GIVEN


class ObjectTerreindeel(Gegevensgroep):
    type: Annotated[str, Field(max_length=40)]
    identificatie: Annotated[str, Field(max_length=100)]
    naam: Annotated[str, Field(max_length=500)] = NOT_GIVEN


class ObjectWaterdeel(Gegevensgroep):
    typeWaterdeel: TypeWaterdeel
    identificatie: Annotated[str, Field(max_length=100)]
    naam: Annotated[str, Field(max_length=500)] = NOT_GIVEN


class ObjectWegdeel(Gegevensgroep):
    type: Annotated[str, Field(max_length=100)]
    identificatie: Annotated[str, Field(max_length=100)]
    naam: Annotated[str, Field(max_length=500)] = NOT_GIVEN


class ObjectWijk(Gegevensgroep):
    wijkCode: Annotated[str, Field(max_length=2)]
    wijkNaam: Annotated[str, Field(max_length=40)]
    gemGemeenteCode: Annotated[str, Field(max_length=4)]


class ObjectWoonplaats(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]
    woonplaatsNaam: Annotated[str, Field(max_length=80)]


class WozObjectAdres(Gegevensgroep):
    aoaIdentificatie: Annotated[str, Field(max_length=100)]
    wplWoonplaatsNaam: Annotated[str, Field(max_length=80)]
    gorOpenbareRuimteNaam: Annotated[str, Field(max_length=80)]
    aoaPostcode: Annotated[str, Field(max_length=7)] = NOT_GIVEN
    aoaHuisnummer: Annotated[int, Field(ge=0, le=99999)]
    aoaHuisletter: Annotated[str, Field(max_length=1)] = NOT_GIVEN
    aoaHuisnummertoevoeging: Annotated[str, Field(max_length=4)] = NOT_GIVEN
    locatieOmschrijving: Annotated[str, Field(max_length=1000)] = NOT_GIVEN


class ObjectWozObject(Gegevensgroep):
    wozObjectNummer: Annotated[str, Field(max_length=100)]
    aanduidingWozObject: WozObjectAdres | None = NOT_GIVEN


class ObjectWozDeelobject(Gegevensgroep):
    nummerWozDeelObject: Annotated[str, Field(max_length=6)]
    isOnderdeelVan: ObjectWozObject = NOT_GIVEN


class ObjectWozWaarde(Gegevensgroep):
    waardepeildatum: Annotated[str, Field(max_length=9)]
    isVoor: ObjectWozObject = NOT_GIVEN


class ZakelijkRechtHeeftAlsGerechtigde(Gegevensgroep):
    natuurlijkPersoon: RolNatuurlijkPersoon = NOT_GIVEN
    nietNatuurlijkPersoon: RolNietNatuurlijkPersoon = NOT_GIVEN


class ObjectZakelijkRecht(Gegevensgroep):
    identificatie: Annotated[str, Field(max_length=100)]
    avgAard: Annotated[str, Field(max_length=1000)]
    heeftBetrekkingOp: ObjectKadastraleOnroerendeZaak = NOT_GIVEN
    heeftAlsGerechtigde: ZakelijkRechtHeeftAlsGerechtigde = NOT_GIVEN


class ObjectTypeOverigeDefinitie(Gegevensgroep):
    url: Annotated[Uri, Field(max_length=1000)]
    schema_: Annotated[str, Field(max_length=100, alias="schema")]
    objectData: Annotated[str, Field(max_length=100)]


OBJECT_IDENTIFICATIE: Final[dict[str, type[Gegevensgroep]]] = {
    "adres": ObjectAdres,
    "buurt": ObjectBuurt,
    "gemeente": ObjectGemeente,
    "gemeentelijke_openbare_ruimte": ObjectGemeentelijkeOpenbareRuimte,
    "huishouden": ObjectHuishouden,
    "inrichtingselement": ObjectInrichtingselement,
    "kadastrale_onroerende_zaak": ObjectKadastraleOnroerendeZaak,
    "kunstwerkdeel": ObjectKunstwerkdeel,
    "maatschappelijke_activiteit": ObjectMaatschappelijkeActiviteit,
    "medewerker": RolMedewerker,
    "natuurlijk_persoon": RolNatuurlijkPersoon,
    "niet_natuurlijk_persoon": RolNietNatuurlijkPersoon,
    "openbare_ruimte": ObjectOpenbareRuimte,
    "organisatorische_eenheid": RolOrganisatorischeEenheid,
    "overige": ObjectOverige,
    "pand": ObjectPand,
    "spoorbaandeel": ObjectSpoorbaandeel,
    "terrein_gebouwd_object": ObjectTerreinGebouwdObject,
    "terreindeel": ObjectTerreindeel,
    "vestiging": RolVestiging,
    "waterdeel": ObjectWaterdeel,
    "wegdeel": ObjectWegdeel,
    "wijk": ObjectWijk,
    "woonplaats": ObjectWoonplaats,
    "woz_deelobject": ObjectWozDeelobject,
    "woz_object": ObjectWozObject,
    "woz_waarde": ObjectWozWaarde,
    "zakelijk_recht": ObjectZakelijkRecht,
}
