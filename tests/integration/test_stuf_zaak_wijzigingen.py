"""StUF-ZKN wijzigingen (mutatiesoort W, an oud/nieuw pair) on the embedded MidOffice: the oud
object must be the zaak's current state (StUF 03.01 section 5.3.3), else Fo03 ZKN009 names the
attributes that differ; a repeat of a decided wijziging still gets its first answer."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.integration.stuf_documenten_support import Stuf, running_stuf, sample
from tests.integration.stuf_documenten_support import bericht as stuf_bericht
from tests.stuf_support import ZDS12_ACTION, assert_valid, bericht, foutcode, texts

ZAKEN = "/zaken/api/v1/zaken"
UPDATE = ZDS12_ACTION + "updateZaak_ZakLk01"
ID = "<ZKN:identificatie>0392-2020-0000027</ZKN:identificatie>"


def wijziging(oud: str, nieuw: str, referentienummer: str) -> bytes:
    """An updateZaak_ZakLk01 of the Haarlem zaak with these oud and nieuw attributes."""
    objects = (
        "<ZKN:parameters><StUF:mutatiesoort>W</StUF:mutatiesoort><StUF:indicatorOvername>V"
        "</StUF:indicatorOvername></ZKN:parameters>"
        f'<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">{ID}{oud}</ZKN:object>'
        f'<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">{ID}{nieuw}</ZKN:object>'
    )
    return stuf_bericht("updateZaak_ZakLk01", "Lk01", objects, entiteittype="ZAK",
                        referentienummer=referentienummer)  # fmt: skip


async def post(stuf: Stuf, body: bytes, action: str = UPDATE) -> httpx.Response:
    response = await stuf.post(body, action)
    assert_valid(response.content)
    return response


def refused(response: httpx.Response) -> tuple[str, str]:
    """(code, omschrijving) of a Fo03."""
    assert response.status_code == 500, response.text
    return foutcode(response.content), texts(bericht(response.content), "omschrijving")[0]


async def omschrijving(stuf: Stuf) -> str:
    found = await stuf.zgw.get(ZAKEN, identificatie="0392-2020-0000027")
    return str(found.json()["results"][0]["omschrijving"])


async def test_the_oud_object_must_be_the_current_state(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        created = await post(
            stuf, sample("zds12-haarlem/creeerzaakRequest.xml"), ZDS12_ACTION + "creeerZaak_ZakLk01"
        )
        assert created.status_code == 200, created.text
        current = (
            "<ZKN:omschrijving>Test 4</ZKN:omschrijving>"
            '<ZKN:einddatumGepland StUF:indOnvolledigeDatum="V">20200214</ZKN:einddatumGepland>'
        )
        first = wijziging(current, "<ZKN:omschrijving>Test 5</ZKN:omschrijving>", "w-1")
        assert (await post(stuf, first)).status_code == 200
        again = await post(stuf, first)  # its own effect made the oud stale: still the same answer
        assert again.status_code == 200, again.text
        assert await omschrijving(stuf) == "Test 5"
        stale = wijziging(current, "<ZKN:omschrijving>Test 6</ZKN:omschrijving>", "w-2")
        code, reason = refused(await post(stuf, stale))
        assert code == "ZKN009" and "(omschrijving)" in reason, reason
        assert await omschrijving(stuf) == "Test 5"
        # waardeOnbekend is not compared; geenWaarde matches an empty value only
        no_values = (
            '<ZKN:omschrijving xsi:nil="true" StUF:noValue="waardeOnbekend"/>'
            '<ZKN:toelichting xsi:nil="true" StUF:noValue="geenWaarde"/>'
            "<ZKN:startdatum>20200207</ZKN:startdatum>"
            '<ZKN:publicatiedatum xsi:nil="true" StUF:noValue="geenWaarde"/>'
            "<ZKN:archiefnominatie>N</ZKN:archiefnominatie>"
        )
        nieuw = "<ZKN:omschrijving>Test 7</ZKN:omschrijving>"
        code, reason = refused(await post(stuf, wijziging(no_values, nieuw, "w-3")))
        assert code == "ZKN009" and "(toelichting, archiefnominatie)" in reason, reason
        matching = no_values.replace(
            '<ZKN:toelichting xsi:nil="true" StUF:noValue="geenWaarde"/>',
            "<ZKN:toelichting>Test 4</ZKN:toelichting>",
        ).replace(">N<", ">J<")
        assert (await post(stuf, wijziging(matching, nieuw, "w-4"))).status_code == 200
        assert await omschrijving(stuf) == "Test 7"


def initiator(bsn: str, geslachtsnaam: str, soort: str = "W") -> str:
    return (
        f'<ZKN:heeftAlsInitiator StUF:entiteittype="ZAKBTRINI" StUF:verwerkingssoort="{soort}">'
        '<ZKN:gerelateerde><ZKN:natuurlijkPersoon StUF:entiteittype="NPS" '
        'xmlns:BG="http://www.egem.nl/StUF/sector/bg/0310">'
        f"<BG:inp.bsn>{bsn}</BG:inp.bsn><BG:geslachtsnaam>{geslachtsnaam}</BG:geslachtsnaam>"
        "</ZKN:natuurlijkPersoon></ZKN:gerelateerde></ZKN:heeftAlsInitiator>"
    )


async def test_a_changed_betrokkene_replaces_its_rol(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        created = await post(
            stuf, sample("zds12-haarlem/creeerzaakRequest.xml"), ZDS12_ACTION + "creeerZaak_ZakLk01"
        )
        assert created.status_code == 200, created.text
        zaak = (await stuf.zgw.get(ZAKEN, identificatie="0392-2020-0000027")).json()["results"][0]

        async def rollen() -> list[tuple[str, str, str]]:
            found = (await stuf.zgw.get("/zaken/api/v1/rollen", zaak=zaak["url"])).json()
            return [(r["uuid"], r["betrokkeneIdentificatie"]["inpBsn"],
                     r["betrokkeneIdentificatie"]["geslachtsnaam"])
                    for r in found["results"]]  # fmt: skip

        [(first, _, naam)] = await rollen()
        assert naam == "Mug"
        same = wijziging("", initiator("900070511", "Mug"), "r-0")  # nothing changed: kept
        assert (await post(stuf, same)).status_code == 200
        assert [r[0] for r in await rollen()] == [first]
        changed = wijziging("", initiator("900070511", "Mug-Vlieg"), "r-1")
        for _ in range(2):  # the repeat replays: still one rol
            assert (await post(stuf, changed)).status_code == 200
            [(replaced, bsn, naam)] = await rollen()
            assert (bsn, naam) == ("900070511", "Mug-Vlieg") and replaced != first
        code, reason = refused(await post(stuf, wijziging("", initiator("111222333", "X"), "r-2")))
        assert code == "ZKN001" and "te wijzigen rol" in reason
