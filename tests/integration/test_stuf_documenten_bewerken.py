"""StUF-ZKN check-out / check-in against the Documenten API lock, MTOM both ways, and the
cross-protocol reads (a document made through ZGW, listed and read through StUF); on SQLite
and on PostgreSQL."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from lxml import etree

from adapters.stuf.document_mtom import split
from tests.integration.stuf_documenten_support import (
    EIO,
    IOT_AANVRAAG,
    NS,
    ZIO,
    Stuf,
    bericht,
    bewerken,
    cancel,
    edc,
    fault,
    lezen,
    lijst,
    mtom,
    ok,
    running_stuf,
    update,
)
from tests.integration.stuf_documenten_xsd import xsd_errors
from tests.integration.zaken_support import BASE, SECRET

ZDS12 = "http://www.stufstandaarden.nl/koppelvlak/zds0120/"


def _valid(answer: etree._Element, zds: str = "1.2") -> etree._Element:
    errors = xsd_errors(answer, zds)
    assert not errors, errors[:3]
    return answer


async def _zgw_document(stuf: Stuf, zaak_url: str, content: bytes) -> dict[str, object]:
    """A document created and linked to the zaak through the ZGW APIs."""
    body = {
        "identificatie": "ZGW-BRIEF-1", "bronorganisatie": "002220647",
        "creatiedatum": "2026-03-01", "titel": "Brief via ZGW", "auteur": "Team Parkeren",
        "taal": "nld", "bestandsnaam": "zgw.txt", "formaat": "text/plain",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "informatieobjecttype": f"{BASE}/catalogi/api/v1/informatieobjecttypen/{IOT_AANVRAAG}",
        "inhoud": base64.b64encode(content).decode(),
    }  # fmt: skip
    document = await stuf.zgw.created(EIO, body)
    await stuf.zgw.created(ZIO, {"zaak": zaak_url, "informatieobject": document["url"]})
    return document


async def _checked_out_id(stuf: Stuf, identificatie: str, zds: str = "1.2",
                          vraag: bytes | None = None) -> str:  # fmt: skip
    message = vraag or bewerken(identificatie, zds)
    answer = _valid(ok(await stuf.post(message, port="VrijeBerichten")), zds)
    namespace = NS["ZDS"] if zds == "1.2" else NS["ZKN"]
    found = answer.findtext(f"{{{namespace}}}parameters/{{{namespace}}}checkedOutId")
    assert found
    return found


async def test_check_out_update_check_in_cancel_and_mtom(tmp_path: Path, database_url: str) -> None:
    async with running_stuf(tmp_path, database_url) as stuf:
        zaak = await stuf.zaak("ZAAK-DOC-1")
        zgw = await _zgw_document(stuf, zaak["url"], b"Geachte heer, mevrouw")

        # cross-protocol: the ZGW document is listed and read through StUF
        lijst_answer = _valid(ok(await stuf.post(lijst("ZAAK-DOC-1"), port="BeantwoordVraag")))
        listed = lijst_answer.findall(".//ZKN:heeftRelevant/ZKN:gerelateerde", NS)
        assert [e.findtext("ZKN:identificatie", namespaces=NS) for e in listed] == ["ZGW-BRIEF-1"]
        assert listed[0].findtext("ZKN:dct.omschrijving", namespaces=NS) == (
            "Aanvraagformulier parkeervergunning")  # fmt: skip
        gelezen = _valid(ok(await stuf.post(lezen("ZGW-BRIEF-1"), port="BeantwoordVraag")))
        inhoud = gelezen.find(".//ZKN:object/ZKN:inhoud", NS)
        assert (
            inhoud is not None and base64.b64decode(inhoud.text or "") == b"Geachte heer, mevrouw"
        )

        # check out: the lock is visible through ZGW; a repeat of the message gets the same
        # checkedOutId, another check-out is refused
        uitchecken = bewerken("ZGW-BRIEF-1")
        lock = await _checked_out_id(stuf, "ZGW-BRIEF-1", vraag=uitchecken)
        assert (await stuf.zgw.get(str(zgw["url"]))).json()["locked"] is True
        assert await _checked_out_id(stuf, "ZGW-BRIEF-1", vraag=uitchecken) == lock
        again = await stuf.post(bewerken("ZGW-BRIEF-1"), port="VrijeBerichten")
        assert "al uitgecheckt" in fault(again)[2]

        # check in with a wrong or missing checkedOutId: refused, nothing changes
        nieuw = "<ZKN:titel>Brief, herzien</ZKN:titel>"
        for wrong in ("0" * 32, None):
            refused = await stuf.post(update("ZGW-BRIEF-1", wrong, nieuw), port="VrijeBerichten")
            berichtcode, code, omschrijving = fault(refused)
            assert (berichtcode, code) == ("Fo03", "ZKN013") and "checkedOutId" in omschrijving
            assert not xsd_errors(etree.fromstring(refused.content).find(".//detail")[0], "1.2")
        assert (await stuf.zgw.get(str(zgw["url"]))).json()["versie"] == 1

        # check in with new content as an MTOM attachment: a new versie, unlocked
        include = '<xop:Include href="cid:nieuwe-inhoud%40client"/>'
        nieuw += (f'<ZKN:inhoud StUF:bestandsnaam="herzien.txt" xmime:contentType="text/plain">'
                  f"{include}</ZKN:inhoud>")  # fmt: skip
        content_type, body = mtom(update("ZGW-BRIEF-1", lock, nieuw),
                                  {"nieuwe-inhoud@client": b"Herziene brief\x00\xff"})  # fmt: skip
        answer = _valid(ok(await stuf.post(body, port="VrijeBerichten", content_type=content_type)))
        assert answer.tag == f"{{{NS['StUF']}}}Bv02Bericht"
        current = (await stuf.zgw.get(str(zgw["url"]))).json()
        assert (current["versie"], current["locked"], current["titel"]) == (
            2,
            False,
            "Brief, herzien",
        )
        assert current["bestandsnaam"] == "herzien.txt"
        assert await stuf.download(current) == b"Herziene brief\x00\xff"
        # the repeated check-in (same zender + referentienummer): Bv02 again, no third versie
        again = await stuf.post(body, port="VrijeBerichten", content_type=content_type)
        assert ok(again).tag == f"{{{NS['StUF']}}}Bv02Bericht"
        assert (await stuf.zgw.get(str(zgw["url"]))).json()["versie"] == 2

        # cancelCheckout: a wrong id is refused, the right one unlocks without a new versie
        lock = await _checked_out_id(stuf, "ZGW-BRIEF-1")
        refused = await stuf.post(cancel("ZGW-BRIEF-1", "f" * 32), port="VrijeBerichten")
        assert fault(refused)[1] == "ZKN013"
        annuleer = cancel("ZGW-BRIEF-1", lock)
        for _ in range(2):  # a repeat gets the same Bv02
            _valid(ok(await stuf.post(annuleer, port="VrijeBerichten")))
        current = (await stuf.zgw.get(str(zgw["url"]))).json()
        assert (current["versie"], current["locked"]) == (2, False)

        # the same cycle in ZDS 1.1 (zkn0310 zs-dms), answers valid against its XSD
        lock = await _checked_out_id(stuf, "ZGW-BRIEF-1", "1.1")
        titel = "<ZKN:titel>Brief, versie 3</ZKN:titel>"
        _valid(ok(await stuf.post(update("ZGW-BRIEF-1", lock, titel, "1.1"))), "1.1")
        current = (await stuf.zgw.get(str(zgw["url"]))).json()
        assert (current["versie"], current["locked"], current["titel"]) == (
            3,
            False,
            "Brief, versie 3",
        )
        lock = await _checked_out_id(stuf, "ZGW-BRIEF-1", "1.1")
        _valid(ok(await stuf.post(cancel("ZGW-BRIEF-1", lock, "1.1"))), "1.1")

        # voegZaakdocumentToe with MTOM content, and geefZaakdocumentLezen answered as MTOM
        data = bytes(range(256)) * 40
        message = bericht("voegZaakdocumentToe_EdcLk01", "Lk01",
                          edc("MTOM-1", "ZAAK-DOC-1", '<xop:Include href="cid:bijlage-1"/>'),
                          entiteittype="EDC")  # fmt: skip
        content_type, body = mtom(message, {"bijlage-1": data})
        _valid(ok(await stuf.post(body, ZDS12 + "voegZaakdocumentToe_EdcLk01",
                                  content_type=content_type)))  # fmt: skip
        document = await stuf.document("MTOM-1")
        assert await stuf.download(document) == data
        content_type, body = mtom(lezen("MTOM-1"), {})
        response = await stuf.http.post("/stuf-zkn/zds/BeantwoordVraag", content=body,
                                        headers={"Content-Type": content_type},
                                        auth=(stuf.client_id, SECRET))  # fmt: skip
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("multipart/related")
        parts = split(response.headers["content-type"], response.content)
        answer = etree.fromstring(parts.root).find("soap:Body", NS)[0]
        include = answer.find(".//ZKN:inhoud/{http://www.w3.org/2004/08/xop/include}Include", NS)
        assert include is not None
        cid = re.sub(r"^cid:", "", include.get("href", ""))
        assert parts.bijlagen[cid] == data
        inhoud = include.getparent()  # the XOP infoset: the attachment's base64 in its place
        inhoud.remove(include)
        inhoud.text = base64.b64encode(parts.bijlagen[cid]).decode()
        _valid(answer)

        # genereerDocumentIdentificatie, maakZaakdocument without content, then the content
        # through check-out and check-in (the ZDS way to make a document in the DMS)
        genereer = bericht("genereerDocumentIdentificatie_Di02", "Di02", "",
                           functie="genereerDocumentidentificatie")  # fmt: skip
        du02 = _valid(ok(await stuf.post(genereer, port="VrijeBerichten")))
        nieuw_id = du02.findtext("ZDS:document/ZKN:identificatie", namespaces=NS)
        assert nieuw_id and nieuw_id.startswith("DOC-")
        zonder = '<ZKN:inhoud StUF:bestandsnaam="brief.txt" xmime:contentType="text/plain">'
        leeg = edc(nieuw_id, "ZAAK-DOC-1", "").replace(zonder + "</ZKN:inhoud>", "")
        maak = bericht("maakZaakdocument_EdcLk01", "Lk01", leeg, entiteittype="EDC")
        _valid(ok(await stuf.post(maak, ZDS12 + "maakZaakdocument_EdcLk01")))
        gemaakt = await stuf.document(nieuw_id)
        assert gemaakt["inhoud"] is None and gemaakt["locked"] is False
        lock = await _checked_out_id(stuf, nieuw_id)
        inhoud = ('<ZKN:inhoud StUF:bestandsnaam="brief.txt" xmime:contentType="text/plain">'
                  f"{base64.b64encode(b'Nu met inhoud').decode()}</ZKN:inhoud>")  # fmt: skip
        _valid(ok(await stuf.post(update(nieuw_id, lock, inhoud), port="VrijeBerichten")))
        gemaakt = await stuf.document(nieuw_id)
        assert (gemaakt["versie"], gemaakt["locked"]) == (2, False)
        assert await stuf.download(gemaakt) == b"Nu met inhoud"
