"""An informatieobject as a StUF-ZKN EDC in an answer (ZKN 03.10 entiteit EDC, the
``*-EDC-antwoord`` types of ZDS 1.2 ``zds0120_ent_zs-dms.xsd`` and zkn0310 vraagAntwoord).

The values are written in the XSD order; an element without a value is written as
``xsi:nil="true" StUF:noValue="geenWaarde"`` where the answer type requires it, and left out
where it is optional.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from lxml import etree

from adapters.stuf.document_velden import STATUS_STUF, VERTROUWELIJKHEID_STUF
from adapters.stuf.formats import format_datum
from adapters.stuf.namespaces import STUF, XMIME, XSI, ZKN, qname

LEZEN: Final = (
    "identificatie", "dct.omschrijving", "dct.omschrijvingGeneriek", "dct.categorie",
    "creatiedatum", "ontvangstdatum", "titel", "beschrijving", "formaat", "taal", "versie",
    "status", "verzenddatum", "vertrouwelijkAanduiding", "auteur", "link",
)  # fmt: skip
"""GeefZaakdocumentLezen-EDC-antwoord and EDC-antwoord-gzdb (then ``inhoud``)."""
LIJST: Final = tuple(name for name in LEZEN if name != "dct.categorie")
"""GeefLijstZaakDocumenten-EDC-gerelateerdeAntwoord (no categorie, no inhoud)."""
NILLABLE_REQUIRED: Final = frozenset(
    {"creatiedatum", "titel", "formaat", "taal", "vertrouwelijkAanduiding", "auteur", "link"}
)


@dataclass(frozen=True)
class ZaakVerwijzing:
    """A zaak the document is relevant for, as an answer names it."""

    identificatie: str
    omschrijving: str = ""
    registratiedatum: dt.date | None = None
    titel: str = ""
    beschrijving: str = ""


@dataclass(frozen=True)
class DocumentBeeld:
    """What an answer says about one versie of a document."""

    informatieobject: dict[str, Any]  # InformatieobjectV1 as JSON
    versie: int
    omschrijving: str  # the informatieobjecttype's omschrijving (dct.omschrijving)
    omschrijving_generiek: str = ""
    categorie: str = ""
    zaken: tuple[ZaakVerwijzing, ...] = ()


def _values(beeld: DocumentBeeld) -> dict[str, str]:
    info = beeld.informatieobject

    def datum(name: str) -> str:
        value = info.get(name)
        return format_datum(dt.date.fromisoformat(value)) if value else ""

    return {
        "identificatie": info.get("identificatie", ""),
        "dct.omschrijving": beeld.omschrijving[:80],
        "dct.omschrijvingGeneriek": beeld.omschrijving_generiek[:80],
        "dct.categorie": beeld.categorie[:80],
        "creatiedatum": datum("creatiedatum"),
        "ontvangstdatum": datum("ontvangstdatum"),
        "titel": info.get("titel", "")[:200],
        "beschrijving": info.get("beschrijving", "")[:1000],
        "formaat": info.get("formaat", "")[:85],
        "taal": info.get("taal", "")[:20],
        "versie": str(beeld.versie)[:5],
        "status": STATUS_STUF.get(info.get("status", ""), ""),
        "verzenddatum": datum("verzenddatum"),
        "vertrouwelijkAanduiding": VERTROUWELIJKHEID_STUF.get(
            info.get("vertrouwelijkheidaanduiding", ""), ""
        ),
        "auteur": info.get("auteur", "")[:200],
        "link": info.get("link", "")[:200],
    }


def _nil(element: etree._Element) -> None:
    element.set(qname(XSI, "nil"), "true")
    element.set(qname(STUF, "noValue"), "geenWaarde")


def write_fields(
    parent: etree._Element,
    beeld: DocumentBeeld,
    names: Iterable[str],
    *,
    required: frozenset[str],
    nillable: bool = True,
) -> None:
    """Append the EDC elements ``names`` (in that order) to ``parent``. A required element
    without a value is nil, or (``nillable`` False: the ``-r`` types) empty."""
    values = _values(beeld)
    for name in names:
        value = values[name]
        if not value and name not in required and name != "identificatie":
            continue
        element = etree.SubElement(parent, qname(ZKN, name))
        if value:
            element.text = value
        elif name != "identificatie" and nillable:
            _nil(element)


def write_inhoud(
    parent: etree._Element, beeld: DocumentBeeld, *, base64: str | None, cid: str | None
) -> etree._Element:
    """``inhoud`` (StUF:BinaireInhoud): base64 text, or an ``xop:Include`` of attachment
    ``cid`` (MTOM)."""
    element = etree.SubElement(parent, qname(ZKN, "inhoud"))
    naam = beeld.informatieobject.get("bestandsnaam") or beeld.informatieobject.get(
        "identificatie", "document"
    )
    element.set(qname(STUF, "bestandsnaam"), str(naam)[:255])
    formaat = beeld.informatieobject.get("formaat", "")
    if "/" in formaat:
        element.set(qname(XMIME, "contentType"), formaat)
    if cid is not None:
        include = etree.SubElement(element, "{http://www.w3.org/2004/08/xop/include}Include")
        include.set("href", f"cid:{cid}")
    else:
        element.text = base64 or ""
    return element


def write_zaken(parent: etree._Element, beeld: DocumentBeeld, *, relatie: str) -> None:
    """``isRelevantVoor`` (EDCZAK) per zaak the document is relevant for."""
    for zaak in beeld.zaken:
        element = etree.SubElement(parent, qname(ZKN, relatie))
        element.set(qname(STUF, "entiteittype"), "EDCZAK")
        gerelateerde = etree.SubElement(element, qname(ZKN, "gerelateerde"))
        gerelateerde.set(qname(STUF, "entiteittype"), "ZAK")
        etree.SubElement(gerelateerde, qname(ZKN, "identificatie")).text = zaak.identificatie
        if zaak.omschrijving:
            etree.SubElement(gerelateerde, qname(ZKN, "omschrijving")).text = zaak.omschrijving
        if zaak.registratiedatum is not None:
            etree.SubElement(element, qname(ZKN, "registratiedatum")).text = format_datum(
                zaak.registratiedatum
            )


def edc_object(
    tag: str,
    beeld: DocumentBeeld,
    *,
    names: Iterable[str] = LEZEN,
    required: frozenset[str] = NILLABLE_REQUIRED,
    inhoud: tuple[str | None, str | None] | None = None,
    relatie: str | None = "isRelevantVoor",
    nillable: bool = True,
) -> etree._Element:
    """A complete EDC element ``tag``: fields, then ``inhoud`` (base64, cid) when given, then
    the zaken it is relevant for."""
    element = etree.Element(tag)
    element.set(qname(STUF, "entiteittype"), "EDC")
    write_fields(element, beeld, names, required=required, nillable=nillable)
    if inhoud is not None:
        write_inhoud(element, beeld, base64=inhoud[0], cid=inhoud[1])
    if relatie:
        write_zaken(element, beeld, relatie=relatie)
    return element
