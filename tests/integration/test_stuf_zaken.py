"""StUF-ZKN zaak operations end to end on the embedded MidOffice: every recorded zaak request
under ``../shared/samples/stuf`` replayed (sessions in order), every answer validated against
the official XSDs, the resulting zaken read back through the ZGW Zaken API; ZGW-created zaken
read through geefZaakdetails; idempotent repeats; a Fo03 for every kind of error."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from lxml import etree

from adapters.stuf.mapping import StufMapping
from autorisaties.scopes import ZAKEN_AANMAKEN, ZAKEN_LEZEN
from midoffice.gateway.stuf.mapping_file import load_mapping
from tests.integration.stuf_documenten_support import Stuf, running_stuf, sample
from tests.integration.stuf_documenten_support import bericht as stuf_bericht
from tests.integration.zaken_support import A, rights, zaak_body
from tests.stuf_support import (
    ZDS11_ACTION,
    ZDS12_ACTION,
    assert_valid,
    bericht,
    foutcode,
    texts,
)

LADYBUG = "zds11-ladybug"
ZAKEN = "/zaken/api/v1/zaken"


async def _post(
    stuf: Stuf, path: str, action: str, port: str = "OntvangAsynchroon", body: bytes | None = None
) -> httpx.Response:
    response = await stuf.post(body if body is not None else sample(path), action, port=port)
    assert_valid(response.content)
    return response


async def _zaak(stuf: Stuf, identificatie: str) -> dict:
    found = await stuf.zgw.get(ZAKEN, identificatie=identificatie)
    assert found.status_code == 200, found.text
    results = found.json()["results"]
    assert len(results) == 1, results
    return results[0]


def _code(response: httpx.Response) -> str:
    assert response.status_code == 500, response.text
    return foutcode(response.content)


async def test_every_recorded_zaak_request_replays(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        for session in ("Issue235", "Issue330", "Issue332"):
            folder = f"{LADYBUG}/{session}"
            di02 = await _post(
                stuf,
                f"{folder}/Translate_genereerZaakIdentificatie_Di02/request.xml",
                ZDS11_ACTION + "genereerZaakIdentificatie_Di02",
                "VrijeBerichten",
            )
            assert texts(bericht(di02.content), "berichtcode") == ["Du02"]
            assert texts(bericht(di02.content), "identificatie")[0]
            created = await _post(
                stuf,
                f"{folder}/Translate_creeerZaak_Lk01/request.xml",
                ZDS11_ACTION + "creeerZaak_Lk01",
            )
            assert texts(bericht(created.content), "berichtcode") == ["Bv03"], created.text
        # Issue330: the update sets the status "Ontvangen" of zaaktype B1291
        updated = await _post(
            stuf,
            f"{LADYBUG}/Issue330/Translate_updateZaak_Lk01/request.xml",
            ZDS11_ACTION + "updateZaak_Lk01",
        )
        assert updated.status_code == 200, updated.text
        zaak = await _zaak(stuf, "1900831")
        assert zaak["omschrijving"] == "Aanvraag minimaregelingen (Z)"
        assert zaak["startdatum"] == "2023-01-10" and zaak["zaaktype"].endswith(
            str(A.zaaktype_uuid)
        )
        statussen = (await stuf.zgw.get("/zaken/api/v1/statussen", zaak=zaak["url"])).json()
        assert statussen["count"] == 2  # creeerZaak and updateZaak each set "Ontvangen"
        initiator = await _zaak(stuf, "190074")
        rollen = (await stuf.zgw.get("/zaken/api/v1/rollen", zaak=initiator["url"])).json()
        assert [r["betrokkeneIdentificatie"]["inpBsn"] for r in rollen["results"]] == ["111111110"]
        # Issue332: the update names a zaak that was never created (recorded as a fault too)
        missing = await _post(
            stuf,
            f"{LADYBUG}/Issue332/Translate_updateZaak_Lk01/request.xml",
            ZDS11_ACTION + "updateZaak_Lk01",
        )
        assert _code(missing) == "ZKN001"
        await _error_handling_samples(stuf)
        await _haarlem_and_examples(stuf)


async def _error_handling_samples(stuf: Stuf) -> None:
    folder = f"{LADYBUG}/ErrorHandling"
    valid = await _post(
        stuf,
        f"{folder}/ErrorHandling_01_Valid_SoapMessage/request.xml",
        ZDS11_ACTION + "genereerZaakIdentificatie_Di02",
        "VrijeBerichten",
    )
    assert valid.status_code == 200
    # 02 went to a wrong path at OpenZaakBrug; here every port takes every operation
    other_port = await _post(
        stuf,
        f"{folder}/ErrorHandling_02_Invalid_path/request.xml",
        ZDS11_ACTION + "genereerZaakIdentificatie_Di02",
        "BeantwoordVraag",
    )
    assert other_port.status_code == 200
    broken = await _post(
        stuf,
        f"{folder}/ErrorHandling_03_Invalid_xml/request.xml",
        ZDS11_ACTION + "genereerZaakIdentificatie_Di02",
        "VrijeBerichten",
    )
    assert _code(broken) == "StUF055" and texts(bericht(broken.content), "berichtcode") == ["Fo02"]
    # 04: an unknown SOAPAction, but the root element names the operation unambiguously
    lenient = await _post(
        stuf,
        f"{folder}/ErrorHandling_04_Invalid_SoapAction/request.xml",
        "UnknownSoapAction",
        "VrijeBerichten",
    )
    assert lenient.status_code == 200
    unknown = await _post(
        stuf,
        f"{folder}/ErrorHandling_05_Invalid_SoapAction_geefZaakdetails_Lv01_ABCDE_/request.xml",
        ZDS11_ACTION + "geefZaakdetails_Lv01",
        "BeantwoordVraag",
    )
    assert _code(unknown) == "ZKN001"
    nil = await _post(
        stuf,
        f"{folder}/ErrorHandling_06_Invalid_SoapAction_geefZaakdetails_Lv01_NULL_/request.xml",
        ZDS11_ACTION + "geefZaakdetails_Lv01",
        "BeantwoordVraag",
    )
    assert _code(nil) == "StUF055"


async def _haarlem_and_examples(stuf: Stuf) -> None:
    created = await _post(
        stuf, "zds12-haarlem/creeerzaakRequest.xml", ZDS12_ACTION + "creeerZaak_ZakLk01"
    )
    assert created.status_code == 200, created.text
    zaak = await _zaak(stuf, "0392-2020-0000027")
    assert (
        zaak["einddatumGepland"] == "2020-02-14" and zaak["archiefnominatie"] == "blijvend_bewaren"
    )
    trail = (await stuf.zgw.get(f"{ZAKEN}/{zaak['uuid']}/audittrail")).json()
    acting = {(entry["applicatieId"], entry["gebruikersId"]) for entry in trail}
    assert acting == {("alles", "0392/MORPLUS/system")}  # the stuurgegevens zender
    # the recorded vraag names another zaak (0392-2020-000001): unknown here
    vraag = sample("zds12-haarlem/geefZaakDetailsRequest.xml")
    missing = await _post(
        stuf, "", ZDS12_ACTION + "geefZaakdetails_ZakLv01", "BeantwoordVraag", body=vraag
    )
    assert _code(missing) == "ZKN001"
    details = await _post(
        stuf,
        "",
        ZDS12_ACTION + "geefZaakdetails_ZakLv01",
        "BeantwoordVraag",
        body=vraag.replace(b"0392-2020-000001", b"0392-2020-0000027"),
    )
    antwoord = bericht(details.content)
    assert texts(antwoord, "identificatie") == ["0392-2020-0000027"]
    assert texts(antwoord, "inp.bsn") == ["900070511"]
    no_status = vraag.replace(b"0392-2020-000001", b"0392-2020-0000027").replace(
        b"geefZaakdetails_ZakLv01", b"geefZaakstatus_ZakLv01"
    )
    status_only = await _post(
        stuf, "", ZDS12_ACTION + "geefZaakstatus_ZakLv01", "BeantwoordVraag", body=no_status
    )
    assert texts(bericht(status_only.content), "identificatie") == ["0392-2020-0000027"]
    # OpenZaakBrug's zds-prefixed actualiseerZaakstatus, on a zaak registered through ZGW
    # (its oud object: this omschrijving, start- and registratiedatum, and no status yet)
    oud = {"omschrijving": "Aanvraag minimaregelingen (Z)", "startdatum": "2020-03-09",
           "registratiedatum": "2020-03-09"}  # fmt: skip
    await stuf.zgw.created(ZAKEN, zaak_body(identificatie="1900241235", **oud))
    status = await _post(
        stuf, "zds11-examples/ActualiseerZaakstatus", ZDS11_ACTION + "actualiseerZaakstatus_Lk01"
    )
    assert status.status_code == 200, status.text
    assert (await _zaak(stuf, "1900241235"))["status"] is not None
    # the same status change again as a new message: its oud (no status) is no longer current
    stale = sample("zds11-examples/ActualiseerZaakstatus").replace(
        b"<StUF:referentienummer>", b"<StUF:referentienummer>nogmaals-"
    )
    again = await _post(stuf, "", ZDS11_ACTION + "actualiseerZaakstatus_Lk01", body=stale)
    assert _code(again) == "ZKN009"
    assert "(heeft)" in texts(bericht(again.content), "omschrijving")[0]
    # Sigmax: non-standard but readable; it names no zaak, so it is refused saying exactly that
    sigmax = await _post(
        stuf,
        "nonstandard-sigmax/example-actualiseerZaakstatus_Lk01.xml",
        ZDS11_ACTION + "actualiseerZaakstatus_Lk01",
    )
    assert _code(sigmax) == "StUF055"
    assert "zaakidentificatie" in texts(bericht(sigmax.content), "omschrijving")[0]


async def test_zgw_zaak_with_statussen_reads_through_geef_zaakdetails(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        zaak = await stuf.zgw.created(ZAKEN, zaak_body(identificatie="ZGW-1"))
        for volgnummer in (1, 2):
            await stuf.zgw.created(
                "/zaken/api/v1/statussen",
                {
                    "zaak": zaak["url"],
                    "statustype": A.statustype(volgnummer),
                    "datumStatusGezet": f"2026-03-0{volgnummer + 2}T10:00:00Z",
                },
            )
        betrokkenen = [
            (
                "aanvrager",
                "niet_natuurlijk_persoon",
                {"innNnpId": "002220647", "statutaireNaam": "BV"},
            ),
            ("behandelaar", "medewerker", {"identificatie": "mw-1", "achternaam": "Jansen"}),
            (
                "behandelaar",
                "vestiging",
                {"vestigingsNummer": "000012345678", "handelsnaam": ["Zaak"]},
            ),
            (
                "behandelaar",
                "organisatorische_eenheid",
                {"identificatie": "OE1", "naam": "Parkeren"},
            ),
        ]
        for roltype, soort, identificatie in betrokkenen:
            await stuf.zgw.created(
                "/zaken/api/v1/rollen",
                {
                    "zaak": zaak["url"],
                    "roltype": A.url("roltypen", roltype),
                    "roltoelichting": "",
                    "betrokkeneType": soort,
                    "betrokkeneIdentificatie": identificatie,
                },
            )
        vraag = sample("zds12-haarlem/geefZaakDetailsRequest.xml").replace(
            b"0392-2020-000001", b"ZGW-1"
        )
        for action, body in (
            (ZDS12_ACTION + "geefZaakdetails_ZakLv01", vraag),
            (ZDS11_ACTION + "geefZaakdetails_Lv01", _zds11_vraag("ZGW-1")),
        ):
            answer = await _post(stuf, "", action, "BeantwoordVraag", body=body)
            antwoord = bericht(answer.content)
            assert texts(antwoord, "volgnummer") == ["0001", "0002"], answer.text
            assert texts(antwoord, "indicatieLaatsteStatus") == ["J"]
            assert texts(antwoord, "inn.nnpId") == ["002220647"]
            assert texts(antwoord, "vestigingsNummer") == ["000012345678"]
            assert texts(antwoord, "naam") == ["Parkeren"]
            assert texts(antwoord, "code") == ["1"]  # the first StUF code the mapping gives it
        status_vraag = vraag.replace(b"geefZaakdetails_ZakLv01", b"geefZaakstatus_ZakLv01")
        answer = await _post(
            stuf, "", ZDS12_ACTION + "geefZaakstatus_ZakLv01", "BeantwoordVraag", body=status_vraag
        )
        assert etree.QName(bericht(answer.content)).localname == "geefZaakstatus_ZakLa01"
        assert texts(bericht(answer.content), "indicatieLaatsteStatus") == ["", "J"]


def _zds11_vraag(identificatie: str) -> bytes:
    text = sample(
        f"{LADYBUG}/ErrorHandling/ErrorHandling_05_Invalid_SoapAction_geefZaakdetails_"
        "Lv01_ABCDE_/request.xml"
    )
    return text.replace(b">ABCDE<", f">{identificatie}<".encode()).replace(b">1900<", b">0392<")


async def test_repeats_create_nothing_new(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        path = "zds12-haarlem/creeerzaakRequest.xml"
        first = await _post(stuf, path, ZDS12_ACTION + "creeerZaak_ZakLk01")
        again = await _post(stuf, path, ZDS12_ACTION + "creeerZaak_ZakLk01")
        assert first.status_code == again.status_code == 200, again.text
        found = await stuf.zgw.get(ZAKEN, identificatie="0392-2020-0000027")
        assert found.json()["count"] == 1
        di02 = f"{LADYBUG}/Issue330/Translate_genereerZaakIdentificatie_Di02/request.xml"
        action = ZDS11_ACTION + "genereerZaakIdentificatie_Di02"
        ids = [
            texts(
                bericht((await _post(stuf, di02, action, "VrijeBerichten")).content),
                "identificatie",
            )
            for _ in range(2)
        ]
        assert ids[0] == ids[1]
        # The same identificatie under another referentienummer is a new message: refused
        other = sample(path).replace(b"e443d87f-69ee-4fd4-b1d9-dd797ffff628", b"another-ref")
        duplicate = await _post(stuf, "", ZDS12_ACTION + "creeerZaak_ZakLk01", body=other)
        assert _code(duplicate) == "ZKN003"
        assert "identificatie" in texts(bericht(duplicate.content), "omschrijving")[0]


async def test_every_kind_of_error_is_a_fo03(tmp_path: Path) -> None:
    creeer = sample("zds12-haarlem/creeerzaakRequest.xml")
    action = ZDS12_ACTION + "creeerZaak_ZakLk01"
    async with running_stuf(tmp_path) as stuf:
        unknown_type = creeer.replace(b"<zkn:code>1</zkn:code>", b"<zkn:code>ONBEKEND</zkn:code>")
        assert _code(await _post(stuf, "", action, body=unknown_type)) == "ZKN002"
        reader = stuf.as_("lezer", rights("lezer", [ZAKEN_LEZEN]))
        denied = await reader.post(creeer, action)
        assert_valid(denied.content)
        assert _code(denied) == "ZKN004"
        other_type = stuf.as_("ander", rights("ander", [ZAKEN_AANMAKEN], A.ids["status1"]))
        assert _code(await other_type.post(creeer, action)) == "ZKN004"
        anonymous = await stuf.http.post(
            "/stuf-zkn/zds/OntvangAsynchroon", content=creeer, headers={"SOAPAction": action}
        )
        assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith(
            "Basic"
        )
        assert foutcode(anonymous.content) == "ZKN004"
        assert texts(bericht(anonymous.content), "crossRefnummer") == [
            "e443d87f-69ee-4fd4-b1d9-dd797ffff628"
        ]
        no_stuurgegevens = creeer.replace(b"zkn:stuurgegevens", b"zkn:stuurgegevenz")
        response = await _post(stuf, "", action, body=no_stuurgegevens)
        assert _code(response) == "StUF055"
        assert texts(bericht(response.content), "berichtcode") == ["Fo02"]
        unknown_operation = creeer.replace(b"zds:creeerZaak_ZakLk01", b"zds:sluitZaak_ZakLk01")
        assert _code(await _post(stuf, "", "", body=unknown_operation)) == "ZKN005"
        ambiguous = sample(f"{LADYBUG}/Issue330/Translate_creeerZaak_Lk01/request.xml").replace(
            b"<StUF:mutatiesoort>T</StUF:mutatiesoort>", b""
        )
        assert (
            _code(
                await _post(
                    stuf,
                    "",
                    "",
                    body=ambiguous.replace(
                        b'StUF:verwerkingssoort="T">\n            <ZKN:identificatie>',
                        b">\n<ZKN:identificatie>",
                    ),
                )
            )
            == "ZKN008"
        )
        beeindiging = creeer.replace(b"<stuf:mutatiesoort>T<", b"<stuf:mutatiesoort>E<")
        assert (
            _code(await _post(stuf, "", ZDS12_ACTION + "updateZaak_ZakLk01", body=beeindiging))
            == "ZKN006"
        )
        wrong_code = creeer.replace(b"<stuf:berichtcode>Lk01<", b"<stuf:berichtcode>Lv01<")
        assert _code(await _post(stuf, "", action, body=wrong_code)) == "StUF055"
        fault = await _post(stuf, "", action, body=unknown_type)
        gegevens = bericht(fault.content)
        assert texts(gegevens, "crossRefnummer") == ["e443d87f-69ee-4fd4-b1d9-dd797ffff628"]
        assert texts(gegevens, "applicatie") == ["ZSH", "MORPLUS"]  # zender and ontvanger swapped


async def test_closing_without_resultaat_follows_the_mapping(tmp_path: Path) -> None:
    update = sample(f"{LADYBUG}/Issue330/Translate_updateZaak_Lk01/request.xml")
    close = update.replace(
        b"<ZKN:volgnummer>1</ZKN:volgnummer>", b"<ZKN:volgnummer>4</ZKN:volgnummer>"
    )
    action = ZDS11_ACTION + "updateZaak_Lk01"
    async with running_stuf(tmp_path) as stuf:
        await _post(
            stuf,
            f"{LADYBUG}/Issue330/Translate_creeerZaak_Lk01/request.xml",
            ZDS11_ACTION + "creeerZaak_Lk01",
        )
        refused = await _post(stuf, "", action, body=close)
        assert _code(refused) == "ZKN003"
        assert "resultaat" in texts(bericht(refused.content), "omschrijving")[0]
        app = stuf.http._transport.app  # type: ignore[attr-defined]
        app.state.stuf_mapping = _remapped(
            Path(stuf.zgw.settings.stuf_mapping_file),
            "ZonderResultaat: weigeren",
            "ZonderResultaat: Verleend",
        )
        retry = close.replace(b"ea7ac9c1-c9e2-4222-b0cf-368348a0cd37", b"retry-with-fallback")
        closed = await _post(stuf, "", action, body=retry)
        assert closed.status_code == 200, closed.text
        zaak = await _zaak(stuf, "1900831")
        assert zaak["resultaat"] is not None and zaak["einddatum"] is not None


def _remapped(path: Path, old: str, new: str) -> StufMapping:
    """The test mapping file with ``old`` replaced by ``new``, loaded."""
    path.write_text(path.read_text().replace(old, new))
    return load_mapping(path)


async def test_hostile_and_malformed_messages_are_refused_quickly(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]><lolz>&lol9;</lolz>"
    )
    blowup = (
        b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "'
        + b"x" * 50_000
        + b'">]><k>'
        + b"&a;" * 20_000
        + b"</k>"
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    dtd = b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd"><d/>'
    soap12 = (
        b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>'
        b"<x/></e:Body></e:Envelope>"
    )
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16")
    async with running_stuf(tmp_path) as stuf:
        for body in (laughs, blowup, xxe, dtd, b"not xml at all", soap12, utf16):
            started = time.perf_counter()
            response = await stuf.post(body, "x")
            assert time.perf_counter() - started < 2
            assert response.status_code == 500, response.text
            assert_valid(response.content)
            assert b"passwd" not in response.content and b"lol" not in response.content
            assert texts(bericht(response.content), "code") == ["StUF055"]
        huge = await stuf.post(b"<a>" + b"x" * (21 * 1024 * 1024) + b"</a>", "x")
        assert huge.status_code == 413
        for port in ("OntvangAsynchroon", "BeantwoordVraag", "VrijeBerichten"):
            wsdl = await stuf.http.get(f"/stuf-zkn/zds/{port}", params={"wsdl": ""})
            assert wsdl.status_code == 200 and b"soapAction" in wsdl.content


def _update(relatie: str, soort: str, referentienummer: str) -> bytes:
    initiator = (
        f'<ZKN:heeftAlsInitiator StUF:entiteittype="ZAKBTRINI" StUF:verwerkingssoort="{soort}">'
        '<ZKN:gerelateerde><ZKN:natuurlijkPersoon StUF:entiteittype="NPS" '
        'xmlns:BG="http://www.egem.nl/StUF/sector/bg/0310"><BG:inp.bsn>111222333</BG:inp.bsn>'
        "</ZKN:natuurlijkPersoon></ZKN:gerelateerde></ZKN:heeftAlsInitiator>"
    ).replace("heeftAlsInitiator", relatie)
    objects = (
        "<ZKN:parameters><StUF:mutatiesoort>W</StUF:mutatiesoort><StUF:indicatorOvername>V"
        "</StUF:indicatorOvername></ZKN:parameters>"
        '<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">'
        "<ZKN:identificatie>0392-2020-0000027</ZKN:identificatie></ZKN:object>"
        '<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">'
        f"<ZKN:identificatie>0392-2020-0000027</ZKN:identificatie>{initiator}</ZKN:object>"
    )
    return stuf_bericht("updateZaak_ZakLk01", "Lk01", objects, entiteittype="ZAK",
                        referentienummer=referentienummer)  # fmt: skip


async def test_update_adds_and_ends_rollen_from_the_nieuw_object(tmp_path: Path) -> None:
    action = ZDS12_ACTION + "updateZaak_ZakLk01"
    async with running_stuf(tmp_path) as stuf:
        await _post(
            stuf, "zds12-haarlem/creeerzaakRequest.xml", ZDS12_ACTION + "creeerZaak_ZakLk01"
        )
        zaak = await _zaak(stuf, "0392-2020-0000027")

        async def bsns() -> list[str]:
            found = await stuf.zgw.get("/zaken/api/v1/rollen", zaak=zaak["url"])
            return sorted(r["betrokkeneIdentificatie"]["inpBsn"] for r in found.json()["results"])

        for soort, ref in (("T", "add-1"), ("T", "add-again"), ("I", "identiek")):
            added = await _post(stuf, "", action, body=_update("heeftAlsInitiator", soort, ref))
            assert added.status_code == 200, added.text
        assert await bsns() == ["111222333", "900070511"]  # a rol already there is not doubled
        ended = await _post(stuf, "", action, body=_update("heeftAlsInitiator", "V", "end-1"))
        assert ended.status_code == 200, ended.text
        assert await bsns() == ["900070511"]
        again = await _post(stuf, "", action, body=_update("heeftAlsInitiator", "V", "end-2"))
        assert _code(again) == "ZKN001"
        unmapped = await _post(stuf, "", action, body=_update("heeftBetrekkingOp", "T", "bo-1"))
        assert _code(unmapped) == "ZKN007"  # the demo zaaktype has no belanghebbende roltype
        delete = _update("heeftAlsInitiator", "T", "delete-1").replace(
            b"<StUF:mutatiesoort>W<", b"<StUF:mutatiesoort>V<"
        )
        oud_only = delete.split(b'<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">')
        message = oud_only[0] + b'<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="V">'
        message += oud_only[1] + b"</ZDS:updateZaak_ZakLk01></soap:Body></soap:Envelope>"
        deleted = await _post(stuf, "", action, body=message)
        assert deleted.status_code == 200, deleted.text
        found = await stuf.zgw.get(ZAKEN, identificatie="0392-2020-0000027")
        assert found.json()["count"] == 0


async def test_sigmax_style_message_with_a_zaak_is_accepted(tmp_path: Path) -> None:
    """Sigmax/CityControl: root ZAK-Lk01, default namespaces switching between ZKN and StUF,
    empty zender, one object (nieuw only), a status by omschrijving with a wrong volgnummer
    (the mapping says statustypeSleutel: omschrijving), a resultaat: read as updateZaak."""
    sigmax = sample("nonstandard-sigmax/example-actualiseerZaakstatus_Lk01.xml")
    named = sigmax.replace(b"<resultaat>", b"<identificatie>SIA-1.01</identificatie><resultaat>", 1)
    named = named.replace(b"Geseponeerd", b"Verleend")
    async with running_stuf(tmp_path) as stuf:
        await stuf.zgw.created(ZAKEN, zaak_body(identificatie="SIA-1.01"))
        app = stuf.http._transport.app  # type: ignore[attr-defined]
        path = Path(stuf.zgw.settings.stuf_mapping_file)
        app.state.stuf_mapping = _remapped(path, "Sleutel: volgnummer", "Sleutel: omschrijving")
        answer = await _post(stuf, "", ZDS11_ACTION + "actualiseerZaakstatus_Lk01", body=named)
        assert answer.status_code == 200, answer.text
        assert texts(bericht(answer.content), "applicatie") == ["ONBEKEND", "ONBEKEND"]
        zaak = await _zaak(stuf, "SIA-1.01")
        assert zaak["resultaat"] is not None and zaak["einddatum"] is not None  # Afgehandeld


async def test_no_decision_in_time_is_a_server_fault_and_the_repeat_is_safe(tmp_path: Path) -> None:
    creeer = sample("zds12-haarlem/creeerzaakRequest.xml")
    action = ZDS12_ACTION + "creeerZaak_ZakLk01"
    async with running_stuf(tmp_path, outcome_timeout_seconds=1e-6) as stuf:
        for attempt in range(10):  # the in-process processor may, rarely, decide before the wait
            message = creeer.replace(b"e443d87f", f"late{attempt:04d}".encode()).replace(
                b"0392-2020-0000027", f"LATE-{attempt}".encode()
            )
            late = await stuf.post(message, action)
            if late.status_code == 500:
                break
        assert_valid(late.content)
        assert _code(late) == "StUF058" and "soap:Server" in late.text
        assert "hetzelfde referentienummer" in texts(bericht(late.content), "omschrijving")[0]
        stuf.zgw.settings.outcome_timeout_seconds = 30.0
        repeat = await _post(stuf, "", action, body=message)
        assert repeat.status_code == 200, repeat.text
        found = await stuf.zgw.get(ZAKEN, identificatie=f"LATE-{attempt}")
        assert found.json()["count"] == 1
