"""Run the MidOffice in its two configurations for end-to-end tests.

- ``embedded``: embedded log + SQLite, gateway and processor in one process (``serve``).
- ``distributed``: Kafka (Tansu) + PostgreSQL, the processor as a separate OS process
  (``midoffice process zaakmagazijn``, and ``catalogi``) and the gateway as its own runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from midoffice import migrations
from midoffice.bootstrap import PROCESSORS, Role, Runtime, bootstrap, running
from midoffice.roles import catalogi as catalogi_role
from midoffice.settings import Settings
from tests.tokens import auth_headers

BASE = "http://testserver"
ZAAKTYPE = f"{BASE}/catalogi/api/v1/zaaktypen/0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"
STATUSTYPEN = [
    f"{BASE}/catalogi/api/v1/statustypen/7e1c3a10-000{n}-4a4a-8a8a-00000000000{n}"
    for n in range(1, 5)
]
RESULTAATTYPE = f"{BASE}/catalogi/api/v1/resultaattypen/7e1c3a10-0201-4a4a-8a8a-000000000201"
ROLTYPE = f"{BASE}/catalogi/api/v1/roltypen/7e1c3a10-0101-4a4a-8a8a-000000000101"
RSIN = "002220647"


@dataclass
class Deployment:
    """A running MidOffice and an authenticated ZGW client for it."""

    settings: Settings
    gateway: Runtime
    client: httpx.AsyncClient

    async def post(self, path: str, json: Any, **headers: str) -> httpx.Response:
        return await self.client.post(path, json=json, headers={**auth_headers(), **headers})

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.client.get(path, params=params, headers=auth_headers())


def settings_for(bus_url: str, database_url: str, **extra: Any) -> Settings:
    return Settings(bus_url=bus_url, database_url=database_url, **extra)


def _env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
    env |= {
        "MIDOFFICE_BUS_URL": settings.bus_url,
        "MIDOFFICE_DATABASE_URL": settings.database_url,
        "MIDOFFICE_PARTITIONS": str(settings.partitions),
        "MIDOFFICE_INTAKE_TOPIC": settings.intake_topic,
        "MIDOFFICE_EVENTS_TOPIC": settings.events_topic,
        "MIDOFFICE_BLOB_URL": settings.blob_url,
    }
    return env


@contextlib.asynccontextmanager
async def processor_process(
    settings: Settings, log: Path, role: str = "zaakmagazijn"
) -> AsyncIterator[asyncio.subprocess.Process]:
    """``midoffice process ROLE`` as a child process, stopped with SIGTERM."""
    with log.open("wb") as out:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "midoffice",
            "process",
            role,
            env=_env(settings),
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            yield child
        finally:
            if child.returncode is None:
                child.terminate()
                try:
                    await asyncio.wait_for(child.wait(), 20)
                except TimeoutError:
                    child.kill()
                    await child.wait()


async def processors_started(tmp: Path, roles: list[str], timeout: float = 180.0) -> None:
    """Wait until every processor process logged ``processor_started`` (its consumer joined):
    on a busy machine seven Python processes need a while to import and bootstrap."""
    deadline = asyncio.get_running_loop().time() + timeout
    waiting = set(roles)
    while waiting:
        waiting = {
            r for r in waiting if b"processor_started" not in (tmp / f"{r}.log").read_bytes()
        }
        if waiting and asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"processors not started after {timeout} s: {sorted(waiting)}")
        await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def embedded(tmp: Path) -> AsyncIterator[Deployment]:
    settings = settings_for(
        f"embedded://{tmp}/log.sqlite3",
        f"sqlite+aiosqlite:///{tmp}/zaakmagazijn.sqlite3",
        partitions=3,
        blob_url=f"file://{tmp}/blobs",
    )
    runtime = await bootstrap(settings, set(Role), run_migrations=True)  # as `serve`
    assert runtime.app is not None
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
                yield Deployment(settings, runtime, client)
    finally:
        await runtime.close()


@contextlib.asynccontextmanager
async def distributed(tmp: Path, kafka_url: str, postgres_url: str) -> AsyncIterator[Deployment]:
    suffix = tmp.name[-12:].replace("-", "_")
    settings = settings_for(
        kafka_url,
        postgres_url,
        partitions=3,
        intake_topic=f"intake_{suffix}",
        events_topic=f"events_{suffix}",
        blob_url=postgres_url.replace("postgresql+asyncpg://", "postgresql://"),
    )
    await migrations.upgrade_all(settings.database_url)
    gateway = await bootstrap(settings, {Role.gateway})
    assert gateway.app is not None
    try:
        async with contextlib.AsyncExitStack() as processors:
            for role in PROCESSORS:  # every processor role as its own OS process
                await processors.enter_async_context(
                    processor_process(settings, tmp / f"{role.value}.log", role.value)
                )
            await processors_started(tmp, [role.value for role in PROCESSORS])
            await catalogi_role.seed(gateway, processor_elsewhere=True)
            transport = httpx.ASGITransport(app=gateway.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
                yield Deployment(settings, gateway, client)
    finally:
        await gateway.close()
