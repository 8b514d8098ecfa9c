"""Unit tests of the StUF document mappings: EDC <-> informatieobject fields, content
decoding, MTOM, and each document operation's parse and answer (pure functions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from lxml import etree

from adapters.stuf import (
    cancel_checkout,
    geef_lijst_zaakdocumenten,
    geef_zaakdocument_bewerken,
    geef_zaakdocument_lezen,
    genereer_document_identificatie,
    maak_zaakdocument,
    update_zaakdocument,
    voeg_zaakdocument_toe,
)
from adapters.stuf.dispatch import OPERATIONS, Operation, operation
from adapters.stuf.document_antwoord import DocumentBeeld, ZaakVerwijzing
from adapters.stuf.document_inhoud import check_size, compact, decoded_size
from adapters.stuf.document_mtom import build, split
from adapters.stuf.document_velden import informatieobject, read_edc, status, taal
from adapters.stuf.document_velden import vertrouwelijkheid as vertrouwelijk
from adapters.stuf.errors import StufFout
from adapters.stuf.namespaces import STUF, ZDS, ZKN
from adapters.stuf.soap import read_envelope
from adapters.stuf.stuurgegevens import read_stuurgegevens
from schemas.payloads_documenten import InformatieobjectV1
from tests.integration.stuf_documenten_support import (
    bericht,
    bewerken,
    cancel,
    edc,
    lezen,
    lijst,
    sample,
    update,
)

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
NS = {"ZKN": ZKN, "StUF": STUF, "ZDS": ZDS}
IOT = "3f6a1c20-0001-4b4b-9c9c-000000000001"


def _zds12(name: str) -> Operation:
    """The ZDS 1.2 operation (the zs-dms vrije berichten share their name with ZDS 1.1)."""
    return next(op for op in OPERATIONS if op.name == name and op.namespace == ZDS)


def _bericht(message: bytes) -> etree._Element:
    return read_envelope(etree.fromstring(message))


def _fields(message: bytes, **kw: Any) -> dict[str, Any]:
    nieuw = voeg_zaakdocument_toe.parse(_bericht(message))
    return informatieobject(nieuw.edc, informatieobjecttype=IOT, bronorganisatie="002220647",
                            default_vertrouwelijkheid="zaakvertrouwelijk", **kw)  # fmt: skip


def test_edc_values_map_onto_the_zgw_informatieobject() -> None:
    fields = _fields(sample("zds12-haarlem/voegZaakdocumentToe.xml"))
    info = InformatieobjectV1.model_validate(fields)
    assert info.identificatie == "03922b716147-99e4-4b18-a7fa-f4dfac4746fe"
    assert (info.creatiedatum, info.ontvangstdatum) == (dt.date(2020, 2, 14),) * 2
    assert (info.titel, info.formaat, info.taal, info.status) == (
        "Test", "image/jpeg", "nld", "definitief")  # fmt: skip
    assert (info.vertrouwelijkheidaanduiding.value, info.auteur, info.bestandsnaam) == (
        "openbaar", "Melder", "test.jpg")  # fmt: skip


def test_tolerant_reading_of_the_ladybug_edc() -> None:
    message = sample("zds11-ladybug/Issue329/Translate_voegZaakdocumentToe_Lk01/request.xml")
    fields = _fields(message)
    # an empty titel takes the bestandsnaam; 'concept' is in bewerking; nil versie is ignored
    assert (fields["titel"], fields["status"], fields["vertrouwelijkheidaanduiding"]) == (
        "795880.pdf", "in_bewerking", "vertrouwelijk")  # fmt: skip
    assert fields["verzenddatum"] is None and fields["formaat"] == "pdf"


def test_value_translations() -> None:
    assert [vertrouwelijk(v) for v in ("ZEER GEHEIM", "beperkt openbaar", "ZAAKVERTROUWELIJK")] == [
        "zeer_geheim", "beperkt_openbaar", "zaakvertrouwelijk"]  # fmt: skip
    assert [status(v) for v in ("In Bewerking", "ter vaststelling", "gearchiveerd")] == [
        "in_bewerking", "ter_vaststelling", "gearchiveerd"]  # fmt: skip
    assert [taal(v) for v in ("nl", "NLD", "en")] == ["nld", "nld", "eng"]
    for wrong in (lambda: vertrouwelijk("STRENG"), lambda: status("klaar"), lambda: taal("n1")):
        with pytest.raises(StufFout) as raised:
            wrong()
        assert raised.value.code == "ZKN010"


def test_update_applies_nieuw_over_the_current_versie() -> None:
    current = _fields(bericht("voegZaakdocumentToe_EdcLk01", "Lk01", edc("D-1", "Z-1", "YQ==")))
    message = update("D-1", "lock", '<ZKN:titel>Nieuw</ZKN:titel><ZKN:beschrijving '
                     'xsi:nil="true" StUF:noValue="geenWaarde"/><ZKN:status '
                     'xsi:nil="true" StUF:noValue="waardeOnbekend"/>')  # fmt: skip
    current["beschrijving"], current["status"] = "oud", "definitief"
    wijziging = update_zaakdocument.parse(_zds12("updateZaakdocument_Di02"), _bericht(message))
    assert (wijziging.identificatie, wijziging.checked_out_id) == ("D-1", "lock")
    fields = informatieobject(wijziging.nieuw, informatieobjecttype=IOT, bronorganisatie="x",
                              default_vertrouwelijkheid="openbaar", current=current)  # fmt: skip
    # a value replaces, geenWaarde clears, waardeOnbekend and absent elements keep
    assert (fields["titel"], fields["beschrijving"], fields["status"]) == (
        "Nieuw",
        "",
        "definitief",
    )
    assert fields["auteur"] == "Team Parkeren"


def test_missing_values_are_refused_with_their_name() -> None:
    zonder_auteur = edc("D-1", "Z-1", "YQ==").replace("<ZKN:auteur>Team Parkeren</ZKN:auteur>", "")
    message = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", zonder_auteur)
    with pytest.raises(StufFout, match="auteur ontbreekt"):
        _fields(message)
    geen_zaak = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", edc("D", "Z", "YQ==").replace(
        "<ZKN:identificatie>Z</ZKN:identificatie>", ""))  # fmt: skip
    with pytest.raises(StufFout, match="isRelevantVoor"):
        voeg_zaakdocument_toe.parse(_bericht(geen_zaak))
    zonder = bericht("maakZaakdocument_EdcLk01", "Lk01", edc("D", "Z", "x").replace(
        '<ZKN:inhoud StUF:bestandsnaam="brief.txt" xmime:contentType="text/plain">x</ZKN:inhoud>',
        ""))  # fmt: skip
    assert maak_zaakdocument.parse(_bericht(zonder)).edc.inhoud is None
    with pytest.raises(StufFout, match="inhoud ontbreekt"):
        voeg_zaakdocument_toe.parse(_bericht(zonder))
    leeg = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", edc("D", "Z", ""))
    with pytest.raises(StufFout, match="inhoud ontbreekt"):  # an empty inhoud is none
        voeg_zaakdocument_toe.parse(_bericht(leeg))


def test_inline_content_is_checked_strictly() -> None:
    data = compact(" QUJD\n REVG\tR0g= ")
    assert (data, decoded_size(data)) == ("QUJDREVGR0g=", 8)  # ABCDEFGH
    for wrong in ("QUJ", "QU@D", "QUJD=REV"):
        with pytest.raises(StufFout, match="base64"):
            compact(wrong)
    assert check_size(data, 8) == 8
    with pytest.raises(StufFout, match="groter dan 7 bytes"):
        check_size(data, 7)


def test_mtom_round_trip() -> None:
    content_type, body = build(b"<soap/>", {"a@b": ("text/plain", b"\r\n--bijna\r\n\x00")})
    parts = split(content_type, body)
    assert (parts.root, parts.bijlagen) == (b"<soap/>", {"a@b": b"\r\n--bijna\r\n\x00"})
    with pytest.raises(StufFout):
        split('multipart/related; boundary="x"', b"geen delen")


def _beeld() -> DocumentBeeld:
    info = InformatieobjectV1(bronorganisatie="002220647", creatiedatum=dt.date(2026, 3, 1),
                              titel="Brief", vertrouwelijkheidaanduiding="zaakvertrouwelijk",
                              auteur="Team", taal="nld", informatieobjecttype=IOT,
                              identificatie="D-1", status="definitief", bestandsnaam="b.txt",
                              formaat="text/plain")  # fmt: skip
    return DocumentBeeld(info.model_dump(mode="json"), 3, "Brief", zaken=(
        ZaakVerwijzing("Z-1", "Parkeren", dt.date(2026, 3, 2)),))  # fmt: skip


def _request(message: bytes) -> tuple[etree._Element, Any]:
    element = _bericht(message)
    return element, read_stuurgegevens(element)


def test_answers_of_the_document_operations() -> None:
    beeld = _beeld()
    element, gegevens = _request(lezen("D-1"))
    assert geef_zaakdocument_lezen.parse(element) == "D-1"
    la01 = geef_zaakdocument_lezen.answer(operation("geefZaakdocumentLezen_EdcLv01"), gegevens,
                                          beeld, NOW, base64="YQ==")  # fmt: skip
    obj = la01.find("ZKN:antwoord/ZKN:object", NS)
    assert [etree.QName(e).localname for e in obj][:6] == [
        "identificatie", "dct.omschrijving", "creatiedatum", "titel", "formaat", "taal",
    ]  # fmt: skip
    assert (obj.findtext("ZKN:versie", namespaces=NS), obj.findtext("ZKN:status", namespaces=NS),
            obj.findtext("ZKN:vertrouwelijkAanduiding", namespaces=NS)) == (
        "3", "definitief", "ZAAKVERTROUWELIJK")  # fmt: skip
    assert obj.find("ZKN:inhoud", NS).get(f"{{{STUF}}}bestandsnaam") == "b.txt"
    assert la01.findtext(".//StUF:crossRefnummer", namespaces=NS) == gegevens.referentienummer

    element, gegevens = _request(lijst("Z-1"))
    assert geef_lijst_zaakdocumenten.parse(element) == "Z-1"
    op = operation("geefLijstZaakdocumenten_ZakLv01")
    antwoord = geef_lijst_zaakdocumenten.answer(op, gegevens, "Z-1", "", [(beeld, None)], NOW)
    relatie = antwoord.find(".//ZKN:heeftRelevant", NS)
    assert relatie.findtext("ZKN:gerelateerde/ZKN:identificatie", namespaces=NS) == "D-1"
    assert relatie.find("ZKN:registratiedatum", NS).get(f"{{{STUF}}}noValue") == "geenWaarde"

    element, gegevens = _request(bewerken("D-1"))
    assert geef_zaakdocument_bewerken.parse(element) == "D-1"
    du02 = geef_zaakdocument_bewerken.answer(_zds12("geefZaakdocumentbewerken_Di02"), gegevens,
                                             beeld, "LOCK", NOW, base64="YQ==")  # fmt: skip
    assert du02.tag == f"{{{ZDS}}}geefZaakdocumentBewerken_Du02"
    assert du02.findtext("ZDS:parameters/ZDS:checkedOutId", namespaces=NS) == "LOCK"

    op = _zds12("cancelCheckout_Di02")
    assert cancel_checkout.parse(op, _bericht(cancel("D-1", "LOCK"))) == (
        cancel_checkout.Annulering("D-1", "LOCK"))  # fmt: skip
    identificatie = genereer_document_identificatie.nieuwe_identificatie(NOW)
    assert identificatie.startswith("DOC-20260301-") and len(identificatie) <= 40
    assert identificatie != genereer_document_identificatie.nieuwe_identificatie(NOW)
    du02 = genereer_document_identificatie.answer(
        _zds12("genereerDocumentIdentificatie_Di02"), gegevens, identificatie, NOW
    )
    assert du02.findtext("ZDS:document/ZKN:identificatie", namespaces=NS) == identificatie


def test_an_unchangeable_identificatie_and_a_wrong_mutatiesoort_are_refused() -> None:
    tail = b"</ZKN:identificatie></ZKN:object></ZKN:edcLk02>"
    message = update("D-1", "lock", "").replace(b"D-1" + tail, b"D-2" + tail)
    with pytest.raises(StufFout, match="identificatie"):
        update_zaakdocument.parse(_zds12("updateZaakdocument_Di02"), _bericht(message))
    soort = "<StUF:mutatiesoort>{}</StUF:mutatiesoort>"
    body = edc("D", "Z", "YQ==").replace(soort.format("T"), soort.format("W"))
    wijzig = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", body)
    with pytest.raises(StufFout, match="mutatiesoort W"):
        voeg_zaakdocument_toe.parse(_bericht(wijzig))


def test_large_inline_content_is_lifted_out_before_parsing() -> None:
    from fastapi import Request

    from midoffice.gateway.stuf.documenten_inline import LIFT_FROM, inhoud_verwijzing, lift

    text = "QUJD" * (LIFT_FROM // 4 + 1)
    message = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", edc("D", "Z", text))
    request = Request({"type": "http", "headers": []})
    lifted = lift(request, message)
    assert len(lifted) < LIFT_FROM and b"xop:Include" in lifted
    verwijzing = read_edc(_bericht(lifted).find("ZKN:object", NS)).inhoud
    assert verwijzing is not None and verwijzing.cid is not None
    inline = inhoud_verwijzing(request, verwijzing)
    assert (inline.cid, inline.base64, inline.bestandsnaam) == (None, text, "brief.txt")
    small = bericht("voegZaakdocumentToe_EdcLk01", "Lk01", edc("D", "Z", "QUJD"))
    assert lift(request, small) is small
