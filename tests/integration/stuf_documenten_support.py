"""A running MidOffice (gateway, zaakmagazijn, documentmagazijn, catalogi; embedded log and
SQLite) for the StUF-ZKN document tests, with a StUF client (HTTP Basic) and a ZGW client
(JWT) of the same registry, and the recorded samples under ``../shared/samples/stuf``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
from lxml import etree

from autorisaties.rights import ClientRights
from midoffice.bootstrap import Role, bootstrap, running
from midoffice.settings import DEMO_CATALOGUE, DEMO_STUF_MAPPING, Settings
from tests.integration.zaken_support import BASE, SECRET, Api, Registry, zaak_body

SAMPLES: Final = Path(__file__).resolve().parents[3] / "shared" / "samples" / "stuf"
STUF: Final = "/stuf-zkn/zds"
EIO: Final = "/documenten/api/v1/enkelvoudiginformatieobjecten"
ZIO: Final = "/zaken/api/v1/zaakinformatieobjecten"
NS: Final = {
    "soap": "http://schemas.xmlsoap.org/soap/envelope/",
    "StUF": "http://www.egem.nl/StUF/StUF0301",
    "ZKN": "http://www.egem.nl/StUF/sector/zkn/0310",
    "ZDS": "http://www.stufstandaarden.nl/koppelvlak/zds0120",
}
IOT_AANVRAAG: Final = "3f6a1c20-0001-4b4b-9c9c-000000000001"  # zaakvertrouwelijk
IOT_BESLUIT: Final = "3f6a1c20-0002-4b4b-9c9c-000000000002"


def mapping_file(tmp: Path) -> Path:
    """A copy of the demo mapping, as ``make run`` uses it (tests may rewrite the copy)."""
    path = tmp / "mapping.yaml"
    path.write_text(DEMO_STUF_MAPPING.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def sample(relative: str) -> bytes:
    return (SAMPLES / relative).read_bytes()


def inline_inhoud(message: bytes) -> bytes:
    """The decoded base64 ``inhoud`` of a message (the expected document content)."""
    root = etree.fromstring(message)
    found = root.xpath("//*[local-name()='inhoud']")
    return base64.b64decode("".join((found[0].text or "").split()))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Stuf:
    """The running MidOffice as a StUF client (``client_id``/SECRET) and as a ZGW client."""

    http: httpx.AsyncClient
    zgw: Api
    registry: Registry
    client_id: str = "alles"

    def as_(self, client_id: str, rights: ClientRights) -> Stuf:
        self.registry.clients[client_id] = rights
        return Stuf(self.http, self.zgw, self.registry, client_id)

    async def post(self, body: bytes, soapaction: str = "", port: str = "OntvangAsynchroon",
                   content_type: str = "text/xml; charset=utf-8") -> httpx.Response:  # fmt: skip
        headers = {"Content-Type": content_type}
        if soapaction:
            headers["SOAPAction"] = soapaction
        return await self.http.post(f"{STUF}/{port}", content=body, headers=headers,
                                    auth=(self.client_id, SECRET))  # fmt: skip

    async def zaak(self, identificatie: str) -> dict[str, Any]:
        """A zaak created through the ZGW Zaken API (the zaak a sample document belongs to)."""
        return await self.zgw.created("/zaken/api/v1/zaken", zaak_body(identificatie=identificatie))

    async def document(self, identificatie: str) -> dict[str, Any]:
        """The document through the ZGW Documenten API (exactly one)."""
        found = await self.zgw.get(EIO, identificatie=identificatie)
        assert found.status_code == 200, found.text
        results = found.json()["results"]
        assert len(results) == 1, results
        document: dict[str, Any] = results[0]
        return document

    async def download(self, document: dict[str, Any]) -> bytes:
        response = await self.zgw.request("GET", document["inhoud"])
        assert response.status_code == 200, response.text
        return response.content


def fault(response: httpx.Response) -> tuple[str, str, str]:
    """(berichtcode, code, omschrijving) of a SOAP Fault answer."""
    assert response.status_code == 500, response.text
    root = etree.fromstring(response.content)
    bericht = root.find(".//detail/*")
    assert bericht is not None, response.text
    code = bericht.findtext(".//StUF:body/StUF:code", namespaces=NS) or ""
    omschrijving = bericht.findtext(".//StUF:body/StUF:omschrijving", namespaces=NS) or ""
    berichtcode = bericht.findtext(".//StUF:berichtcode", namespaces=NS) or ""
    return berichtcode, code, omschrijving


def ok(response: httpx.Response) -> etree._Element:
    """The bericht inside soap:Body of a 200 answer."""
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    body = root.find("soap:Body", NS)
    assert body is not None and len(body) == 1
    return body[0]


@contextlib.asynccontextmanager
async def running_stuf(tmp: Path, database_url: str = "", **extra: Any) -> AsyncIterator[Stuf]:
    settings = Settings(
        bus_url=f"embedded://{tmp}/log.sqlite3",
        database_url=database_url or f"sqlite+aiosqlite:///{tmp}/magazijn.sqlite3",
        blob_url=f"file://{tmp}/blobs",
        partitions=2,
        catalogue_file=DEMO_CATALOGUE,
        stuf_mapping_file=mapping_file(tmp),
        demo_client_enabled=False,
        **extra,
    )
    roles = {Role.gateway, Role.zaakmagazijn, Role.documentmagazijn, Role.catalogi}
    runtime = await bootstrap(settings, roles, run_migrations=True)
    assert runtime.app is not None
    registry = Registry()
    runtime.app.state.client_registry = registry
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=60) as http:
                yield Stuf(http, Api(http, registry, settings), registry)
    finally:
        store = getattr(runtime.app.state, "blob_store", None)
        if store is not None:
            await store.close()
        await runtime.close()


def bericht(root: str, berichtcode: str, body: str, *, zds: str = "1.2", entiteittype: str = "",
            functie: str = "", referentienummer: str | None = "") -> bytes:  # fmt: skip
    """A SOAP request: ``root`` (ZDS 1.2: zds0120 namespace; 1.1: ZKN) with stuurgegevens and
    ``body`` (XML with the prefixes ZKN, StUF, ZDS, xsi, xmime declared); a fresh
    referentienummer unless given, none with ``referentienummer=None``."""
    import uuid as uuidlib

    prefix = "ZDS" if zds == "1.2" else "ZKN"
    nummer = referentienummer or uuidlib.uuid4()
    referentie = "" if referentienummer is None else (
        f"<StUF:referentienummer>{nummer}</StUF:referentienummer>")  # fmt: skip
    extra = f"<StUF:entiteittype>{entiteittype}</StUF:entiteittype>" if entiteittype else ""
    extra += f"<StUF:functie>{functie}</StUF:functie>" if functie else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
 xmlns:StUF="{NS['StUF']}" xmlns:ZKN="{NS['ZKN']}" xmlns:ZDS="{NS['ZDS']}"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:xmime="http://www.w3.org/2005/05/xmlmime"
 xmlns:xop="http://www.w3.org/2004/08/xop/include"><soap:Body>
<{prefix}:{root}><ZKN:stuurgegevens><StUF:berichtcode>{berichtcode}</StUF:berichtcode>
<StUF:zender><StUF:organisatie>0392</StUF:organisatie><StUF:applicatie>TST</StUF:applicatie></StUF:zender>
<StUF:ontvanger><StUF:organisatie>0392</StUF:organisatie><StUF:applicatie>ZSH</StUF:applicatie></StUF:ontvanger>
{referentie}
<StUF:tijdstipBericht>20260301120000</StUF:tijdstipBericht>{extra}</ZKN:stuurgegevens>
{body}</{prefix}:{root}></soap:Body></soap:Envelope>""".encode()  # fmt: skip


def edc(identificatie: str, zaak: str, inhoud: str, *, omschrijving: str = "Brief",
        vertrouwelijk: str = "ZAAKVERTROUWELIJK", titel: str = "Brief") -> str:  # fmt: skip
    """The parameters and EDC object of a voegZaakdocumentToe (``inhoud``: the element's
    content, base64 text or an xop:Include)."""
    return f"""<ZKN:parameters><StUF:mutatiesoort>T</StUF:mutatiesoort>
<StUF:indicatorOvername>V</StUF:indicatorOvername></ZKN:parameters>
<ZKN:object StUF:entiteittype="EDC" StUF:verwerkingssoort="T">
<ZKN:identificatie>{identificatie}</ZKN:identificatie>
<ZKN:dct.omschrijving>{omschrijving}</ZKN:dct.omschrijving>
<ZKN:creatiedatum>20260301</ZKN:creatiedatum><ZKN:titel>{titel}</ZKN:titel>
<ZKN:formaat>text/plain</ZKN:formaat><ZKN:taal>nld</ZKN:taal>
<ZKN:vertrouwelijkAanduiding>{vertrouwelijk}</ZKN:vertrouwelijkAanduiding>
<ZKN:auteur>Team Parkeren</ZKN:auteur>
<ZKN:inhoud StUF:bestandsnaam="brief.txt" xmime:contentType="text/plain">{inhoud}</ZKN:inhoud>
<ZKN:isRelevantVoor StUF:entiteittype="EDCZAK" StUF:verwerkingssoort="T">
<ZKN:gerelateerde StUF:entiteittype="ZAK" StUF:verwerkingssoort="I">
<ZKN:identificatie>{zaak}</ZKN:identificatie></ZKN:gerelateerde></ZKN:isRelevantVoor>
</ZKN:object>"""


def lezen(identificatie: str, zds: str = "1.2") -> bytes:
    root = "geefZaakdocumentLezen_EdcLv01" if zds == "1.2" else "edcLv01"
    body = f"""<ZKN:parameters><StUF:sortering>0</StUF:sortering>
<StUF:indicatorVervolgvraag>false</StUF:indicatorVervolgvraag></ZKN:parameters>
<ZKN:gelijk StUF:entiteittype="EDC">
<ZKN:identificatie>{identificatie}</ZKN:identificatie></ZKN:gelijk>
<ZKN:scope><ZKN:object StUF:entiteittype="EDC"><ZKN:identificatie xsi:nil="true"/>
<ZKN:inhoud xsi:nil="true"/></ZKN:object></ZKN:scope>"""
    return bericht(root, "Lv01", body, zds=zds, entiteittype="EDC")


def lijst(zaak: str, zds: str = "1.2") -> bytes:
    root = "geefLijstZaakdocumenten_ZakLv01" if zds == "1.2" else "zakLv01"
    body = f"""<ZKN:parameters><StUF:sortering>0</StUF:sortering>
<StUF:indicatorVervolgvraag>false</StUF:indicatorVervolgvraag></ZKN:parameters>
<ZKN:gelijk StUF:entiteittype="ZAK"><ZKN:identificatie>{zaak}</ZKN:identificatie></ZKN:gelijk>
<ZKN:scope><ZKN:object StUF:entiteittype="ZAK"><ZKN:heeftRelevant StUF:entiteittype="ZAKEDC">
<ZKN:gerelateerde StUF:entiteittype="EDC"><ZKN:identificatie xsi:nil="true"/></ZKN:gerelateerde>
</ZKN:heeftRelevant></ZKN:object></ZKN:scope>"""
    return bericht(root, "Lv01", body, zds=zds, entiteittype="ZAK")


def bewerken(identificatie: str, zds: str = "1.2") -> bytes:
    root = "geefZaakdocumentBewerken_Di02" if zds == "1.2" else "geefZaakdocumentbewerken_Di02"
    body = f"""<ZKN:edcLv01 StUF:entiteittype="EDC" StUF:functie="selectie">
<ZKN:parameters/><ZKN:gelijk StUF:entiteittype="EDC">
<ZKN:identificatie>{identificatie}</ZKN:identificatie></ZKN:gelijk></ZKN:edcLv01>"""
    return bericht(root, "Di02", body, zds=zds, functie="geefZaakdocumentbewerken")


def update(identificatie: str, checked_out_id: str | None, nieuw: str, zds: str = "1.2") -> bytes:
    """updateZaakdocument_Di02; ``nieuw`` is the extra content of the nieuw object."""
    p = "ZDS" if zds == "1.2" else "ZKN"
    lock = f"<{p}:checkedOutId>{checked_out_id}</{p}:checkedOutId>" if checked_out_id else ""
    body = f"""<{p}:parameters>{lock}</{p}:parameters>
<ZKN:edcLk02 StUF:entiteittype="EDC" StUF:functie="update">
<ZKN:parameters><StUF:mutatiesoort>W</StUF:mutatiesoort></ZKN:parameters>
<ZKN:object StUF:entiteittype="EDC" StUF:verwerkingssoort="W">
<ZKN:identificatie>{identificatie}</ZKN:identificatie></ZKN:object>
<ZKN:object StUF:entiteittype="EDC" StUF:verwerkingssoort="W">
<ZKN:identificatie>{identificatie}</ZKN:identificatie>{nieuw}</ZKN:object></ZKN:edcLk02>"""
    return bericht("updateZaakdocument_Di02", "Di02", body, zds=zds, functie="updateZaakdocument")


def cancel(identificatie: str, checked_out_id: str, zds: str = "1.2") -> bytes:
    p = "ZDS" if zds == "1.2" else "ZKN"
    body = f"""<{p}:parameters>
<{p}:checkedOutId>{checked_out_id}</{p}:checkedOutId></{p}:parameters>
<ZKN:document StUF:entiteittype="EDC" StUF:functie="entiteit">
<ZKN:identificatie>{identificatie}</ZKN:identificatie></ZKN:document>"""
    return bericht("cancelCheckout_Di02", "Di02", body, zds=zds, functie="cancelCheckout")


def mtom(envelope: bytes, attachments: dict[str, bytes]) -> tuple[str, bytes]:
    """A multipart/related (MTOM) body as a SOAP client sends it."""
    boundary = "uuid:6b62cda9-5e9e-4f6e-b6a1-9c1c0f7d1e2a"
    parts = [f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
             f'type="text/xml"\r\nContent-Transfer-Encoding: binary\r\n'
             f"Content-ID: <root.message@cxf.apache.org>\r\n\r\n".encode() + envelope]  # fmt: skip
    for cid, data in attachments.items():
        parts.append(f"--{boundary}\r\nContent-Type: application/octet-stream\r\n"
                     f"Content-Transfer-Encoding: binary\r\nContent-ID: <{cid}>\r\n\r\n".encode()
                     + data)  # fmt: skip
    body = b"\r\n".join(parts) + f"\r\n--{boundary}--\r\n".encode()
    content_type = (f'multipart/related; type="application/xop+xml"; boundary="{boundary}"; '
                    f'start="<root.message@cxf.apache.org>"; start-info="text/xml"')  # fmt: skip
    return content_type, body
