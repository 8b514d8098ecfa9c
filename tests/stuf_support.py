"""Shared helpers of the StUF-ZKN tests: samples, HTTP Basic, posting, and validating answers
against the official XSDs in ``../shared/standards/stuf-zkn`` (read, never copied).

Schema validation, all with lxml (libxml2): StUF's own berichten (Bv03, Fo0x) against
``0301/stuf0301.xsd``; everything else through
:func:`tests.integration.stuf_documenten_xsd.xsd_errors` (ZDS 1.2 and ZDS 1.1 through wrapper
schemas that include every file of a namespace, compiled once per process).
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import Final

from lxml import etree

from tests.integration.stuf_documenten_xsd import xsd_errors

ROOT: Final = Path(__file__).resolve().parents[1]
SHARED: Final = ROOT.parent / "shared"
SAMPLES: Final = SHARED / "samples" / "stuf"
STANDARDS: Final = SHARED / "standards" / "stuf-zkn"
SOAP11: Final = "http://schemas.xmlsoap.org/soap/envelope/"
STUF: Final = "http://www.egem.nl/StUF/StUF0301"
ZKN: Final = "http://www.egem.nl/StUF/sector/zkn/0310"
ZDS: Final = "http://www.stufstandaarden.nl/koppelvlak/zds0120"
ZDS11_ACTION: Final = "http://www.egem.nl/StUF/sector/zkn/0310/"
ZDS12_ACTION: Final = "http://www.stufstandaarden.nl/koppelvlak/zds0120/"
PORTS: Final = ("OntvangAsynchroon", "BeantwoordVraag", "VrijeBerichten")


def basic(client_id: str = "demo", secret: str = "demo-secret") -> dict[str, str]:
    """The HTTP Basic header of an applicatie."""
    token = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def soap_headers(action: str, **extra: str) -> dict[str, str]:
    return {**basic(), "SOAPAction": f'"{action}"', "Content-Type": "text/xml; charset=utf-8",
            **extra}  # fmt: skip


def bericht(body: bytes) -> etree._Element:
    """The element inside soap:Body (or soap:Fault/detail) of an answer."""
    root = etree.fromstring(body)
    assert root.tag == f"{{{SOAP11}}}Envelope", body[:200]
    inner = root.find(f"{{{SOAP11}}}Body")[0]
    if inner.tag == f"{{{SOAP11}}}Fault":
        return inner.find("detail")[0]
    return inner


def texts(element: etree._Element, local: str) -> list[str]:
    """Every text of elements called ``local`` below ``element`` (any namespace)."""
    return [e.text or "" for e in element.iter() if isinstance(e.tag, str)
            and e.tag.rsplit("}", 1)[-1] == local]  # fmt: skip


def foutcode(body: bytes) -> str:
    found = texts(bericht(body), "code")
    return found[0] if found else ""


@cache
def _lxml_schema(relative: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARDS / relative)))


def assert_valid(body: bytes) -> etree._Element:
    """Validate the bericht of a SOAP answer against the official XSD; return it."""
    element = bericht(body)
    if etree.QName(element).namespace == STUF:  # Bv03 and the foutberichten: StUF 03.01 itself
        schema = _lxml_schema("zds-1.2/0301/stuf0301.xsd")
        standalone = etree.fromstring(etree.tostring(element))
        assert schema.validate(standalone), f"stuf0301.xsd: {schema.error_log.last_error}"
        return element
    zds = "1.2" if etree.QName(element).namespace == ZDS else "1.1"
    errors = xsd_errors(element, zds)
    assert not errors, errors[:3]
    return element
