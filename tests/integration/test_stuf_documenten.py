"""StUF-ZKN document operations end to end: every recorded document request replayed (after
its zaak, in session order), the answers schema-validated, the resulting documents checked
through the ZGW Documenten and Zaken APIs; repeats create nothing new."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from lxml import etree

from tests.integration.stuf_documenten_support import (
    EIO,
    IOT_AANVRAAG,
    NS,
    SAMPLES,
    ZIO,
    bericht,
    edc,
    inline_inhoud,
    lezen,
    lijst,
    ok,
    running_stuf,
    sample,
    sha256,
)
from tests.integration.stuf_documenten_xsd import xsd_errors

ISSUE329 = (
    "Translate_genereerZaakIdentificatie_Di02",
    "Translate_creeerZaak_Lk01",
    "Translate_genereerDocumentIdentificatie_Di02",
    "Translate_voegZaakdocumentToe_Lk01",
)
ZKN11 = "http://www.egem.nl/StUF/sector/zkn/0310/"
HAARLEM = "http://www.stufstandaarden.nl/koppelvlak/zds0120/"


def _valid(answer: etree._Element, zds: str) -> etree._Element:
    errors = xsd_errors(answer, zds)
    assert not errors, errors[:3]
    return answer


def _inhoud(answer: etree._Element) -> bytes:
    found = answer.find(".//ZKN:antwoord/ZKN:object/ZKN:inhoud", NS)
    assert found is not None
    return base64.b64decode(found.text or "")


async def test_recorded_document_messages_replayed(tmp_path: Path) -> None:
    async with running_stuf(tmp_path) as stuf:
        # ZDS 1.1 (ladybug Issue329): the whole session in order, the zaak made by creeerZaak
        for step in ISSUE329:
            folder = SAMPLES / "zds11-ladybug" / "Issue329" / step
            trace = json.loads((folder / "trace.json").read_text(encoding="utf-8"))
            request = (folder / "request.xml").read_bytes()  # on the recorded port (VrijBericht)
            response = await stuf.post(request, trace["soapAction"], port=trace["endpoint"])
            _valid(ok(response), "1.1")
        alias_wsdl = await stuf.http.get("/stuf-zkn/zds/VrijBericht", params={"wsdl": ""})
        assert alias_wsdl.status_code == 200 and b"/stuf-zkn/zds/VrijBericht" in alias_wsdl.content
        message = sample("zds11-ladybug/Issue329/Translate_voegZaakdocumentToe_Lk01/request.xml")
        document = await stuf.document("190055")
        assert sha256(await stuf.download(document)) == sha256(inline_inhoud(message))
        assert document["informatieobjecttype"].endswith(IOT_AANVRAAG)
        assert (document["titel"], document["bestandsnaam"]) == ("795880.pdf", "795880.pdf")
        assert document["vertrouwelijkheidaanduiding"] == "vertrouwelijk"
        assert (document["status"], document["taal"], document["formaat"]) == (
            "in_bewerking", "nld", "pdf")  # fmt: skip
        assert (document["creatiedatum"], document["auteur"]) == ("2022-10-11", "Be Handelaar")
        zaken = (await stuf.zgw.get("/zaken/api/v1/zaken", identificatie="1900230")).json()
        links = (await stuf.zgw.get(ZIO, zaak=zaken["results"][0]["url"])).json()
        assert [link["informatieobject"] for link in links] == [document["url"]]

        # ZDS 1.1 OpenZaakBrug example (zds-prefixed elements), zaak made through ZGW
        await stuf.zaak("1900241235")
        example = sample("zds11-examples/VoegZaakDocumentToe")
        _valid(ok(await stuf.post(example, "http://www.egem.nl/StUF/sector/zkn/0310/"
                                  "voegZaakdocumentToe_Lk01")), "1.1")  # fmt: skip
        document = await stuf.document("1900294468")
        assert sha256(await stuf.download(document)) == sha256(inline_inhoud(example))

        # ZDS 1.2 (Haarlem): voegZaakdocumentToe (twice) and geefLijstZaakdocumenten for zaak
        # 0392-2020-0000001 (the recorded creeerZaak is of another zaak: made through ZGW)
        await stuf.zaak("0392-2020-0000001")
        haarlem = sample("zds12-haarlem/voegZaakdocumentToe.xml")
        for _ in range(2):  # the repeat (same zender + referentienummer) creates nothing new
            answer = _valid(ok(await stuf.post(haarlem, HAARLEM + "voegZaakdocumentToe_EdcLk01")),
                            "1.2")  # fmt: skip
            assert answer.tag == f"{{{NS['StUF']}}}Bv03Bericht"
        document = await stuf.document("03922b716147-99e4-4b18-a7fa-f4dfac4746fe")
        content = inline_inhoud(haarlem)
        assert sha256(await stuf.download(document)) == sha256(content)
        assert (document["titel"], document["formaat"], document["bestandsnaam"]) == (
            "Test", "image/jpeg", "test.jpg")  # fmt: skip
        assert document["vertrouwelijkheidaanduiding"] == "openbaar"
        assert (document["status"], document["versie"]) == ("definitief", 1)
        assert (await stuf.zgw.get(EIO)).json()["count"] == 3
        zaak = await stuf.zgw.get("/zaken/api/v1/zaken", identificatie="0392-2020-0000001")
        links = (await stuf.zgw.get(ZIO, zaak=zaak.json()["results"][0]["url"])).json()
        assert [link["informatieobject"] for link in links] == [document["url"]]

        vraag = sample("zds12-haarlem/geefLijstZaakdocumenten.xml")
        lijst_answer = _valid(ok(await stuf.post(vraag, port="BeantwoordVraag")), "1.2")
        listed = lijst_answer.findall(".//ZKN:heeftRelevant/ZKN:gerelateerde/ZKN:identificatie", NS)
        assert [e.text for e in listed] == ["03922b716147-99e4-4b18-a7fa-f4dfac4746fe"]

        # geefZaakdocumentLezen, both versions: metadata and content
        gelezen = _valid(ok(await stuf.post(lezen("03922b716147-99e4-4b18-a7fa-f4dfac4746fe"),
                                            port="BeantwoordVraag")), "1.2")  # fmt: skip
        assert _inhoud(gelezen) == content
        assert gelezen.findtext(".//ZKN:object/ZKN:titel", namespaces=NS) == "Test"
        assert gelezen.findtext(".//ZKN:object/ZKN:vertrouwelijkAanduiding",
                                namespaces=NS) == "OPENBAAR"  # fmt: skip
        relevant = gelezen.findtext(".//ZKN:isRelevantVoor/ZKN:gerelateerde/ZKN:identificatie",
                                    namespaces=NS)  # fmt: skip
        assert relevant == "0392-2020-0000001"
        gelezen_11 = _valid(ok(await stuf.post(lezen("190055", "1.1"))), "1.1")
        assert sha256(_inhoud(gelezen_11)) == sha256(inline_inhoud(message))
        lijst_11 = _valid(
            ok(await stuf.post(lijst("1900230", "1.1"), ZKN11 + "geefLijstZaakdocumenten_Lv01")),
            "1.1",
        )
        assert [e.text for e in lijst_11.findall(".//ZKN:gerelateerde/ZKN:identificatie", NS)] == [
            "190055"]  # fmt: skip
        # no SOAPAction: the scope (heeftRelevant only) makes the zakLv01 a document list
        zonder = _valid(ok(await stuf.post(lijst("1900230", "1.1"), port="BeantwoordVraag")), "1.1")
        assert [e.text for e in zonder.findall(".//ZKN:gerelateerde/ZKN:identificatie", NS)] == [
            "190055"]  # fmt: skip

        # an inline content past libxml2's 10 MB text limit: lifted out before parsing
        groot = bytes(range(256)) * 32768  # 8 MiB, 11.2 MB as base64
        body = edc("GROOT-1", "0392-2020-0000001", base64.b64encode(groot).decode())
        message = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", body, entiteittype="EDC")
        _valid(ok(await stuf.post(message, HAARLEM + "voegZaakdocumentToe_EdcLk01")), "1.2")
        assert sha256(await stuf.download(await stuf.document("GROOT-1"))) == sha256(groot)
