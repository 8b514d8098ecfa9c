"""Unit tests of the StUF-ZKN core (pure translation): hardened parsing, formats and noValue,
stuurgegevens of answers, dispatch, the mapping file, and the ZAK object -> ZGW mapping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import resource
import time
from typing import Any

import pytest
from lxml import etree

from adapters.stuf import betrokkene, xml_safe, zaak_kennisgeving, zaak_object, zaak_oud
from adapters.stuf.answers import bv03, foutbericht
from adapters.stuf.dispatch import operation, resolve
from adapters.stuf.errors import StufFout
from adapters.stuf.formats import (
    NoValue,
    element_value,
    format_tijdstip,
    parse_datum,
    parse_tijdstip,
)
from adapters.stuf.mapping import MappingFileError, parse_mapping
from adapters.stuf.namespaces import ZDS, ZKN
from adapters.stuf.soap import read_envelope
from adapters.stuf.stuurgegevens import read_stuurgegevens
from adapters.stuf.wsdl import PORTS, wsdl
from tests.stuf_support import STANDARDS, ZDS11_ACTION, ZDS12_ACTION, bericht, texts

NS = (
    'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:StUF="http://www.egem.nl/StUF/StUF0301" '
    'xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310" '
    'xmlns:ZDS="http://www.stufstandaarden.nl/koppelvlak/zds0120" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
NOW = dt.datetime(2026, 3, 1, 11, 0, tzinfo=dt.UTC)


def message(root: str, body: str = "", soort: str = "") -> etree._Element:
    parameters = (
        (f"<ZKN:parameters><StUF:mutatiesoort>{soort}</StUF:mutatiesoort></ZKN:parameters>")
        if soort
        else ""
    )
    text = f"""<soap:Envelope {NS}><soap:Body><{root}><ZKN:stuurgegevens>
      <StUF:berichtcode>Lk01</StUF:berichtcode>
      <StUF:zender><StUF:organisatie>0392</StUF:organisatie><StUF:applicatie>BAK</StUF:applicatie>
      </StUF:zender><StUF:ontvanger><StUF:applicatie>ZSH</StUF:applicatie></StUF:ontvanger>
      <StUF:referentienummer>ref-1</StUF:referentienummer></ZKN:stuurgegevens>
      {parameters}{body}</{root}></soap:Body></soap:Envelope>"""
    return read_envelope(xml_safe.parse(text.encode()))


def test_hostile_xml_is_refused_before_parsing_in_bounded_time_and_memory() -> None:
    laughs = (
        b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10 if i > 1 else "&a;" * 10}">'.encode()
            for i in range(1, 12)
        )
        + b"]><l>&a11;</l>"
    )
    blowup = b'<!DOCTYPE k [<!ENTITY a "' + b"x" * 100_000 + b'">]><k>' + b"&a;" * 100_000 + b"</k>"
    hostile = {
        "billion laughs": laughs,
        "quadratic blowup": blowup,
        "xxe": b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
        "external dtd": b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/x.dtd"><d/>',
        "doctype in lower case": b"<!doctype d><d/>",
        "utf-16": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d><d/>'.encode("utf-16"),
        "declared latin-1": b'<?xml version="1.0" encoding="ISO-8859-1"?><d/>',
        "not xml": b'{"json": true}',
        "empty": b"  ",
    }
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for name, body in hostile.items():
        started = time.perf_counter()
        with pytest.raises(xml_safe.XmlRejected) as refused:
            xml_safe.parse(body)
        assert time.perf_counter() - started < 0.5, name
        assert b"passwd" not in str(refused.value).encode() and "aaa" not in str(refused.value)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    with pytest.raises(xml_safe.XmlRejected):
        xml_safe.parse(b"<a>" + b"x" * 2000 + b"</a>", max_bytes=1024)
    with pytest.raises(xml_safe.XmlRejected) as too_long:
        xml_safe.parse(b"<a>" + b"A" * 10_500_000 + b"</a>")
    assert "MTOM" in str(too_long.value)
    with pytest.raises(xml_safe.XmlRejected) as too_deep:
        xml_safe.parse(b"<a>" * 300 + b"</a>" * 300)
    assert "nesting" in str(too_deep.value)


def test_soap_12_and_missing_body_are_refused_as_fo02() -> None:
    for text in (
        b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><x/>'
        b"</e:Body></e:Envelope>",
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>',
        b"<Envelope><Body/></Envelope>",
    ):
        with pytest.raises(StufFout) as error:
            read_envelope(xml_safe.parse(text))
        assert error.value.berichtcode == "Fo02" and error.value.code == "StUF055"


def test_dates_times_and_no_values() -> None:
    assert parse_datum("20200207") == dt.date(2020, 2, 7)
    assert parse_datum("20200000") == dt.date(2020, 1, 1)  # indOnvolledigeDatum J
    assert parse_tijdstip("20220724235959000") == dt.datetime(
        2022, 7, 24, 23, 59, 59, tzinfo=parse_tijdstip("20220724").tzinfo
    )
    assert parse_tijdstip("2018070409102946").microsecond == 460_000
    assert format_tijdstip(NOW) == "20260301120000000"  # Dutch time, 17 digits
    element = etree.fromstring(
        f'<a {NS}><b xsi:nil="true" StUF:noValue="geenWaarde"/><c StUF:noValue="waardeOnbekend"'
        f' xsi:nil="true"/><d>x</d><e/></a>'
    )
    b, c, d, e = element
    assert element_value(b) == NoValue("geenWaarde") and NoValue("geenWaarde").clears
    assert element_value(c) == NoValue("waardeOnbekend") and not NoValue("waardeOnbekend").clears
    assert element_value(d) == "x" and element_value(e) == NoValue("geenWaarde")
    assert element_value(None) is None


def test_answers_swap_zender_and_ontvanger_and_cross_reference() -> None:
    request = read_stuurgegevens(message("ZDS:creeerZaak_ZakLk01"))
    assert request is not None
    answer = bericht(bv03(request, NOW))
    assert texts(answer, "applicatie") == ["ZSH", "BAK"]
    assert texts(answer, "crossRefnummer") == ["ref-1"]
    assert texts(answer, "referentienummer")[0] not in ("", "ref-1")
    schema = etree.XMLSchema(etree.parse(str(STANDARDS / "zds-1.2/0301/stuf0301.xsd")))
    fout = bericht(foutbericht(request, StufFout("ZKN001", "Zaak 'x' is onbekend."), NOW))
    assert schema.validate(etree.fromstring(etree.tostring(fout))), schema.error_log
    assert etree.QName(fout).localname == "Fo03Bericht"
    assert schema.validate(etree.fromstring(etree.tostring(answer)))
    unread = bericht(foutbericht(None, StufFout("StUF055", "x" * 300), NOW))
    assert etree.QName(unread).localname == "Fo02Bericht"
    assert len(texts(unread, "omschrijving")[0]) == 200 and texts(unread, "details")


@pytest.mark.parametrize(
    ("root", "action", "soort", "expected"),
    [
        ("ZDS:creeerZaak_ZakLk01", "", "", "creeerZaak_ZakLk01"),
        ("ZDS:creeerZaak_ZakLk01", ZDS12_ACTION + "updateZaak_ZakLk01", "", "creeerZaak_ZakLk01"),
        (
            "ZKN:zakLk01",
            ZDS11_ACTION + "actualiseerZaakstatus_Lk01",
            "W",
            "actualiseerZaakstatus_Lk01",
        ),
        ("ZKN:zakLk01", "", "T", "creeerZaak_Lk01"),
        ("ZKN:zakLk01", "", "W", "updateZaak_Lk01"),
        ("ZKN:zakLk01", ZDS12_ACTION + "creeerZaak_ZakLk01", "", "creeerZaak_Lk01"),
        ("ZKN:ZAK-Lk01", "", "W", "updateZaak_Lk01"),
        ("ZKN:zakLv01", "", "", "geefZaakdetails_Lv01"),
        ("ZKN:zakLv01", "", "lijst", "geefLijstZaakdocumenten_Lv01"),
        ("ZKN:zakLv01", "", "details", "geefZaakdetails_Lv01"),
        ("ZKN:zakLv01", ZDS11_ACTION + "geefZaakdetails_Lv01", "lijst", "geefZaakdetails_Lv01"),
        ("ZKN:zakLv01", ZDS11_ACTION + "geefZaakstatus_Lv01", "", "geefZaakstatus_Lv01"),
        ("ZDS:genereerZaakIdentificatie_Di02", "Unknown", "", "genereerZaakIdentificatie_Di02"),
    ],
)
def test_dispatch_on_root_and_soapaction(root: str, action: str, soort: str, expected: str) -> None:
    scope = SCOPES.get(soort)
    found = resolve(message(root, scope or "", soort="" if scope else soort), action)
    assert found.name == expected


SCOPES = {  # zakLv01 scopes: the documents only, or zaakgegevens
    "lijst": '<ZKN:scope><ZKN:object StUF:entiteittype="ZAK"><ZKN:identificatie xsi:nil="true"/>'
    '<ZKN:heeftRelevant StUF:entiteittype="ZAKEDC"><ZKN:gerelateerde StUF:entiteittype="EDC">'
    '<ZKN:titel xsi:nil="true"/></ZKN:gerelateerde></ZKN:heeftRelevant></ZKN:object></ZKN:scope>',
    "details": '<ZKN:scope><ZKN:object StUF:entiteittype="ZAK" StUF:scope="alles"/></ZKN:scope>',
}


def test_operations_with_one_name_in_both_versions_are_found_per_namespace() -> None:
    zds12 = operation("cancelCheckout_Di02", ZDS)
    zds11 = operation("cancelCheckout_Di02", ZKN)
    assert (zds12.zds, zds11.zds) == ("1.2", "1.1")
    assert zds12.soapaction == ZDS12_ACTION + "cancelCheckout_Di02"
    assert operation("geefZaakdetails_ZakLv01").zds == "1.2"  # one version: no namespace needed
    with pytest.raises(KeyError, match="namespace"):
        operation("cancelCheckout_Di02")


def test_dispatch_refuses_unknown_and_ambiguous_messages() -> None:
    with pytest.raises(StufFout) as unknown:
        resolve(message("ZDS:sluitZaak_ZakLk01"), "")
    assert unknown.value.code == "ZKN005"
    with pytest.raises(StufFout) as ambiguous:
        resolve(message("ZKN:zakLk01"), "")
    assert ambiguous.value.code == "ZKN008" and "mutatiesoort" in ambiguous.value.omschrijving
    both = SCOPES["lijst"].replace("<ZKN:heeftRelevant", "<ZKN:omschrijving/><ZKN:heeftRelevant")
    with pytest.raises(StufFout) as vraag:
        resolve(message("ZKN:zakLv01", both), "")
    assert vraag.value.code == "ZKN008" and vraag.value.berichtcode == "Fo03"
    assert "heeftRelevant" in vraag.value.omschrijving


def test_mapping_file_problems_name_the_path_and_reason() -> None:
    with pytest.raises(MappingFileError) as error:
        parse_mapping(
            {
                "gemeenten": [
                    {
                        "rsin": "123",
                        "organisaties": ["0392"],
                        "statustypeSleutel": "code",
                        "roltypen": {"heeftAlsKoning": "initiator"},
                        "kleur": "rood",
                    },
                    {"rsin": "002220647", "organisaties": ["0392"]},
                ]
            },
            "mapping.yaml",
        )
    text = str(error.value)
    for part in (
        "mapping.yaml: gemeenten[0].rsin:",
        "gemeenten[0].statustypeSleutel",
        "gemeenten[0].roltypen.heeftAlsKoning",
        "gemeenten[0].kleur: onbekend veld",
        "gemeenten[1].organisaties: organisatie '0392'",
    ):
        assert part in text, text
    mapping = parse_mapping(
        {
            "gemeenten": [
                {
                    "rsin": "002220647",
                    "organisaties": ["0392"],
                    "zaaktypen": {"B1": "ZT"},
                    "afsluitenZonderResultaat": "Verleend",
                }
            ]
        },
        "m",
    )
    gemeente = mapping.gemeente("")  # the only gemeente: unambiguous
    assert gemeente is not None and gemeente.zaaktype_ref("B1") == "ZT"
    assert gemeente.zaaktype_ref("ZT2") == "ZT2" and gemeente.resultaat_fallback == "Verleend"
    assert gemeente.roltypen["heeftAlsInitiator"] == "initiator"


ZAAK = """<ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="{soort}">
  <ZKN:identificatie>Z-1</ZKN:identificatie><ZKN:omschrijving>Test</ZKN:omschrijving>
  <ZKN:toelichting xsi:nil="true" StUF:noValue="geenWaarde"/>
  <ZKN:startdatum>20200207</ZKN:startdatum><ZKN:einddatumGepland xsi:nil="true"
   StUF:noValue="waardeOnbekend"/><ZKN:uiterlijkeEinddatum>20200301</ZKN:uiterlijkeEinddatum>
  <ZKN:archiefnominatie>J</ZKN:archiefnominatie><ZKN:betalingsIndicatie>N.v.t.</ZKN:betalingsIndicatie>
  <ZKN:isVan><ZKN:gerelateerde><ZKN:code>B1291</ZKN:code></ZKN:gerelateerde></ZKN:isVan>
  <ZKN:heeftAlsInitiator><ZKN:gerelateerde><ZKN:natuurlijkPersoon
    xmlns:BG="http://www.egem.nl/StUF/sector/bg/0310"><BG:inp.bsn>111222333</BG:inp.bsn>
    <BG:geslachtsaanduiding>V</BG:geslachtsaanduiding><BG:geboortedatum>19760930</BG:geboortedatum>
  </ZKN:natuurlijkPersoon></ZKN:gerelateerde></ZKN:heeftAlsInitiator>
  <ZKN:heeft><ZKN:gerelateerde><ZKN:volgnummer>2</ZKN:volgnummer></ZKN:gerelateerde>
    <ZKN:datumStatusGezet>20200207103000</ZKN:datumStatusGezet></ZKN:heeft>
  <ZKN:resultaat><ZKN:omschrijving>Verleend</ZKN:omschrijving></ZKN:resultaat>
</ZKN:object>"""


def test_zaak_object_maps_onto_zgw_fields() -> None:
    kennisgeving = zaak_kennisgeving.read(message("ZKN:zakLk01", ZAAK.format(soort="T"), "T"))
    nieuw = kennisgeving.subject
    assert kennisgeving.mutatiesoort == "T" and kennisgeving.identificatie == "Z-1"
    fields: dict[str, Any] = zaak_object.zaak_fields(nieuw)
    assert fields == {
        "identificatie": "Z-1",
        "omschrijving": "Test",
        "toelichting": "",
        "startdatum": "2020-02-07",
        "uiterlijkeEinddatumAfdoening": "2020-03-01",
        "archiefnominatie": "blijvend_bewaren",
        "betalingsindicatie": "nvt",
    }
    assert zaak_object.zaaktype_code(nieuw) == "B1291"
    status = zaak_object.status(nieuw)
    assert status is not None and status.volgnummer == "2"
    assert status.datum_status_gezet == parse_tijdstip("20200207103000")
    resultaat = zaak_object.resultaat(nieuw)
    assert resultaat is not None and resultaat.omschrijving == "Verleend"
    [(relatie, element)] = betrokkene.rollen(nieuw)
    assert relatie == "heeftAlsInitiator"
    assert betrokkene.rol_body(element) == {
        "betrokkeneType": "natuurlijk_persoon",
        "roltoelichting": "heeftAlsInitiator",
        "betrokkeneIdentificatie": {
            "inpBsn": "111222333",
            "geslachtsaanduiding": "v",
            "geboortedatum": "1976-09-30",
        },
    }


def test_mutatiesoorten_and_oud_nieuw_pairs() -> None:
    oud = "<ZKN:object><ZKN:identificatie>Z-1</ZKN:identificatie></ZKN:object>"
    pair = zaak_kennisgeving.read(message("ZKN:zakLk01", oud + ZAAK.format(soort="W"), "W"))
    assert pair.oud is not None and pair.nieuw is not None and pair.identificatie == "Z-1"
    single = zaak_kennisgeving.read(message("ZKN:zakLk01", ZAAK.format(soort="W"), "W"))
    assert single.oud is None and single.nieuw is not None  # Sigmax sends only nieuw
    delete = zaak_kennisgeving.read(message("ZKN:zakLk01", oud, "V"))
    assert delete.nieuw is None and delete.identificatie == "Z-1"
    inferred = zaak_kennisgeving.read(message("ZKN:zakLk01", ZAAK.format(soort="T")))
    assert inferred.mutatiesoort == "T"  # from StUF:verwerkingssoort
    other = oud.replace("Z-1", "Z-2")
    for body, soort, code in (
        (oud, "E", "ZKN006"),
        (oud + other, "W", "StUF055"),
        (oud, "Q", "StUF055"),
        (oud + oud, "T", "StUF055"),
    ):
        with pytest.raises(StufFout) as error:
            zaak_kennisgeving.read(message("ZKN:zakLk01", body, soort))
        assert error.value.code == code


def test_wsdls_are_wsdl_documents_naming_every_operation_of_their_port() -> None:
    for port in PORTS:
        root = etree.fromstring(wsdl(port, f"http://127.0.0.1/stuf-zkn/zds/{port}"))
        assert root.tag == "{http://schemas.xmlsoap.org/wsdl/}definitions"
        actions = root.xpath("//*[local-name()='operation']/@soapAction")
        assert actions and all(a.startswith("http") for a in actions)


def test_creeer_zaak_becomes_one_registration_body_through_the_mapping() -> None:
    from adapters.stuf.zaak_bodies import registratie_body
    from catalogi.loader import load_catalogue
    from midoffice.gateway.stuf.mapping_file import load_mapping
    from midoffice.settings import DEMO_CATALOGUE, DEMO_STUF_MAPPING

    catalogue = load_catalogue(DEMO_CATALOGUE)
    gemeente = load_mapping(DEMO_STUF_MAPPING).gemeente("0392")
    assert gemeente is not None
    nieuw = zaak_kennisgeving.read(message("ZKN:zakLk01", ZAAK.format(soort="T"), "T")).subject
    body, zaaktype = registratie_body(nieuw, gemeente, catalogue, NOW)
    assert zaaktype.identificatie == "AANVRAAG-PARKEERVERGUNNING"  # B1291 in the demo mapping
    assert body["zaak"]["bronorganisatie"] == body["zaak"]["verantwoordelijkeOrganisatie"]
    assert body["zaak"]["zaaktype"].endswith(f"/zaaktypen/{zaaktype.uuid}")
    [rol] = body["rollen"]
    assert rol["roltype"].endswith("/roltypen/7e1c3a10-0101-4a4a-8a8a-000000000101")
    assert body["status"]["statustype"].endswith(
        "/statustypen/7e1c3a10-0002-4a4a-8a8a-000000000002"
    )
    assert body["status"]["datumStatusGezet"] == "2020-02-07T09:30:00+00:00"  # 10:30 Dutch time
    unknown = ZAAK.format(soort="T").replace("B1291", "B9999")
    with pytest.raises(StufFout) as error:
        registratie_body(
            zaak_kennisgeving.read(message("ZKN:zakLk01", unknown, "T")).subject,
            gemeente,
            catalogue,
            NOW,
        )
    assert error.value.code == "ZKN002" and "B9999" in error.value.omschrijving


def test_genereer_zaak_identificatie_is_stable_per_message() -> None:
    from adapters.stuf.genereer_zaak_identificatie import du02, identificatie_for

    request = read_stuurgegevens(message("ZKN:genereerZaakIdentificatie_Di02"))
    assert request is not None
    first = identificatie_for(request, prefix="0392")
    assert first == identificatie_for(request, prefix="0392") and first.startswith("0392-")
    other = dataclasses.replace(request, referentienummer="ref-2")
    assert identificatie_for(other, prefix="0392") != first
    for namespace in (ZDS, ZKN):  # the same name in both versions, each its own answer
        op = operation("genereerZaakIdentificatie_Di02", namespace)
        answer = bericht(du02(op, request, first, NOW))
        assert etree.QName(answer).namespace == namespace
    assert etree.QName(answer).localname == "genereerZaakIdentificatie_Du02"
    assert texts(answer, "identificatie") == [first] and texts(answer, "functie") == [
        "genereerZaakidentificatie"
    ]


def test_a_wrapper_element_around_the_bericht_is_unwrapped() -> None:
    wrapped = (
        f'<soap:Envelope {NS}><soap:Body><t:actualiseerZaakstatus xmlns:t="http://tempuri.org/">'
        "<ZKN:zakLk01><ZKN:stuurgegevens><StUF:berichtcode>Lk01</StUF:berichtcode>"
        "</ZKN:stuurgegevens></ZKN:zakLk01></t:actualiseerZaakstatus></soap:Body></soap:Envelope>"
    )
    assert etree.QName(read_envelope(xml_safe.parse(wrapped.encode()))).localname == "zakLk01"


def test_the_oud_object_is_compared_attribute_by_attribute() -> None:
    huidig = {"omschrijving": "Test", "toelichting": "", "startdatum": "2020-02-07",
              "laatsteBetaaldatum": "2020-03-01T10:00:00Z", "betalingsindicatie": "geheel",
              "opschorting": {"indicatie": True, "reden": "wacht"},
              "verlenging": {"reden": "drukte", "duur": "P14D"},
              "kenmerken": [{"kenmerk": "K1", "bron": "B"}, {"kenmerk": "K2", "bron": "B"}],
              "archiefnominatie": None}  # fmt: skip
    oud = """<ZKN:object><ZKN:identificatie>Z-1</ZKN:identificatie>
      <ZKN:omschrijving> Test </ZKN:omschrijving><ZKN:toelichting xsi:nil="true"/>
      <ZKN:startdatum>20200207</ZKN:startdatum><ZKN:laatsteBetaaldatum>20200301</ZKN:laatsteBetaaldatum>
      <ZKN:archiefnominatie xsi:nil="true" StUF:noValue="geenWaarde"/>
      <ZKN:betalingsIndicatie>Geheel</ZKN:betalingsIndicatie>
      <ZKN:kenmerk><ZKN:kenmerk>K2</ZKN:kenmerk><ZKN:bron>B</ZKN:bron></ZKN:kenmerk>
      <ZKN:opschorting><ZKN:indicatie>J</ZKN:indicatie><ZKN:reden>wacht</ZKN:reden></ZKN:opschorting>
      <ZKN:verlenging><ZKN:duur>14</ZKN:duur><ZKN:reden>drukte</ZKN:reden></ZKN:verlenging>
      </ZKN:object>"""  # fmt: skip
    element = zaak_kennisgeving.read(message("ZKN:zakLk01", oud + oud, "W")).oud
    assert element is not None
    assert zaak_oud.verschillen(element, huidig) == []
    stale = {**huidig, "omschrijving": "Nieuwer", "toelichting": "gezet",
             "opschorting": {"indicatie": False, "reden": ""}, "verlenging": None,
             "kenmerken": [{"kenmerk": "K1", "bron": "B"}], "archiefnominatie": "vernietigen",
             "laatsteBetaaldatum": "2020-03-02T10:00:00Z"}  # fmt: skip
    assert zaak_oud.verschillen(element, stale) == [
        "omschrijving", "toelichting", "laatsteBetaaldatum", "archiefnominatie", "opschorting",
        "verlenging", "kenmerk",
    ]  # fmt: skip
    error = zaak_oud.afgewezen(["omschrijving"])
    assert error.code == "ZKN009" and "(omschrijving)" in error.omschrijving


def test_the_demo_mapping_knows_every_document_type_the_samples_send() -> None:
    from adapters.stuf import catalogus
    from catalogi.loader import load_catalogue
    from midoffice.gateway.stuf.mapping_file import load_mapping
    from midoffice.settings import DEMO_CATALOGUE, DEMO_STUF_MAPPING
    from tests.stuf_support import SAMPLES

    catalogue = load_catalogue(DEMO_CATALOGUE)
    mapping = load_mapping(DEMO_STUF_MAPPING)
    found = set()
    for path in SAMPLES.rglob("*"):
        if (
            path.is_file()
            and path.suffix in ("", ".xml")
            and b"dct.omschrijving>" in (data := path.read_bytes())
        ):
            root = etree.fromstring(data)
            organisatie = root.xpath("string(//*[local-name()='zender']/*[local-name()="
                                     "'organisatie'])")  # fmt: skip
            gemeente = mapping.gemeente(organisatie)
            assert gemeente is not None, path
            for element in root.xpath("//*[local-name()='dct.omschrijving']"):
                if element.text and element.text.strip():
                    found.add(element.text.strip())
                    catalogus.informatieobjecttype(catalogue, gemeente, element.text.strip())
    assert {"Brief", "test"} <= found
