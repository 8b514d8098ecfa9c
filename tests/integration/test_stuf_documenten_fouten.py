"""One StUF foutbericht per kind of document error, each a valid Fo03 in a SOAP Fault that
says what is wrong, with the request's referentienummer as crossRefnummer; nothing stored."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

from lxml import etree

from autorisaties.rights import Autorisatie, ClientRights, Component
from autorisaties.scopes import (
    DOCUMENTEN_AANMAKEN,
    DOCUMENTEN_LEZEN,
    ZAKEN_BIJWERKEN,
    ZAKEN_LEZEN,
)
from schemas.payloads import Vertrouwelijkheidaanduiding
from tests.integration.stuf_documenten_support import (
    EIO,
    IOT_AANVRAAG,
    IOT_BESLUIT,
    NS,
    bericht,
    bewerken,
    edc,
    fault,
    lezen,
    mtom,
    ok,
    running_stuf,
)
from tests.integration.stuf_documenten_xsd import xsd_errors
from tests.integration.zaken_support import A

ZDS12 = "http://www.stufstandaarden.nl/koppelvlak/zds0120/voegZaakdocumentToe_EdcLk01"


def _rights(client_id: str, iot: str, maximum: str, *scopes: str) -> ClientRights:
    """zaken.bijwerken/lezen on the demo zaaktype; ``scopes`` on one informatieobjecttype."""
    zaken = Autorisatie(Component.zrc, frozenset({ZAKEN_BIJWERKEN, ZAKEN_LEZEN}),
                        A.zaaktype_uuid, Vertrouwelijkheidaanduiding.zeer_geheim)  # fmt: skip
    documenten = Autorisatie(Component.drc, frozenset(scopes), uuid.UUID(iot),
                             Vertrouwelijkheidaanduiding(maximum))  # fmt: skip
    return ClientRights(client_id=client_id, autorisaties=(zaken, documenten))


def _voeg(identificatie: str, zaak: str, inhoud: str, **kw: str) -> tuple[bytes, str]:
    referentienummer = str(uuid.uuid4())
    message = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", edc(identificatie, zaak, inhoud, **kw),
                      entiteittype="EDC", referentienummer=referentienummer)  # fmt: skip
    return message, referentienummer


def _fout(response: object, code: str, words: str, referentienummer: str = "") -> None:
    berichtcode, found, omschrijving = fault(response)  # type: ignore[arg-type]
    assert (berichtcode, found) == ("Fo03", code), omschrijving
    assert words in omschrijving, omschrijving
    detail = etree.fromstring(response.content).find(".//detail")[0]  # type: ignore[attr-defined]
    assert not xsd_errors(detail, "1.2")
    if referentienummer:
        assert detail.findtext(".//StUF:crossRefnummer", namespaces=NS) == referentienummer


async def test_a_fo03_for_each_kind_of_document_error(tmp_path: Path) -> None:
    async with running_stuf(tmp_path, documenten_max_json_bytes=1024) as stuf:
        await stuf.zaak("ZAAK-FOUT-1")
        small = base64.b64encode(b"brief").decode()

        message, ref = _voeg("DOC-1", "ZAAK-BESTAAT-NIET", small)
        _fout(await stuf.post(message, ZDS12), "ZKN001", "onbekend", ref)

        message, ref = _voeg("DOC-2", "ZAAK-FOUT-1", "Z@@@ geen base64 ###")
        _fout(await stuf.post(message, ZDS12), "ZKN010", "base64", ref)

        message, ref = _voeg("DOC-3", "ZAAK-FOUT-1", base64.b64encode(b"x" * 1500).decode())
        _fout(await stuf.post(message, ZDS12), "ZKN011", "groter dan 1024 bytes", ref)

        message, ref = _voeg("DOC-4", "ZAAK-FOUT-1", small, omschrijving="Onbekend soort")
        _fout(await stuf.post(message, ZDS12), "ZKN007", "Onbekend soort", ref)

        # MTOM: an xop:Include naming no attachment of the message; a multipart without boundary
        message, ref = _voeg("DOC-9", "ZAAK-FOUT-1", '<xop:Include href="cid:weg@client"/>')
        content_type, body = mtom(message, {"ander@client": b"bytes"})
        response = await stuf.post(body, ZDS12, content_type=content_type)
        _fout(response, "ZKN010", "MTOM-bijlage", ref)
        kapot = await stuf.post(body, ZDS12, content_type="multipart/related; type=text/xml")
        assert fault(kapot)[:2] == ("Fo02", "StUF055")

        _fout(await stuf.post(lezen("DOC-BESTAAT-NIET"), port="BeantwoordVraag"), "ZKN012",
              "bestaat niet")  # fmt: skip

        # not authorised for the informatieobjecttype, or above the maximum vertrouwelijkheid
        ander_type = stuf.as_("ander-type", _rights("ander-type", IOT_BESLUIT, "zeer_geheim",
                                                     DOCUMENTEN_AANMAKEN))  # fmt: skip
        message, ref = _voeg("DOC-5", "ZAAK-FOUT-1", small)
        _fout(await ander_type.post(message, ZDS12), "ZKN004", "documenten.aanmaken", ref)
        laag = stuf.as_("laag", _rights("laag", IOT_AANVRAAG, "intern", DOCUMENTEN_AANMAKEN,
                                        DOCUMENTEN_LEZEN))  # fmt: skip
        message, ref = _voeg("DOC-6", "ZAAK-FOUT-1", small, vertrouwelijk="VERTROUWELIJK")
        _fout(await laag.post(message, ZDS12), "ZKN004", "vertrouwelijk", ref)
        assert (await stuf.zgw.get(EIO)).json()["count"] == 0

        # within its rights the same client succeeds; reading above its maximum is refused
        message, _ = _voeg("DOC-7", "ZAAK-FOUT-1", small, vertrouwelijk="INTERN")
        ok(await laag.post(message, ZDS12))
        message, _ = _voeg("DOC-8", "ZAAK-FOUT-1", small, vertrouwelijk="GEHEIM")
        ok(await stuf.post(message, ZDS12))
        for identificatie in ("DOC-10", "DOC-11"):  # without referentienummer: not repeats
            body = edc(identificatie, "ZAAK-FOUT-1", small)
            zonder = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", body, entiteittype="EDC",
                             referentienummer=None)  # fmt: skip
            ok(await stuf.post(zonder, ZDS12))
        message, ref = _voeg("DOC-8", "ZAAK-FOUT-1", small)  # another message, same identificatie
        _fout(await stuf.post(message, ZDS12), "ZKN003", "identificatie", ref)
        ok(await laag.post(lezen("DOC-7"), port="BeantwoordVraag"))
        _fout(await laag.post(lezen("DOC-8"), port="BeantwoordVraag"), "ZKN004", "documenten.lezen")
        _fout(
            await laag.post(bewerken("DOC-7"), port="VrijeBerichten"), "ZKN004", "documenten.lock"
        )
        assert (await stuf.zgw.get(EIO)).json()["count"] == 4
