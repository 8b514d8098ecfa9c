"""A running gateway + autorisaties processor (embedded log) and helpers for its clients."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from midoffice.bootstrap import Role, Runtime, bootstrap, running
from midoffice.bus.base import Record
from midoffice.settings import Settings
from tests.tokens import auth_headers

BASE = "http://testserver"
APPLICATIES = "/autorisaties/api/v1/applicaties"
ZAAKTYPE_A = "0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"  # the demo catalogue (gemeente Demodam)
ZAAKTYPE_B = "9b1e5a40-7d3c-4e2f-8a6b-5c4d3e2f1a09"  # another municipality's zaaktype


def zrc(zaaktype: str, scopes: list[str], maximum: str = "zaakvertrouwelijk") -> dict[str, Any]:
    return {
        "component": "zrc",
        "scopes": scopes,
        "zaaktype": f"{BASE}/catalogi/api/v1/zaaktypen/{zaaktype}",
        "maxVertrouwelijkheidaanduiding": maximum,
    }


def ac(*scopes: str) -> dict[str, Any]:
    return {"component": "ac", "scopes": list(scopes)}


def headers(client_id: str = "demo", secret: str = "demo-secret", **claims: Any) -> dict[str, str]:
    return auth_headers(client_id=client_id, secret=secret, **claims)


@dataclass
class Midoffice:
    settings: Settings
    runtime: Runtime
    http: httpx.AsyncClient
    secrets: dict[str, str] = field(default_factory=dict)

    async def create(
        self, client_id: str, *autorisaties: dict[str, Any], **body: Any
    ) -> httpx.Response:
        """Create an applicatie as the demo client; remembers its secret."""
        secret = body.pop("secret", f"{client_id}-secret-0123456789")
        payload = {
            "clientIds": [client_id],
            "label": client_id,
            "secret": secret,
            "autorisaties": list(autorisaties),
            **body,
        }
        response = await self.http.post(APPLICATIES, json=payload, headers=headers())
        if response.status_code == 201:
            self.secrets[client_id] = secret
        return response

    def as_client(self, client_id: str) -> dict[str, str]:
        return headers(client_id, self.secrets[client_id])

    async def records(self, topic: str) -> list[Record]:
        reader = self.runtime.bus.reader(topic)
        await reader.start()
        try:
            found: list[Record] = []
            for partition in await reader.partitions():
                end = await reader.end_offset(partition)
                offset = 0
                while offset < end:
                    batch = await reader.read(partition, offset, timeout=0.2)
                    found += batch
                    offset = batch[-1].offset + 1 if batch else end
            return found
        finally:
            await reader.stop()

    async def records_when(
        self, topic: str, ready: Callable[[list[Record]], bool], timeout: float = 10.0
    ) -> list[Record]:
        """The topic's records once ``ready`` holds for them. A processor answers when its
        decision is committed and publishes the facts from its outbox just after, so a
        reader that looks right after the answer may be a moment early."""
        deadline = time.monotonic() + timeout
        while True:
            found = await self.records(topic)
            if ready(found) or time.monotonic() > deadline:
                return found
            await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def midoffice(tmp: Path, database_url: str, **extra: Any) -> AsyncIterator[Midoffice]:
    """Gateway and autorisaties processor in one process (the embedded default)."""
    settings = Settings(
        bus_url=f"embedded://{tmp}/log.sqlite3", database_url=database_url, partitions=2, **extra
    )
    roles = {Role.gateway, Role.autorisaties, *extra.pop("roles", ())}
    runtime = await bootstrap(settings, roles, run_migrations=True)
    assert runtime.app is not None
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
                yield Midoffice(settings, runtime, http)
    finally:
        await runtime.close()


def old_iat(settings: Settings) -> int:
    return int(time.time()) - settings.jwt_max_age_seconds - settings.jwt_leeway_seconds - 5
