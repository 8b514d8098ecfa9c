"""This MidOffice's own WSDL 1.1 documents for the three ZDS ports (not the official files).

One WSDL per port lists every operation of ZDS 1.2 and ZDS 1.1 that port serves here
(kennisgevingen on OntvangAsynchroon, vragen on BeantwoordVraag, vrije berichten on
VrijeBerichten; every port also accepts the others). The types import the standard's own
schemas by namespace and by their file names in the published StUF-ZKN sets
(``zds0120_msg_zs-dms.xsd``, ``zkn0310_msg_mutatie.xsd``, ...), which a client obtains with
the standard; they are not served here.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from adapters.stuf.dispatch import OPERATIONS, Operation
from adapters.stuf.namespaces import STUF, ZDS, ZKN

WSDL: Final = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP: Final = "http://schemas.xmlsoap.org/wsdl/soap/"
XSD: Final = "http://www.w3.org/2001/XMLSchema"
TNS: Final = "urn:midoffice:stuf-zkn"
PORTS: Final = {"OntvangAsynchroon": "Lk01", "BeantwoordVraag": "Lv01", "VrijeBerichten": "Di02"}
_SCHEMAS: Final = (
    (ZDS, "zds0120/zds0120_msg_totaal.xsd"),
    (ZKN, "zkn0310/zkn0310_msg_totaal.xsd"),
    (STUF, "0301/stuf0301.xsd"),
)
_ANSWER: Final = {"Lk01": None, "Lv01": "La01", "Di02": "Du02"}


def _w(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{WSDL}}}{tag}", attributes)


def _output_element(op: Operation) -> str:
    suffix = _ANSWER[op.berichtcode]
    prefix = "ZDS" if op.namespace == ZDS else "ZKN"
    if suffix is None:
        return "StUF:Bv03Bericht"
    if op.berichtcode == "Di02":
        return f"{prefix}:{op.root.replace('_Di02', '_Du02')}"
    return f"{prefix}:{op.root.replace('Lv01', 'La01')}"


def wsdl(port: str, address: str) -> bytes:
    """The WSDL of ``port`` (a key of :data:`PORTS`) with the service at ``address``."""
    berichtcode = PORTS[port]
    operations = [op for op in OPERATIONS if op.berichtcode == berichtcode]
    nsmap = {"wsdl": WSDL, "soap": WSDL_SOAP, "xsd": XSD, "tns": TNS, "ZDS": ZDS, "ZKN": ZKN,
             "StUF": STUF}  # fmt: skip
    root = etree.Element(f"{{{WSDL}}}definitions", nsmap=nsmap, name=port, targetNamespace=TNS)
    _w(root, "documentation").text = (
        f"MidOffice StUF-ZKN {port}: ZDS 1.2 (zds0120) and ZDS 1.1.02 (zkn0310). Any port accepts "
        "any operation. Authentication: HTTP Basic (clientId/secret of the applicatie). Schemas: "
        "the published StUF-ZKN sets, imported below by namespace."
    )
    schema = etree.SubElement(etree.SubElement(root, f"{{{WSDL}}}types"), f"{{{XSD}}}schema",
                              targetNamespace=TNS)  # fmt: skip
    for namespace, location in _SCHEMAS:
        etree.SubElement(schema, f"{{{XSD}}}import", namespace=namespace, schemaLocation=location)
    msg = _w(root, "message", name="Fo03")
    _w(msg, "part", name="body", element="StUF:Fo03Bericht")
    for op in operations:
        prefix = "ZDS" if op.namespace == ZDS else "ZKN"
        _w(_w(root, "message", name=f"{op.name}_in"), "part", name="body",
           element=f"{prefix}:{op.root}")  # fmt: skip
        _w(_w(root, "message", name=f"{op.name}_out"), "part", name="body",
           element=_output_element(op))  # fmt: skip
    port_type = _w(root, "portType", name=f"{port}_PortType")
    binding = _w(root, "binding", name=f"{port}_Binding", type=f"tns:{port}_PortType")
    etree.SubElement(binding, f"{{{WSDL_SOAP}}}binding", style="document",
                     transport="http://schemas.xmlsoap.org/soap/http")  # fmt: skip
    for op in operations:
        operation = _w(port_type, "operation", name=op.name)
        _w(operation, "input", message=f"tns:{op.name}_in")
        _w(operation, "output", message=f"tns:{op.name}_out")
        _w(operation, "fault", name="Fo03", message="tns:Fo03")
        bound = _w(binding, "operation", name=op.name)
        etree.SubElement(bound, f"{{{WSDL_SOAP}}}operation", soapAction=op.soapaction)
        for part in ("input", "output"):
            etree.SubElement(_w(bound, part), f"{{{WSDL_SOAP}}}body", use="literal")
        etree.SubElement(_w(bound, "fault", name="Fo03"), f"{{{WSDL_SOAP}}}fault", name="Fo03",
                         use="literal")  # fmt: skip
    service = _w(root, "service", name=port)
    endpoint = _w(service, "port", name=f"{port}_Port", binding=f"tns:{port}_Binding")
    etree.SubElement(endpoint, f"{{{WSDL_SOAP}}}address", location=address)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
