"""Logboek Dataverwerkingen for StUF-ZKN reads (embedded MidOffice, real SQLite): a
geefZaakdetails (ZDS 1.2) or zakLv01 (ZDS 1.1) whose antwoord shows a citizen's BSN writes
exactly one pseudonymised record with the zender as client and the request's trace; an
antwoord without a BSN, and a refused vraag, write none; no raw BSN reaches a record or a log
line. The citizen's zaak comes from the recorded Haarlem creeerZaak sample."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from autorisaties.scopes import ZAKEN_LEZEN
from tests.integration.stuf_documenten_support import STUF, Stuf, lijst, running_stuf, sample
from tests.integration.zaken_support import SECRET, A, rights, zaak_body
from tests.stuf_support import ZDS11_ACTION, ZDS12_ACTION, assert_valid, bericht, foutcode, texts
from verwerkingslog.record import pseudonym
from verwerkingslog.tables import verwerking

BSN = "900070511"  # the initiator of zds12-haarlem/creeerzaakRequest.xml
ZAAK = "0392-2020-0000027"
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"
ACTIVITEIT = "urn:nld:midoffice:verwerkingsactiviteit:stuf-zaakdetails-lezen"


def _details_vraag(identificatie: str, operatie: str = "geefZaakdetails_ZakLv01") -> bytes:
    """The recorded ZDS 1.2 vraag (zender 0392/Zaaksyeem) for ``identificatie``."""
    vraag = sample("zds12-haarlem/geefZaakDetailsRequest.xml")
    return vraag.replace(b"0392-2020-000001", identificatie.encode()).replace(
        b"geefZaakdetails_ZakLv01", operatie.encode()
    )


def _zds11_vraag(identificatie: str) -> bytes:
    """The recorded ZDS 1.1 zakLv01 (zender 1900/ZaakDocumentManager, moved to 0392)."""
    vraag = sample("zds11-ladybug/ErrorHandling/ErrorHandling_05_Invalid_SoapAction_"
                   "geefZaakdetails_Lv01_ABCDE_/request.xml")  # fmt: skip
    return vraag.replace(b">ABCDE<", f">{identificatie}<".encode()).replace(b">1900<", b">0392<")


async def _vraag(stuf: Stuf, body: bytes, action: str, **headers: str) -> httpx.Response:
    response = await stuf.http.post(
        f"{STUF}/BeantwoordVraag", content=body, auth=(stuf.client_id, SECRET),
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": action, **headers},
    )  # fmt: skip
    assert_valid(response.content)
    return response


async def _records(stuf: Stuf) -> list[dict[str, Any]]:
    """Every processing-log row, read straight from the database the gateway writes to."""
    engine = create_async_engine(stuf.zgw.settings.database_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(select(verwerking).order_by(verwerking.c.start_time)))
            return [dict(row) for row in rows.mappings()]
    finally:
        await engine.dispose()


async def _citizens_zaak(stuf: Stuf) -> None:
    created = await stuf.post(sample("zds12-haarlem/creeerzaakRequest.xml"),
                              ZDS12_ACTION + "creeerZaak_ZakLk01")  # fmt: skip
    assert created.status_code == 200, created.text


async def test_a_read_of_a_citizens_zaak_writes_one_pseudonymised_record(tmp_path: Path) -> None:
    with structlog.testing.capture_logs() as logs:
        async with running_stuf(tmp_path) as stuf:
            await _citizens_zaak(stuf)
            assert await _records(stuf) == []  # a kennisgeving is no read
            traceparent = f"00-{TRACE}-{PARENT}-01"
            details = await _vraag(stuf, _details_vraag(ZAAK),
                                   ZDS12_ACTION + "geefZaakdetails_ZakLv01",
                                   traceparent=traceparent)  # fmt: skip
            assert details.status_code == 200, details.text
            assert texts(bericht(details.content), "inp.bsn") == [BSN]  # the antwoord shows it
            [record] = await _records(stuf)
            zds11 = await _vraag(stuf, _zds11_vraag(ZAAK), ZDS11_ACTION + "geefZaakdetails_Lv01")
            assert zds11.status_code == 200, zds11.text
            assert texts(bericht(zds11.content), "inp.bsn") == [BSN]
            first, second = await _records(stuf)
            key = stuf.zgw.settings.verwerkingslog.key()

    assert first == record
    assert record["trace_id"] == TRACE and record["parent_span_id"] == PARENT
    assert re.fullmatch("[0-9a-f]{16}", record["span_id"]) and record["span_id"] != PARENT
    assert record["name"] == "stuf_zaakdetails_lezen" and record["status"] == "Ok"
    assert record["processing_activity_id"] == ACTIVITEIT
    assert record["data_subject_id"] == pseudonym("BSN", BSN, key)
    assert record["data_subject_id_type"] == "BSN"
    assert record["client_id"] == "0392/Zaaksyeem"  # the stuurgegevens zender
    assert record["start_time"] <= record["end_time"]
    assert record["resource"] == {
        "service.name": "midoffice-gateway", "http.request.method": "POST",
        "url.path": f"{STUF}/BeantwoordVraag", "stuf.operatie": "geefZaakdetails_ZakLv01",
        "stuf.client_id": "alles",
    }  # fmt: skip
    # ZDS 1.1 without a traceparent: a fresh trace, the same person, its own zender
    assert re.fullmatch("[0-9a-f]{32}", second["trace_id"]) and second["trace_id"] != TRACE
    assert second["data_subject_id"] == record["data_subject_id"]
    assert second["client_id"] == "0392/ZaakDocumentManager"
    assert second["resource"]["stuf.operatie"] == "geefZaakdetails_Lv01"
    assert second["processing_activity_id"] == ACTIVITEIT
    assert BSN not in repr([first, second]), "a raw BSN reached the processing log"
    assert logs and BSN not in repr(logs), "a raw BSN reached a log line"


async def test_reads_that_show_no_bsn_write_nothing(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        await _citizens_zaak(stuf)
        zaak = await stuf.zgw.created("/zaken/api/v1/zaken", zaak_body(identificatie="ZGW-NNP"))
        for roltype, soort, identificatie in (
            ("aanvrager", "niet_natuurlijk_persoon", {"innNnpId": "002220647"}),
            ("behandelaar", "medewerker", {"identificatie": "mw-1", "achternaam": "Jansen"}),
        ):
            await stuf.zgw.created("/zaken/api/v1/rollen", {
                "zaak": zaak["url"], "roltype": A.url("roltypen", roltype), "roltoelichting": "",
                "betrokkeneType": soort, "betrokkeneIdentificatie": identificatie})  # fmt: skip
        reads = [
            (_details_vraag("ZGW-NNP"), ZDS12_ACTION + "geefZaakdetails_ZakLv01"),
            (_zds11_vraag("ZGW-NNP"), ZDS11_ACTION + "geefZaakdetails_Lv01"),
            # the citizen's zaak, but antwoorden without betrokkenen (ZDS 1.2 geefZaakstatus
            # and the document list), as GET /zaken/{uuid} and /zaakinformatieobjecten
            (_details_vraag(ZAAK, "geefZaakstatus_ZakLv01"),
             ZDS12_ACTION + "geefZaakstatus_ZakLv01"),
            (lijst(ZAAK), ZDS12_ACTION + "geefLijstZaakdocumenten_ZakLv01"),
        ]  # fmt: skip
        for body, action in reads:
            response = await _vraag(stuf, body, action)
            assert response.status_code == 200, response.text
            assert texts(bericht(response.content), "inp.bsn") == []
        assert texts(bericht(response.content), "identificatie")[0] == ZAAK
        assert await _records(stuf) == []
        # ... while the same zaak's details do show the BSN, and are recorded
        shown = await _vraag(stuf, _details_vraag(ZAAK), ZDS12_ACTION + "geefZaakdetails_ZakLv01")
        assert shown.status_code == 200, shown.text
        assert len(await _records(stuf)) == 1


async def test_refused_reads_write_nothing(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        await _citizens_zaak(stuf)
        action = ZDS12_ACTION + "geefZaakdetails_ZakLv01"
        other_zaaktype = stuf.as_("ander", rights("ander", [ZAKEN_LEZEN], A.ids["status1"]))
        denied = await _vraag(other_zaaktype, _details_vraag(ZAAK), action)
        assert denied.status_code == 500 and foutcode(denied.content) == "ZKN004"
        wrong_secret = await stuf.http.post(
            f"{STUF}/BeantwoordVraag", content=_details_vraag(ZAAK), auth=("alles", "fout"),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": action},
        )  # fmt: skip
        assert wrong_secret.status_code == 401 and foutcode(wrong_secret.content) == "ZKN004"
        anonymous = await stuf.http.post(
            f"{STUF}/BeantwoordVraag", content=_zds11_vraag(ZAAK),
            headers={"SOAPAction": ZDS11_ACTION + "geefZaakdetails_Lv01"},
        )  # fmt: skip
        assert anonymous.status_code == 401 and foutcode(anonymous.content) == "ZKN004"
        assert await _records(stuf) == []
        allowed = stuf.as_("lezer", rights("lezer", [ZAKEN_LEZEN], A.zaaktype_uuid))
        answered = await _vraag(allowed, _details_vraag(ZAAK), action)
        assert answered.status_code == 200, answered.text
        [record] = await _records(stuf)
        assert record["resource"]["stuf.client_id"] == "lezer"
