"""A running MidOffice with the citizen's read model (gateway, zaakmagazijn, catalogi,
documentmagazijn and burgerzaken processors; embedded log, SQLite or PostgreSQL), clients with
chosen autorisaties (``zaken_support.Registry``), and helpers for the PIP read."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx

from autorisaties.rights import Autorisatie, ClientRights, Component
from autorisaties.scopes import DOCUMENTEN_LEZEN, PIP_LEZEN, ZAKEN_LEZEN
from midoffice.bootstrap import Role, bootstrap, running
from midoffice.settings import Settings
from schemas.payloads import Vertrouwelijkheidaanduiding
from tests.integration.documenten_support import IOT_UUID
from tests.integration.zaken_support import BASE, A, Api, Registry, two_municipalities

PIP = "/pip/api/v1/burgerzaken/_zoek"
EIO = "/documenten/api/v1/enkelvoudiginformatieobjecten"
BSN = "111222333"  # passes the 11-proef
BSN_2 = "123456782"
KVK = "69599084"
ROLES = {Role.gateway, Role.zaakmagazijn, Role.catalogi, Role.documentmagazijn,
         Role.burgerzaken}  # fmt: skip
T = TypeVar("T")
IOT = uuid.UUID(IOT_UUID)


def pip_rights(
    client_id: str,
    *,
    zaaktype: Any = A.zaaktype_uuid,
    maximum: str = "zeer_geheim",
    scopes: frozenset[str] = frozenset({PIP_LEZEN, ZAKEN_LEZEN}),
    iot: Any = IOT,
) -> ClientRights:
    """A PIP applicatie: ``scopes`` on one zaaktype up to ``maximum`` and documenten.lezen."""
    return ClientRights(
        client_id=client_id,
        autorisaties=(
            Autorisatie(Component.zrc, scopes, zaaktype, Vertrouwelijkheidaanduiding(maximum)),
            Autorisatie(Component.drc, frozenset({DOCUMENTEN_LEZEN}), iot,
                        Vertrouwelijkheidaanduiding.zeer_geheim),
        ),
    )  # fmt: skip


@contextlib.asynccontextmanager
async def running_pip(tmp: Path, database_url: str, **extra: Any) -> AsyncIterator[Api]:
    suffix = tmp.name[-12:].replace("-", "_")
    settings = Settings(
        bus_url=f"embedded://{tmp}/log.sqlite3",
        database_url=database_url,
        partitions=3,
        catalogue_file=two_municipalities(tmp),
        intake_topic=f"intake_{suffix}",
        events_topic=f"events_{suffix}",
        blob_url=f"file://{tmp}/blobs",
        demo_client_enabled=False,
        **extra,
    )
    runtime = await bootstrap(settings, ROLES, run_migrations=True)
    assert runtime.app is not None
    registry = Registry()
    runtime.app.state.client_registry = registry
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=60) as http:
                api = Api(http, registry, settings)
                api.runtime = runtime  # type: ignore[attr-defined]
                yield api
    finally:
        store = getattr(runtime.app.state, "blob_store", None)
        if store is not None:
            await store.close()
        await runtime.close()


async def eventually(probe: Callable[[], Awaitable[T | None]], timeout: float = 20.0) -> T:
    """The first truthy result of ``probe`` (the read model follows the log asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: last result {result!r}")
        await asyncio.sleep(0.05)


async def pip(api: Api, body: dict[str, Any], page: int | None = None) -> httpx.Response:
    params = {"page": str(page)} if page else None
    return await api.request("POST", PIP, body, params=params)


def _rol(zaak: str, betrokkene_type: str, identificatie: dict[str, str]) -> dict[str, Any]:
    return {
        "zaak": zaak,
        "betrokkeneType": betrokkene_type,
        "roltype": A.url("roltypen", "aanvrager"),
        "roltoelichting": "initiator",
        "betrokkeneIdentificatie": identificatie,
    }


def rol_natuurlijk_persoon(zaak: str, bsn: str) -> dict[str, Any]:
    return _rol(zaak, "natuurlijk_persoon", {"inpBsn": bsn})


def rol_vestiging(zaak: str, kvk: str) -> dict[str, Any]:
    return _rol(zaak, "vestiging", {"vestigingsNummer": "000012345678", "kvkNummer": kvk})


async def document(api: Api, titel: str, vertrouwelijkheid: str) -> str:
    body = {"bronorganisatie": A.rsin, "creatiedatum": "2026-03-01", "titel": titel,
            "auteur": "Team Parkeren", "taal": "nld", "bestandsnaam": f"{titel}.txt",
            "formaat": "text/plain", "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "informatieobjecttype": f"{BASE}/catalogi/api/v1/informatieobjecttypen/{IOT_UUID}",
            "inhoud": base64.b64encode(b"Geachte heer, mevrouw").decode()}  # fmt: skip
    created = await api.created(EIO, body)
    return str(created["url"])
