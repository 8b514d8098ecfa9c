"""A running MidOffice (gateway, zaakmagazijn, documentmagazijn, catalogi; embedded log and
SQLite) for the StUF-ZKN document tests, with a StUF client (HTTP Basic) and a ZGW client
(JWT) of the same registry, and the recorded samples under ``../shared/samples/stuf``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
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

MAPPING_EXTRA: Final = """
      Brief: Aanvraagformulier parkeervergunning
      test: Aanvraagformulier parkeervergunning
      Geheim: Besluit parkeervergunning
"""


def mapping_file(tmp: Path) -> Path:
    """The demo mapping plus the document omschrijvingen the samples use."""
    text = DEMO_STUF_MAPPING.read_text(encoding="utf-8")
    anchor = "    informatieobjecttypen:\n"
    assert anchor in text
    path = tmp / "mapping.yaml"
    path.write_text(text.replace(anchor, anchor + MAPPING_EXTRA.lstrip("\n")), encoding="utf-8")
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


def with_values(message: bytes, **values: str) -> bytes:
    """``message`` with the text of the first element ``name`` replaced by ``value``."""
    text = message.decode("utf-8")
    for name, value in values.items():
        text = re.sub(rf"(<(?:\w+:)?{re.escape(name)}(?:\s[^>]*)?>)[^<]*(</)",
                      lambda m, v=value: m[1] + v + m[2], text, count=1)  # fmt: skip
    return text.encode("utf-8")


@contextlib.asynccontextmanager
async def running_stuf(tmp: Path, **extra: Any) -> AsyncIterator[Stuf]:
    settings = Settings(
        bus_url=f"embedded://{tmp}/log.sqlite3",
        database_url=f"sqlite+aiosqlite:///{tmp}/magazijn.sqlite3",
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
