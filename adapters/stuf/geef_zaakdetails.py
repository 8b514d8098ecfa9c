"""geefZaakdetails (ZDS 1.2 section 4.4.1 geefZaakdetails_ZakLv01 -> geefZaakdetails_ZakLa01;
ZDS 1.1 zakLv01 with SOAPAction geefZaakdetails_Lv01 or geefZaakstatus_Lv01 -> zakLa01;
ZDS 1.2 section 4.4.2 geefZaakstatus_ZakLv01 -> geefZaakstatus_ZakLa01).

The vraag: ``gelijk/identificatie`` names the zaak (the only selection this MidOffice
answers; ``scope`` is read as "alles"). The antwoord carries the zaak's attributes in the
order of ZKN:GeefZaakDetails-ZAK-antwoord, its zaaktype (isVan), its rollen
(heeftAlsInitiator, ... for every betrokkeneType) and its statussen (heeft,
oldest first, with indicatieLaatsteStatus). The ZDS 1.2 ``geefZaakstatus`` antwoord has only
identificatie, omschrijving, isVan and the statussen; ZDS 1.1 answers both with a zakLa01.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from lxml import etree

from adapters.stuf.answers import answer, stuurgegevens_for
from adapters.stuf.dispatch import Operation
from adapters.stuf.elements import child, text
from adapters.stuf.errors import niet_conform
from adapters.stuf.formats import format_datum, format_tijdstip
from adapters.stuf.namespaces import BG, STUF, XSI, ZDS, ZKN, qname
from adapters.stuf.stuurgegevens import Stuurgegevens, write_stuurgegevens

_ARCHIEFNOMINATIE: Final = {"blijvend_bewaren": "J", "vernietigen": "N"}
_BETALING: Final = {
    "nvt": "N.v.t.",
    "nog_niet": "(Nog) niet",
    "gedeeltelijk": "Gedeeltelijk",
    "geheel": "Geheel",
}
_RELATIE_ENTITEIT: Final = {
    "heeftAlsBelanghebbende": "ZAKBTRBLH",
    "heeftAlsGemachtigde": "ZAKBTRGMC",
    "heeftAlsInitiator": "ZAKBTRINI",
    "heeftAlsUitvoerende": "ZAKBTRUTV",
    "heeftAlsVerantwoordelijke": "ZAKBTRVRA",
    "heeftAlsOverigBetrokkene": "ZAKBTROVR",
}
_GENERIEK_RELATIE: Final = {
    "initiator": "heeftAlsInitiator",
    "belanghebbende": "heeftAlsBelanghebbende",
    "behandelaar": "heeftAlsUitvoerende",
    "beslisser": "heeftAlsVerantwoordelijke",
}


@dataclass(frozen=True)
class Zaakdetails:
    """What the antwoord shows: the zaak row, its zaaktype (identificatie, omschrijving), its
    statussen as (volgnummer, omschrijving, datumStatusGezet, toelichting), its resultaat
    (omschrijving, toelichting) and its rollen (omschrijvingGeneriek, betrokkeneType,
    betrokkeneIdentificatie)."""

    zaak: Mapping[str, Any]
    zaaktype_code: str
    zaaktype_omschrijving: str
    statussen: Sequence[tuple[int, str, dt.datetime, str]] = ()
    resultaat: tuple[str, str] | None = None
    rollen: Sequence[tuple[str, str, Mapping[str, Any]]] = field(default_factory=tuple)


def gevraagde_identificatie(bericht: etree._Element) -> str:
    """``gelijk/identificatie`` of the vraag; StUF055 when absent."""
    found = text(child(bericht, "gelijk"), "identificatie")
    if not found:
        raise niet_conform("De vraag noemt geen zaak (gelijk/identificatie).")
    return found


def _e(parent: etree._Element, name: str, value: object, namespace: str = ZKN) -> None:
    if value is None or value == "":
        return
    etree.SubElement(parent, qname(namespace, name)).text = str(value)


def _datum(value: Any) -> str | None:
    if value is None:
        return None
    return format_datum(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))


_SUPPORTED: Final = ("natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "medewerker",
                     "organisatorische_eenheid")  # fmt: skip


def _authentiek(parent: etree._Element) -> None:
    # Not checked against the BRP or HR here, so never claimed authentic.
    element = etree.SubElement(parent, qname(BG, "authentiek"))
    element.set(qname(STUF, "metagegeven"), "true")
    element.text = "N"


def _entity(parent: etree._Element, name: str, entiteittype: str) -> etree._Element:
    element = etree.SubElement(parent, qname(ZKN, name))
    element.set(qname(STUF, "entiteittype"), entiteittype)
    return element


def _betrokkene(gerelateerde: etree._Element, soort: str, ident: Mapping[str, Any]) -> None:
    """The one betrokkene of a BTR relation, in ZKN:BTR-gerelateerdeAntwoord's terms."""
    if soort == "natuurlijk_persoon":
        persoon = _entity(gerelateerde, "natuurlijkPersoon", "NPS")
        if ident.get("inpBsn"):
            _e(persoon, "inp.bsn", ident["inpBsn"], BG)
            _authentiek(persoon)
        for name in ("geslachtsnaam", "voorvoegselGeslachtsnaam", "voorletters", "voornamen"):
            _e(persoon, name, ident.get(name), BG)
    elif soort == "niet_natuurlijk_persoon":
        nnp = _entity(gerelateerde, "nietNatuurlijkPersoon", "NNP")
        if ident.get("innNnpId"):
            _e(nnp, "inn.nnpId", ident["innNnpId"], BG)
            _authentiek(nnp)
        _e(nnp, "statutaireNaam", ident.get("statutaireNaam"), BG)
    elif soort == "vestiging":
        vestiging = _entity(gerelateerde, "vestiging", "VES")
        _e(vestiging, "vestigingsNummer", ident.get("vestigingsNummer"), BG)
        for handelsnaam in ident.get("handelsnaam") or []:
            _e(vestiging, "handelsnaam", handelsnaam, BG)
    elif soort == "medewerker":
        medewerker = _entity(gerelateerde, "medewerker", "MDW")
        for name in ("identificatie", "achternaam", "voorletters", "voorvoegselAchternaam"):
            _e(medewerker, name, ident.get(name))
    else:
        eenheid = _entity(gerelateerde, "organisatorischeEenheid", "OEH")
        _e(eenheid, "identificatie", ident.get("identificatie"))
        _e(eenheid, "naam", ident.get("naam"))


def _rollen(parent: etree._Element, rollen: Iterable[tuple[str, str, Mapping[str, Any]]]) -> None:
    ordered = sorted(
        ((_GENERIEK_RELATIE.get(generiek, "heeftAlsOverigBetrokkene"), soort, ident)
         for generiek, soort, ident in rollen if soort in _SUPPORTED),
        key=lambda r: list(_RELATIE_ENTITEIT).index(r[0]),
    )  # fmt: skip
    for relatie, soort, ident in ordered:
        element = _entity(parent, relatie, _RELATIE_ENTITEIT[relatie])
        _betrokkene(etree.SubElement(element, qname(ZKN, "gerelateerde")), soort, ident)


def _nil(parent: etree._Element, name: str) -> etree._Element:
    element = etree.SubElement(parent, qname(ZKN, name))
    element.set(qname(XSI, "nil"), "true")
    element.set(qname(STUF, "noValue"), "geenWaarde")
    return element


def _is_van(obj: etree._Element, details: Zaakdetails) -> None:
    is_van = etree.SubElement(obj, qname(ZKN, "isVan"))
    is_van.set(qname(STUF, "entiteittype"), "ZAKZKT")
    zaaktype = etree.SubElement(is_van, qname(ZKN, "gerelateerde"))
    zaaktype.set(qname(STUF, "entiteittype"), "ZKT")
    _e(zaaktype, "omschrijving", details.zaaktype_omschrijving[:80])
    _e(zaaktype, "code", details.zaaktype_code)


def _statussen(obj: etree._Element, details: Zaakdetails, *, complete: bool) -> None:
    """``heeft`` per status; ``complete`` writes every element (nil when empty), as
    geefZaakstatus requires."""
    if not details.statussen and complete:
        _nil(obj, "heeft").set(qname(STUF, "entiteittype"), "ZAKSTT")
    for index, (volgnummer, omschrijving, gezet, toelichting) in enumerate(details.statussen):
        heeft = etree.SubElement(obj, qname(ZKN, "heeft"))
        heeft.set(qname(STUF, "entiteittype"), "ZAKSTT")
        statustype = etree.SubElement(heeft, qname(ZKN, "gerelateerde"))
        statustype.set(qname(STUF, "entiteittype"), "STT")
        _e(statustype, "zkt.code", details.zaaktype_code)
        _e(statustype, "zkt.omschrijving", details.zaaktype_omschrijving[:80])
        _e(statustype, "volgnummer", f"{volgnummer:04d}")
        _e(statustype, "omschrijving", omschrijving[:80])
        if toelichting:
            _e(heeft, "toelichting", toelichting[:1000])
        elif complete:
            _nil(heeft, "toelichting")
        _e(heeft, "datumStatusGezet", format_tijdstip(gezet))
        if index == len(details.statussen) - 1:
            _e(heeft, "indicatieLaatsteStatus", "J")
        elif complete:  # required in geefZaakstatus, and the schema knows only J
            _nil(heeft, "indicatieLaatsteStatus")


def _object(parent: etree._Element, details: Zaakdetails, *, status_only: bool) -> None:
    zaak = details.zaak
    obj = etree.SubElement(parent, qname(ZKN, "object"))
    obj.set(qname(STUF, "entiteittype"), "ZAK")
    _e(obj, "identificatie", zaak["identificatie"])
    _e(obj, "omschrijving", zaak.get("omschrijving"))
    if status_only:
        _is_van(obj, details)
        _statussen(obj, details, complete=True)
        return
    _e(obj, "toelichting", zaak.get("toelichting"))
    if details.resultaat is not None:
        resultaat = etree.SubElement(obj, qname(ZKN, "resultaat"))
        _e(resultaat, "omschrijving", details.resultaat[0][:80])
        _e(resultaat, "toelichting", details.resultaat[1][:1000])
    for name, key in (
        ("startdatum", "startdatum"),
        ("registratiedatum", "registratiedatum"),
        ("publicatiedatum", "publicatiedatum"),
        ("einddatumGepland", "einddatum_gepland"),
        ("uiterlijkeEinddatum", "uiterlijke_einddatum_afdoening"),
        ("einddatum", "einddatum"),
    ):
        _e(obj, name, _datum(zaak.get(key)))
    _e(obj, "betalingsIndicatie", _BETALING.get(str(zaak.get("betalingsindicatie") or "")))
    _e(obj, "archiefnominatie", _ARCHIEFNOMINATIE.get(str(zaak.get("archiefnominatie") or "")))
    _e(obj, "datumVernietigingDossier", _datum(zaak.get("archiefactiedatum")))
    _is_van(obj, details)
    _rollen(obj, details.rollen)
    _statussen(obj, details, complete=False)


def _status_only(operation: Operation) -> bool:
    """ZDS 1.2 geefZaakstatus: an antwoord without attributes and rollen."""
    return operation.name == "geefZaakstatus_ZakLv01"


def getoonde_bsns(operation: Operation, details: Zaakdetails) -> list[str]:
    """The BSNs the :func:`la01` antwoord shows (``inp.bsn`` of its natuurlijk-persoon rollen;
    none in a ZDS 1.2 geefZaakstatus): the subjects of the read's processing-log record."""
    if _status_only(operation):
        return []
    return [str(ident["inpBsn"]) for _, soort, ident in details.rollen
            if soort == "natuurlijk_persoon" and ident.get("inpBsn")]  # fmt: skip


def la01(
    operation: Operation, request: Stuurgegevens, details: Zaakdetails, now: dt.datetime
) -> bytes:
    """The La01 antwoord with the zaak's details."""
    status_only = _status_only(operation)
    root_name = operation.name.replace("Lv01", "La01") if operation.namespace == ZDS else "zakLa01"
    bericht = etree.Element(qname(operation.namespace, root_name))
    gegevens = stuurgegevens_for(request, "La01", now)
    write_stuurgegevens(
        bericht,
        qname(ZKN, "stuurgegevens"),
        replace(gegevens, entiteittype="ZAK"),
        entiteittype=True,
    )
    parameters = etree.SubElement(bericht, qname(ZKN, "parameters"))
    etree.SubElement(parameters, qname(STUF, "indicatorVervolgvraag")).text = "false"
    _object(etree.SubElement(bericht, qname(ZKN, "antwoord")), details, status_only=status_only)
    return answer(bericht)
