"""A running MidOffice (embedded log + SQLite, or Kafka + PostgreSQL) with two municipalities
and clients with chosen autorisaties, for the Zaken API tests.

Gemeente A is the demo catalogue (Demodam, RSIN 002220647); gemeente B is a copy of it with
other uuids and RSIN 123456782. Clients are registered by name with their ``ClientRights``;
``Api.as_(client)`` sends requests with that client's token. Every response can be checked
against the official specification with ``tests.zgw_spec``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from autorisaties.rights import Autorisatie, ClientRights, Component, all_rights
from midoffice.bootstrap import Role, bootstrap, running
from midoffice.settings import DEMO_CATALOGUE, Settings
from schemas.payloads import Vertrouwelijkheidaanduiding
from tests.tokens import zgw_token
from zaakmagazijn import migrate

BASE = "http://testserver"
SECRET = "zaken-tests-secret-long-enough-for-hs256"
RSIN_A, RSIN_B = "002220647", "123456782"
_NAMESPACE = uuid.UUID("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

ZAKEN = "/zaken/api/v1/zaken"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


def for_b(value: uuid.UUID | str) -> uuid.UUID:
    """The uuid in gemeente B's catalogue of a demo catalogue object."""
    return uuid.uuid5(_NAMESPACE, str(value))


def two_municipalities(tmp: Path) -> Path:
    """A catalogue file with the demo catalogus (A) and a copy of it for gemeente B."""
    text = DEMO_CATALOGUE.read_text(encoding="utf-8")
    start = text.index("  - uuid:")
    copy = _UUID.sub(lambda m: str(for_b(m[0])), text[start:])
    copy = copy.replace(f'rsin: "{RSIN_A}"', f'rsin: "{RSIN_B}"').replace("DEMO", "DEMB")
    copy = copy.replace("Demodam", "Demobergen")
    path = tmp / "catalogus.yaml"
    path.write_text(text + copy, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Gemeente:
    """URLs of one municipality's demo zaaktype and its parts."""

    rsin: str
    zaaktype_uuid: uuid.UUID
    ids: Mapping[str, uuid.UUID]

    def url(self, collection: str, name: str) -> str:
        return f"{BASE}/catalogi/api/v1/{collection}/{self.ids[name]}"

    @property
    def zaaktype(self) -> str:
        return f"{BASE}/catalogi/api/v1/zaaktypen/{self.zaaktype_uuid}"

    def statustype(self, volgnummer: int) -> str:
        return self.url("statustypen", f"status{volgnummer}")


_DEMO_IDS = {
    "status1": "7e1c3a10-0001-4a4a-8a8a-000000000001",
    "status2": "7e1c3a10-0002-4a4a-8a8a-000000000002",
    "status3": "7e1c3a10-0003-4a4a-8a8a-000000000003",
    "status4": "7e1c3a10-0004-4a4a-8a8a-000000000004",
    "aanvrager": "7e1c3a10-0101-4a4a-8a8a-000000000101",
    "behandelaar": "7e1c3a10-0102-4a4a-8a8a-000000000102",
    "verleend": "7e1c3a10-0201-4a4a-8a8a-000000000201",
    "geweigerd": "7e1c3a10-0202-4a4a-8a8a-000000000202",
    "kenteken": "7e1c3a10-0301-4a4a-8a8a-000000000301",
    "voertuig": "7e1c3a10-0501-4a4a-8a8a-000000000501",
}
_DEMO_ZAAKTYPE = uuid.UUID("0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f")
A = Gemeente(RSIN_A, _DEMO_ZAAKTYPE, {k: uuid.UUID(v) for k, v in _DEMO_IDS.items()})
B = Gemeente(RSIN_B, for_b(_DEMO_ZAAKTYPE), {k: for_b(v) for k, v in _DEMO_IDS.items()})


def rights(
    client_id: str,
    scopes: Iterable[str],
    zaaktype: uuid.UUID = A.zaaktype_uuid,
    maximum: str = "zeer_geheim",
    *more: Autorisatie,
) -> ClientRights:
    """A client with ``scopes`` on one zaaktype up to ``maximum`` (plus ``more``)."""
    autorisatie = Autorisatie(
        component=Component.zrc,
        scopes=frozenset(scopes),
        type_uuid=zaaktype,
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheidaanduiding(maximum),
    )
    return ClientRights(client_id=client_id, autorisaties=(autorisatie, *more))


class Registry:
    """Client secrets and rights of the tests (``secret`` and ``rights``, as the gateway asks)."""

    def __init__(self) -> None:
        self.clients: dict[str, ClientRights] = {"alles": all_rights("alles")}

    def secret(self, client_id: str) -> str | None:
        return SECRET if client_id in self.clients else None

    def rights(self, client_id: str) -> ClientRights | None:
        return self.clients.get(client_id)


@dataclass
class Api:
    """An HTTP client of the running gateway, acting as ``client_id``."""

    http: httpx.AsyncClient
    registry: Registry
    settings: Settings
    client_id: str = "alles"
    extra: dict[str, str] = field(default_factory=dict)

    def as_(self, client_id: str, rights: ClientRights | None = None) -> Api:
        """The same gateway as another client (registered with ``rights`` when given)."""
        if rights is not None:
            self.registry.clients[client_id] = rights
        return Api(self.http, self.registry, self.settings, client_id)

    def headers(self, **extra: str) -> dict[str, str]:
        token = zgw_token(client_id=self.client_id, secret=SECRET)
        return {"Authorization": f"Bearer {token}", **CRS, **extra}

    async def request(self, method: str, path: str, json: Any = None, **kw: Any) -> httpx.Response:
        headers = self.headers(**kw.pop("headers", {}))
        return await self.http.request(method, path, json=json, headers=headers, **kw)

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.request("GET", path, params=params)

    async def post(self, path: str, json: Any, **headers: str) -> httpx.Response:
        return await self.request("POST", path, json, headers=headers)

    async def created(self, path: str, json: Any) -> dict[str, Any]:
        response = await self.post(path, json)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body


@contextlib.asynccontextmanager
async def running_midoffice(
    tmp: Path, bus_url: str | None = None, database_url: str | None = None, partitions: int = 3
) -> AsyncIterator[Api]:
    """Gateway and processors in one process; embedded + SQLite unless URLs are given."""
    suffix = tmp.name[-12:].replace("-", "_")
    settings = Settings(
        bus_url=bus_url or f"embedded://{tmp}/log.sqlite3",
        database_url=database_url or f"sqlite+aiosqlite:///{tmp}/zaakmagazijn.sqlite3",
        partitions=partitions,
        catalogue_file=two_municipalities(tmp),
        intake_topic=f"intake_{suffix}",
        events_topic=f"events_{suffix}",
        demo_client_enabled=False,
    )
    if database_url:
        await migrate.upgrade(database_url)
    runtime = await bootstrap(
        settings, {Role.gateway, Role.zaakmagazijn, Role.catalogi}, run_migrations=True
    )
    assert runtime.app is not None
    registry = Registry()
    runtime.app.state.client_registry = registry
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
                yield Api(http, registry, settings)
    finally:
        await runtime.close()


def zaak_body(gemeente: Gemeente = A, **extra: Any) -> dict[str, Any]:
    return {
        "bronorganisatie": gemeente.rsin,
        "verantwoordelijkeOrganisatie": gemeente.rsin,
        "zaaktype": gemeente.zaaktype,
        "startdatum": "2026-03-02",
        "omschrijving": "Parkeervergunning",
        **extra,
    }


def moment(minutes: int = 0) -> str:
    """A datumStatusGezet in the past, ``minutes`` after a fixed start."""
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    return start.isoformat().replace("+00:00", "Z")
