"""XML namespaces of SOAP 1.1 and the StUF-ZKN standards (StUF 03.01, ZKN 03.10, ZDS 1.2)."""

from __future__ import annotations

from typing import Final

SOAP11: Final = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12: Final = "http://www.w3.org/2003/05/soap-envelope"
STUF: Final = "http://www.egem.nl/StUF/StUF0301"
ZKN: Final = "http://www.egem.nl/StUF/sector/zkn/0310"
BG: Final = "http://www.egem.nl/StUF/sector/bg/0310"
ZDS: Final = "http://www.stufstandaarden.nl/koppelvlak/zds0120"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
XMIME: Final = "http://www.w3.org/2005/05/xmlmime"

PREFIXES: Final = {"soap": SOAP11, "StUF": STUF, "ZKN": ZKN, "BG": BG, "ZDS": ZDS, "xsi": XSI}
"""The prefixes every answer declares on its root."""


def qname(namespace: str, local: str) -> str:
    """Clark notation ``{namespace}local`` as lxml spells a tag."""
    return f"{{{namespace}}}{local}"


def local_name(tag: object) -> str:
    """The local part of an lxml tag (``''`` for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def stuf_name(tag: object) -> str:
    """The local name as StUF spells it: OpenZaakBrug-style ``zds``-prefixed names
    (``zdsStuurgegevens``, ``zdsParameters``) are read as the standard ones."""
    local = local_name(tag)
    if len(local) > 3 and local.startswith("zds") and local[3].isupper():
        return local[3].lower() + local[4:]
    return local


def namespace_of(tag: object) -> str:
    """The namespace of an lxml tag (``''`` when it has none)."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].split("}", 1)[0]
