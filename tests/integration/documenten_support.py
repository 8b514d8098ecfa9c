"""A running MidOffice with the documentmagazijn (embedded log, or Kafka + PostgreSQL)."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from midoffice import migrations
from midoffice.bootstrap import Role, Runtime, bootstrap, running
from midoffice.settings import Settings
from tests.tokens import auth_headers

BASE = "http://testserver"
EIO = "/documenten/api/v1/enkelvoudiginformatieobjecten"
IOT_UUID = "3f6a1c20-0001-4b4b-9c9c-000000000001"  # demo catalogue, zaakvertrouwelijk
IOT_B_UUID = "3f6a1c20-0002-4b4b-9c9c-000000000002"
IOT = f"{BASE}/catalogi/api/v1/informatieobjecttypen/{IOT_UUID}"
RSIN = "002220647"


def eio_body(content: bytes | None = b"Geachte heer, mevrouw", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bronorganisatie": RSIN,
        "creatiedatum": "2026-03-01",
        "titel": "Ontvangstbevestiging",
        "auteur": "Team Parkeren",
        "taal": "nld",
        "bestandsnaam": "brief.txt",
        "formaat": "text/plain",
        "informatieobjecttype": IOT,
        "inhoud": None if content is None else base64.b64encode(content).decode(),
    }
    body.update(overrides)
    return body


@dataclass
class Documenten:
    settings: Settings
    runtime: Runtime
    http: httpx.AsyncClient
    headers: dict[str, str]

    async def create(self, content: bytes | None = b"brief", **overrides: Any) -> httpx.Response:
        return await self.http.post(EIO, json=eio_body(content, **overrides), headers=self.headers)

    async def download(self, url: str, **params: Any) -> httpx.Response:
        return await self.http.get(url, params=params, headers=self.headers)


@contextlib.asynccontextmanager
async def documenten(
    tmp: Path, *, database_url: str | None = None, bus_url: str | None = None, **extra: Any
) -> AsyncIterator[Documenten]:
    settings = Settings(
        bus_url=bus_url or f"embedded://{tmp}/log.sqlite3",
        database_url=database_url or f"sqlite+aiosqlite:///{tmp}/magazijn.sqlite3",
        partitions=2,
        blob_url=extra.pop("blob_url", f"file://{tmp}/blobs"),
        **extra,
    )
    await migrations.upgrade_all(settings.database_url)
    roles = {Role.gateway, Role.documentmagazijn, Role.catalogi, Role.autorisaties}
    runtime = await bootstrap(settings, roles)
    assert runtime.app is not None
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=120) as http:
                yield Documenten(settings, runtime, http, auth_headers())
    finally:
        store = getattr(runtime.app.state, "blob_store", None)
        if store is not None:
            await store.close()
        await runtime.close()
