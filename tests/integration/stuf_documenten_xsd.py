"""Validate StUF answers against the official XSDs in ``../shared/standards/stuf-zkn``.

libxml2 (lxml) compiles an entry schema in about a second; xmlschema needs 8 to 35 s per
entry schema on this machine, which the test budget cannot carry. libxml2 keeps only the
first file it is given per namespace, so where a set spreads one namespace over several files
a wrapper written to a temporary directory includes them all and is imported first (it
references the official files by URI; nothing is copied):

- ZDS 1.2 (``zds0120_msg_totaal.xsd``): wrappers for the StUF and BG namespaces.
- ZDS 1.1 / zkn0310 (``zds-1.1.02-resolved``): ``vraagAntwoord`` and ``mutatie`` as published;
  ``zs-dms`` with a wrapper for the BG namespace.
Bv02/Bv03 (StUF namespace) are checked with the 1.1 ``mutatie`` set, which includes StUF 03.01.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Final

from lxml import etree

from tests.integration.stuf_documenten_support import SAMPLES

STANDARDS: Final = SAMPLES.parent.parent / "standards" / "stuf-zkn"
ZDS12: Final = STANDARDS / "zds-1.2" / "zds0120" / "zds0120_msg_totaal.xsd"
ZDS11: Final = STANDARDS / "zds-1.1.02-resolved"
ZDS_NS: Final = "http://www.stufstandaarden.nl/koppelvlak/zds0120"
ZKN_NS: Final = "http://www.egem.nl/StUF/sector/zkn/0310"
STUF_NS: Final = "http://www.egem.nl/StUF/StUF0301"
BG_NS: Final = "http://www.egem.nl/StUF/sector/bg/0310"
VRAAG_ANTWOORD: Final = ("Lv01", "La01")
"""Root suffixes of the zkn0310 vraagAntwoord berichten (zakLv01, edcLa01, ...)."""


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


@functools.cache
def zds12() -> etree.XMLSchema:
    root = ZDS12.parent.parent
    stuf = ["0301/stuf0301mtom.xsd", "bg0310/entiteiten/bg0310_stuf_simpleTypes.xsd",
            "zkn0310/entiteiten/zkn0310_stuf_simpleTypes.xsd",
            "zkn0310/mutatie/zkn0310_msg_stuf_mutatie.xsd",
            "zkn0310/vraagAntwoord/zkn0310_msg_stuf_vraagAntwoord.xsd",
            "zds0120/berichten/zds0120_msg_stuf_zs-dms.xsd"]  # fmt: skip
    bg = ["zkn0310/entiteiten/zkn0310_bg0310_ent.xsd", "zds0120/entiteiten/zds0120_ent_bg0310.xsd",
          "zds0120/entiteiten/zds0120_simpleTypes_bg0310.xsd"]  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="zds12-xsd-"))
    _wrapper(folder / "stuf_all.xsd", STUF_NS, [_uri(root / f) for f in stuf])
    _wrapper(folder / "bg_all.xsd", BG_NS, [_uri(root / f) for f in bg],
             imports={STUF_NS: "stuf_all.xsd"})  # fmt: skip
    _wrapper(folder / "zds.xsd", ZDS_NS, [_uri(ZDS12)],
             imports={STUF_NS: "stuf_all.xsd", BG_NS: "bg_all.xsd"})  # fmt: skip
    return etree.XMLSchema(etree.parse(str(folder / "zds.xsd")))


def _wrapper(path: Path, namespace: str, includes: list[str],
             imports: dict[str, str] | None = None) -> None:  # fmt: skip
    lines = [f'<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="{namespace}" '
             'elementFormDefault="qualified" attributeFormDefault="unqualified">']  # fmt: skip
    lines += [f' <import namespace="{ns}" schemaLocation="{loc}"/>'
              for ns, loc in (imports or {}).items()]  # fmt: skip
    lines += [f' <include schemaLocation="{uri}"/>' for uri in includes]
    path.write_text("\n".join([*lines, "</schema>"]), encoding="utf-8")


@functools.cache
def zkn0310(entry: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ZDS11 / "zkn0310" / entry)))


@functools.cache
def zs_dms_11() -> etree.XMLSchema:
    folder = Path(tempfile.mkdtemp(prefix="zsdms-xsd-"))
    bg = ["zkn0310/entiteiten/zkn0310_bg0310_ent.xsd",
          "zkn0310/zs-dms/zkn0310_bg0310_simpleTypes_zs-dms.xsd"]  # fmt: skip
    _wrapper(folder / "bg_all.xsd", BG_NS, [_uri(ZDS11 / f) for f in bg])
    _wrapper(folder / "zsdms.xsd", ZKN_NS, [_uri(ZDS11 / "zkn0310/zs-dms/zkn0310_msg_zs-dms.xsd")],
             imports={STUF_NS: _uri(ZDS11 / "StUF0301_all.xsd"), BG_NS: "bg_all.xsd"})  # fmt: skip
    return etree.XMLSchema(etree.parse(str(folder / "zsdms.xsd")))


def _libxml(schema: etree.XMLSchema, bericht: etree._Element) -> list[str]:
    document = etree.ElementTree(etree.fromstring(etree.tostring(bericht)))
    if schema.validate(document):
        return []
    return [str(error) for error in schema.error_log]


def xsd_errors(bericht: etree._Element, zds: str) -> list[str]:
    """The schema errors of an answer bericht (the element inside soap:Body or soap:Fault
    detail); ``zds`` is ``1.2`` or ``1.1``, the version of the request."""
    local = etree.QName(bericht).localname
    namespace = etree.QName(bericht).namespace
    if zds == "1.2" or namespace == ZDS_NS:
        return _libxml(zds12(), bericht)
    if local.endswith(VRAAG_ANTWOORD):
        return _libxml(zkn0310("vraagAntwoord/zkn0310_msg_vraagAntwoord.xsd"), bericht)
    if local.endswith(("_Du02", "_Di02")):
        return _libxml(zs_dms_11(), bericht)
    return _libxml(zkn0310("mutatie/zkn0310_msg_mutatie.xsd"), bericht)
