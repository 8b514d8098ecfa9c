"""Shared helpers of the StUF-ZKN tests: samples, HTTP Basic, posting, and validating answers
against the official XSDs in ``../shared/standards/stuf-zkn`` (read, never copied).

Schema validation: StUF's own berichten (Bv03, Fo0x) against ``0301/stuf0301.xsd`` and ZDS
1.1 vraag/antwoord against the resolved 1.1 entry schema, both with lxml (fast). ZDS 1.2
answers and the 1.1 zs-dms vrije berichten need xmlschema (``validation="lax"``: the sets
carry restrictions xmlschema refuses in strict mode); compiling takes 20-30 s, so the
compiled schema is pickled under ``.pytest_cache/stuf-xsd`` keyed by the xmlschema version.
"""

from __future__ import annotations

import base64
import pickle
from functools import cache
from pathlib import Path
from typing import Any, Final

import xmlschema
from lxml import etree

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
_CACHE: Final = ROOT / ".pytest_cache" / "stuf-xsd"


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


@cache
def _xmlschema(relative: str) -> Any:
    key = relative.replace("/", "_") + f"-{xmlschema.__version__}.pickle"
    cached = _CACHE / key
    if cached.exists():
        try:
            return pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache file
        except Exception:  # a stale or broken cache: rebuild
            cached.unlink()
    schema = xmlschema.XMLSchema(str(STANDARDS / relative), validation="lax")
    _CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(schema))
    return schema


def _schema_for(element: etree._Element) -> tuple[str, str]:
    namespace = etree.QName(element).namespace
    local = etree.QName(element).localname
    if namespace == STUF:
        return "lxml", "zds-1.2/0301/stuf0301.xsd"
    if namespace == ZDS:
        return "xmlschema", "zds-1.2/zds0120/zds0120_msg_totaal.xsd"
    if local.endswith(("_Du02", "_Di02")):
        return "xmlschema", "zds-1.1.02-resolved/zkn0310/zs-dms/zkn0310_msg_zs-dms.xsd"
    if "La0" in local or "Lv0" in local:
        return "lxml", "zds-1.1.02-resolved/zkn0310/vraagAntwoord/zkn0310_msg_vraagAntwoord.xsd"
    return "lxml", "zds-1.1.02-resolved/zkn0310/mutatie/zkn0310_msg_mutatie.xsd"


def assert_valid(body: bytes) -> etree._Element:
    """Validate the bericht of a SOAP answer against the official XSD; return it."""
    element = bericht(body)
    engine, relative = _schema_for(element)
    standalone = etree.fromstring(etree.tostring(element))
    if engine == "lxml":
        schema = _lxml_schema(relative)
        assert schema.validate(standalone), f"{relative}: {schema.error_log.last_error}"
    else:
        errors = list(_xmlschema(relative).iter_errors(etree.tostring(standalone).decode()))
        assert not errors, f"{relative}: {errors[0].reason} @ {errors[0].path}"
    return element
