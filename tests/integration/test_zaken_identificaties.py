"""Rollen of every betrokkeneType and zaakobjecten of many objectTypes, with their nested
identificaties, through the running MidOffice (embedded log + SQLite): a correct one is
accepted and reads back as sent; a wrong nested field is refused with a 400 naming its path.
``Rol.statussen`` lists the statussen the rol set (``Status.gezetdoor``).
Every response is checked against the official specification."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from midoffice.bus import connect
from midoffice.replay import verify_zaakmagazijn
from tests.integration.zaken_support import ZAKEN, A, Api, moment, running_midoffice, zaak_body
from tests.zgw_spec import assert_response

ROOT = "/zaken/api/v1"
ADRES = {"aoaIdentificatie": "0518200000000001", "wplWoonplaatsNaam": "Demodam",
         "gorOpenbareRuimteNaam": "Dorpsstraat", "aoaHuisnummer": 12}  # fmt: skip
BUITENLAND = {"lndLandcode": "5010", "lndLandnaam": "België"}
PERSOON = {"inpBsn": "111222333", "geslachtsnaam": "Jansen", "voorletters": "J.",
           "geslachtsaanduiding": "v", "geboortedatum": "19800101", "verblijfsadres": ADRES,
           "subVerblijfBuitenland": None}  # fmt: skip
NNP = {"innNnpId": "123456782", "statutaireNaam": "Bakkerij BV",
       "innRechtsvorm": "besloten_vennootschap", "subVerblijfBuitenland": BUITENLAND}  # fmt: skip
BETROKKENEN = {
    "natuurlijk_persoon": PERSOON,
    "niet_natuurlijk_persoon": NNP,
    "vestiging": {"vestigingsNummer": "000012345678", "handelsnaam": ["Bakkerij", "Brood"],
                  "verblijfsadres": ADRES, "kvkNummer": "12345678"},
    "organisatorische_eenheid": {"identificatie": "OE-1", "naam": "Vergunningen",
                                 "isGehuisvestIn": "Stadhuis"},
    "medewerker": {"identificatie": "M-1", "achternaam": "Pietersen", "voorletters": "P."},
}  # fmt: skip
PAND = {"identificatie": "0518100000000001",
        "adresAanduidingGrp": {"oaoIdentificatie": "1", "wplWoonplaatsNaam": "Demodam",
                               "gorOpenbareRuimteNaam": "Dorpsstraat", "aoaHuisnummer": 3}}
WOZ = {"wozObjectNummer": "051800000001",
       "aanduidingWozObject": {**ADRES, "locatieOmschrijving": "achterzijde"}}
OBJECTEN = {
    "adres": {"identificatie": "0518200000000001", "wplWoonplaatsNaam": "Demodam",
              "gorOpenbareRuimteNaam": "Dorpsstraat", "huisnummer": 1, "postcode": "1234AB"},
    "buurt": {"buurtCode": "01", "buurtNaam": "Centrum", "gemGemeenteCode": "0518",
              "wykWijkCode": "02"},
    "huishouden": {"nummer": "H1", "isGehuisvestIn": PAND},
    "inrichtingselement": {"type": "bord", "identificatie": "I1"},
    "kadastrale_onroerende_zaak": {"kadastraleIdentificatie": "K1",
                                   "kadastraleAanduiding": "Demodam A 123"},
    "natuurlijk_persoon": PERSOON,
    "vestiging": {"vestigingsNummer": "000012345678"},
    "overige": {"overigeData": {"kenteken": "AB-12-CD", "merk": {"naam": "Fiets"}}},
    "terrein_gebouwd_object": PAND,
    "waterdeel": {"typeWaterdeel": "waterloop", "identificatie": "W1", "naam": "Singel"},
    "woz_waarde": {"waardepeildatum": "20260101", "isVoor": WOZ},
    "zakelijk_recht": {"identificatie": "Z1", "avgAard": "eigendom",
                       "heeftBetrekkingOp": {"kadastraleIdentificatie": "K1",
                                             "kadastraleAanduiding": "Demodam A 123"},
                       "heeftAlsGerechtigde": {"natuurlijkPersoon": PERSOON,
                                               "nietNatuurlijkPersoon": NNP}},
}  # fmt: skip


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    async with running_midoffice(tmp_path) as running:
        yield running


async def _zaak(api: Api) -> str:
    response = await api.post(ZAKEN, zaak_body())
    assert response.status_code == 201, response.text
    return str(response.json()["url"])


def _rol(zaak: str, betrokkene_type: str, identificatie: Any) -> dict[str, Any]:
    return {"zaak": zaak, "betrokkeneType": betrokkene_type, "roltoelichting": "betrokken",
            "roltype": A.url("roltypen", "behandelaar"),
            "betrokkeneIdentificatie": identificatie}  # fmt: skip


def _zaakobject(zaak: str, object_type: str, identificatie: Any) -> dict[str, Any]:
    return {"zaak": zaak, "objectType": object_type, "objectIdentificatie": identificatie}


def _path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def _path(response: Any) -> str:
    return _path_of(str(response.json()["url"]))


def _problems(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert_response(response)
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


async def test_every_betrokkene_type_and_many_object_types_round_trip(api: Api) -> None:
    zaak = await _zaak(api)
    for betrokkene_type, identificatie in BETROKKENEN.items():
        created = await api.post(f"{ROOT}/rollen", _rol(zaak, betrokkene_type, identificatie))
        assert created.status_code == 201, (betrokkene_type, created.text)
        assert assert_response(created)["betrokkeneIdentificatie"] == identificatie
        read = assert_response(await api.get(_path(created)))
        assert read["betrokkeneIdentificatie"] == identificatie, betrokkene_type
    for object_type, identificatie in OBJECTEN.items():
        body = _zaakobject(zaak, object_type, identificatie)
        created = await api.post(f"{ROOT}/zaakobjecten", body)
        assert created.status_code == 201, (object_type, created.text)
        read = assert_response(await api.get(_path(created)))
        assert read["objectIdentificatie"] == identificatie, object_type
    listed = assert_response(await api.get(f"{ROOT}/rollen", zaak=zaak))
    assert {r["betrokkeneType"] for r in listed["results"]} == set(BETROKKENEN)


async def test_a_wrong_nested_field_is_refused_by_its_path(api: Api) -> None:
    zaak = await _zaak(api)
    wrong_rollen = [
        ("natuurlijk_persoon", {"inpBsn": "1112223334"}, "inpBsn", "max_length"),
        ("natuurlijk_persoon", {"verblijfsadres": {**ADRES, "aoaHuisnummer": "12"}},
         "verblijfsadres.aoaHuisnummer", "invalid"),
        ("niet_natuurlijk_persoon", {"innRechtsvorm": "bv"}, "innRechtsvorm", "invalid_choice"),
        ("vestiging", {"handelsnaam": ["x" * 626]}, "handelsnaam.0", "max_length"),
        ("organisatorische_eenheid", {"naam": None}, "naam", "null"),
        ("medewerker", {"identificatie": 12}, "identificatie", "invalid"),
    ]  # fmt: skip
    for betrokkene_type, identificatie, name, code in wrong_rollen:
        response = await api.post(f"{ROOT}/rollen", _rol(zaak, betrokkene_type, identificatie))
        assert _problems(response) == [(f"betrokkeneIdentificatie.{name}", code)], name
    wrong_objecten = [
        ("adres", {"identificatie": "1", "wplWoonplaatsNaam": "D",
                   "gorOpenbareRuimteNaam": "S"}, "huisnummer", "required"),
        ("woz_waarde", {"waardepeildatum": "2026", "isVoor": {"wozObjectNummer": "x" * 101}},
         "isVoor.wozObjectNummer", "max_length"),
        ("waterdeel", {"typeWaterdeel": "rivier", "identificatie": "W"}, "typeWaterdeel",
         "invalid_choice"),
    ]  # fmt: skip
    for object_type, identificatie, name, code in wrong_objecten:
        body = _zaakobject(zaak, object_type, identificatie)
        response = await api.post(f"{ROOT}/zaakobjecten", body)
        assert _problems(response) == [(f"objectIdentificatie.{name}", code)], name
    contact = {**_rol(zaak, "medewerker", {"identificatie": "M-1"}),
               "contactpersoonRol": {"emailadres": "a@b.nl"}}
    assert _problems(await api.post(f"{ROOT}/rollen", contact)) == [
        ("contactpersoonRol.naam", "required")
    ]
    bsn = _rol(zaak, "natuurlijk_persoon", {"inpBsn": "111222334"})  # fails the elfproef
    assert _problems(await api.post(f"{ROOT}/rollen", bsn)) == [
        ("betrokkeneIdentificatie.inpBsn", "invalid")
    ]
    assert assert_response(await api.get(f"{ROOT}/rollen", zaak=zaak))["count"] == 0


@pytest.fixture
async def api_both(tmp_path: Path, database_url: str) -> AsyncIterator[Api]:
    """The same on SQLite and on PostgreSQL."""
    postgres = database_url if database_url.startswith("postgresql") else None
    async with running_midoffice(tmp_path, database_url=postgres) as running:
        yield running


async def test_rol_statussen_lists_the_statussen_it_set(api_both: Api) -> None:
    api = api_both
    zaak = await _zaak(api)
    other = await _zaak(api)
    rol = await api.created(f"{ROOT}/rollen", _rol(zaak, "medewerker", {"identificatie": "M"}))
    assert rol["statussen"] == []
    gezet = []
    for volgnummer, (target, door) in enumerate(
        [(zaak, rol["url"]), (zaak, "https://elders.example/rollen/1"), (other, rol["url"]),
         (zaak, rol["url"])], start=1,
    ):  # fmt: skip
        body = {"zaak": target, "statustype": A.statustype(min(volgnummer, 3)),
                "datumStatusGezet": moment(volgnummer), "gezetdoor": door}  # fmt: skip
        gezet.append(await api.created(f"{ROOT}/statussen", body))
    read = assert_response(await api.get(_path_of(rol["url"])))
    assert read["statussen"] == [gezet[0]["url"], gezet[3]["url"]]
    listed = assert_response(await api.get(f"{ROOT}/rollen", zaak=zaak))
    assert listed["results"][0]["statussen"] == read["statussen"]
    bus = connect(api.settings.bus_url)
    await bus.start()
    try:
        settings = api.settings
        report = await verify_zaakmagazijn(bus, settings.events_topic, settings.database_url)
    finally:
        await bus.close()
    assert report.differences == [] and report.equal, "replay rebuilds Rol.statussen"
