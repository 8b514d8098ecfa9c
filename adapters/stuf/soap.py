"""SOAP 1.1 (W3C Note, sections 4 "Envelope" and 4.4 "Fault") for the StUF-ZKN services.

:func:`read_envelope` returns the one bericht element inside ``soap:Body``; a SOAP 1.2
envelope, a missing Body, an empty Body or two berichten are refused. :func:`envelope`
wraps an answer, :func:`fault` wraps a StUF foutbericht in ``soap:Fault/detail``
(``faultcode`` ``soap:Client`` or ``soap:Server`` after the foutbericht's plek).
"""

from __future__ import annotations

from lxml import etree

from adapters.stuf.errors import niet_conform
from adapters.stuf.namespaces import (
    PREFIXES,
    SOAP11,
    SOAP12,
    local_name,
    namespace_of,
    qname,
    stuf_name,
)

CONTENT_TYPE = "text/xml; charset=utf-8"


def read_envelope(root: etree._Element) -> etree._Element:
    """The bericht in the SOAP 1.1 Body of ``root``; raises StufFout (Fo02) otherwise."""
    if local_name(root.tag) != "Envelope":
        raise niet_conform("Het bericht is geen SOAP-envelope.", berichtcode="Fo02")
    if namespace_of(root.tag) == SOAP12:
        raise niet_conform(
            "SOAP 1.2 wordt niet ondersteund; StUF-ZKN gebruikt SOAP 1.1.", berichtcode="Fo02"
        )
    if namespace_of(root.tag) != SOAP11:
        raise niet_conform("De envelope is niet in de SOAP 1.1-namespace.", berichtcode="Fo02")
    bodies = [c for c in root if c.tag == qname(SOAP11, "Body")]
    if len(bodies) != 1:
        raise niet_conform(
            "De SOAP-envelope heeft geen (of meer dan één) Body.", berichtcode="Fo02"
        )
    berichten = [c for c in bodies[0] if isinstance(c.tag, str)]
    if len(berichten) != 1:
        raise niet_conform("De SOAP-Body moet precies één bericht bevatten.", berichtcode="Fo02")
    return _unwrap(berichten[0])


def _unwrap(bericht: etree._Element) -> etree._Element:
    """Some brokers wrap the bericht in an operation element of another namespace (Sigmax's
    tempuri ``<opname><bericht/></opname>``): use the inner element when it has stuurgegevens
    and the wrapper has not."""
    if any(stuf_name(c.tag) == "stuurgegevens" for c in bericht):
        return bericht
    inner = [c for c in bericht if isinstance(c.tag, str)]
    if len(inner) == 1 and any(stuf_name(c.tag) == "stuurgegevens" for c in inner[0]):
        return inner[0]
    return bericht


def envelope(bericht: etree._Element) -> bytes:
    """``bericht`` in a SOAP 1.1 envelope, serialised as UTF-8 with an XML declaration."""
    root = etree.Element(qname(SOAP11, "Envelope"), nsmap=PREFIXES)
    body = etree.SubElement(root, qname(SOAP11, "Body"))
    body.append(bericht)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def fault(foutbericht: etree._Element, *, plek: str, faultstring: str) -> bytes:
    """A SOAP 1.1 Fault carrying ``foutbericht`` in its detail."""
    root = etree.Element(qname(SOAP11, "Envelope"), nsmap=PREFIXES)
    body = etree.SubElement(root, qname(SOAP11, "Body"))
    element = etree.SubElement(body, qname(SOAP11, "Fault"))
    etree.SubElement(element, "faultcode").text = (
        "soap:Server" if plek == "server" else "soap:Client"
    )
    etree.SubElement(element, "faultstring").text = faultstring
    etree.SubElement(element, "detail").append(foutbericht)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
