"""StUF-ZKN document operations end to end: the recorded samples replayed, the resulting
documents checked through the ZGW Documenten and Zaken APIs, check-out/check-in, MTOM,
cross-protocol reads and one Fo03 per kind of document error."""

from __future__ import annotations

from pathlib import Path

from tests.integration.stuf_documenten_support import (
    NS,
    ZIO,
    inline_inhoud,
    ok,
    running_stuf,
    sample,
    sha256,
)


async def test_haarlem_voeg_zaakdocument_toe_lands_in_the_documentmagazijn(tmp_path: Path) -> None:
    message = sample("zds12-haarlem/voegZaakdocumentToe.xml")
    async with running_stuf(tmp_path) as stuf:
        zaak = await stuf.zaak("0392-2020-0000001")
        answer = ok(await stuf.post(message, "http://www.stufstandaarden.nl/koppelvlak/zds0120/voegZaakdocumentToe_EdcLk01"))
        assert answer.tag == f"{{{NS['StUF']}}}Bv03Bericht"
        document = await stuf.document("03922b716147-99e4-4b18-a7fa-f4dfac4746fe")
        assert sha256(await stuf.download(document)) == sha256(inline_inhoud(message))
        assert document["titel"] == "Test"
        links = await stuf.zgw.get(ZIO, zaak=zaak["url"])
        assert [link["informatieobject"] for link in links.json()] == [document["url"]]
