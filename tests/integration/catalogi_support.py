"""A running MidOffice for the Catalogi tests: embedded log, SQLite, the catalogi and
zaakmagazijn processors in-process, and ZGW clients with chosen Catalogi scopes.

Clients: ``lezer`` (catalogi.lezen), ``beheerder`` (+ catalogi.schrijven) and ``corrector``
(+ geforceerd-schrijven and geforceerd-verwijderen).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from autorisaties.rights import Autorisatie, ClientRights, Component, merge
from midoffice.bootstrap import Role, Runtime, bootstrap, running
from midoffice.gateway.app import create_app
from midoffice.settings import Settings
from tests.tokens import zgw_token

BASE = "http://testserver"
API = "/catalogi/api/v1"
SECRET = "catalogi-test-secret-that-is-long-enough"
DEMO_CATALOGUS = "5b3a6ae4-1cd6-4b2c-9b5e-3f2a1d0c9e01"
DEMO_ZAAKTYPE = "0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"
SCOPES = {
    "lezer": {"catalogi.lezen"},
    "beheerder": {"catalogi.lezen", "catalogi.schrijven"},
    "corrector": {"catalogi.lezen", "catalogi.schrijven", "catalogi.geforceerd-schrijven",
                  "catalogi.geforceerd-verwijderen"},
}  # fmt: skip


class Clients:
    """ClientRegistry (and rights) of the test clients."""

    def secret(self, client_id: str) -> str | None:
        return SECRET if client_id in SCOPES else None

    def rights(self, client_id: str) -> ClientRights | None:
        scopes = SCOPES.get(client_id)
        if scopes is None:
            return None
        return merge(client_id, [Autorisatie(Component.ztc, frozenset(scopes))])


def headers(client_id: str = "beheerder") -> dict[str, str]:
    return {"Authorization": f"Bearer {zgw_token(client_id, SECRET)}"}


@dataclass
class Catalogi:
    """A running instance and an HTTP client for it."""

    runtime: Runtime
    http: httpx.AsyncClient

    async def get(self, path: str, client: str = "beheerder", **params: Any) -> httpx.Response:
        return await self.http.get(_url(path), params=params, headers=headers(client))

    async def send(
        self, method: str, path: str, body: Any = None, client: str = "beheerder"
    ) -> httpx.Response:
        return await self.http.request(method, _url(path), json=body, headers=headers(client))

    async def everything(self, collection: str) -> list[dict[str, Any]]:
        """Every object of a collection, concept ones included, over all pages."""
        unfiltered = collection in ("catalogussen", "zaakobjecttypen")
        params: dict[str, Any] = {} if unfiltered else {"status": "alles"}
        response = await self.get(f"{API}/{collection}", **params)
        body = response.json()
        results = list(body["results"])
        while body["next"]:
            body = (await self.http.get(body["next"], headers=headers())).json()
            results += body["results"]
        return results


def _url(path: str) -> str:
    return path if path.startswith("http") else f"{BASE}{path}"


def settings_for(tmp: Path, **extra: Any) -> Settings:
    return Settings(
        bus_url=f"embedded://{tmp}/log.sqlite3",
        database_url=f"sqlite+aiosqlite:///{tmp}/midoffice.sqlite3",
        partitions=2,
        outcome_timeout_seconds=10,
        **extra,
    )


@contextlib.asynccontextmanager
async def instance(settings: Settings, *, seed: bool = True) -> AsyncIterator[Catalogi]:
    """Run the catalogi and zaakmagazijn processors and the gateway app; with ``seed`` an
    empty catalogue gets ``settings.catalogue_file`` (as ``midoffice serve`` does)."""
    runtime = await bootstrap(settings, {Role.catalogi, Role.zaakmagazijn}, run_migrations=True)
    app = create_app(runtime.container, client_registry=Clients())
    try:
        async with contextlib.AsyncExitStack() as stack:
            if seed:
                await stack.enter_async_context(running(runtime))
            else:
                stop = asyncio.Event()
                task = asyncio.create_task(runtime.run_processors(stop))
                stack.push_async_callback(_stop, stop, task)
            transport = httpx.ASGITransport(app=app)
            http = await stack.enter_async_context(
                httpx.AsyncClient(transport=transport, base_url=BASE)
            )
            yield Catalogi(runtime, http)
    finally:
        await runtime.close()


async def _stop(stop: asyncio.Event, task: asyncio.Task[None]) -> None:
    stop.set()
    await task
