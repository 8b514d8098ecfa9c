"""A real HTTP receiver on 127.0.0.1 and a running MidOffice with the push connector."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from midoffice.bootstrap import Role, Runtime, bootstrap, running
from midoffice.settings import Settings
from push.dispatcher import Dispatcher
from push.settings import MijnOverheidSettings, PushSettings
from tests.fixtures.tansu import free_port
from tests.tokens import auth_headers

BASE = "http://testserver"
RSIN = "002220647"
ZAAKTYPE_UUID = "0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"
ZAAKTYPE = f"{BASE}/catalogi/api/v1/zaaktypen/{ZAAKTYPE_UUID}"
STATUSTYPEN = [
    f"{BASE}/catalogi/api/v1/statustypen/7e1c3a10-000{n}-4a4a-8a8a-00000000000{n}"
    for n in range(1, 5)
]
ROLTYPE = f"{BASE}/catalogi/api/v1/roltypen/7e1c3a10-0101-4a4a-8a8a-000000000101"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
BSN = "999993653"
ROLES = {
    Role.gateway,
    Role.zaakmagazijn,
    Role.catalogi,
    Role.autorisaties,
    Role.notificaties,
    Role.push,
}


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    at: float

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Behaviour:
    status: int = 204
    delay: float = 0.0


@dataclass
class Receiver:
    """A real HTTP server: records every POST; ``/token`` is an OAuth2 token endpoint
    (client credentials with HTTP Basic ``client:secret``)."""

    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    behaviour: dict[str, Behaviour] = field(default_factory=dict)
    tokens_issued: int = 0
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def at(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]

    async def _token(self, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        expected = "Basic " + base64.b64encode(b"client:secret").decode()
        if headers.get("authorization") != expected or b"grant_type=client_credentials" not in body:
            return 401, b'{"error": "invalid_client"}'
        self.tokens_issued += 1
        token = {
            "access_token": f"token-{self.tokens_issued}",
            "token_type": "Bearer",
            "expires_in": 3600,
        }
        return 200, json.dumps(token).encode()

    async def app(
        self,
        scope: dict[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        path = scope["path"]
        if path == "/token":
            status, answer = await self._token(headers, body)
        else:
            behaviour = self.behaviour.get(path, Behaviour())
            if behaviour.delay:
                await asyncio.sleep(behaviour.delay)
            status, answer = behaviour.status, b""
            self.received.append(Received(path, headers, body, status, time.monotonic()))
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": answer})

    async def start(self) -> None:
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off", interface="asgi3",
            access_log=False,
        )
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
            self._server = self._task = None


@contextlib.asynccontextmanager
async def receiver() -> AsyncIterator[Receiver]:
    server = Receiver()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def quick_push(**overrides: Any) -> PushSettings:
    """Delivery settings shortened for tests."""
    values: dict[str, Any] = {
        "backoff_initial": 0.2,
        "backoff_max": 1.0,
        "breaker_failures": 3,
        "breaker_cooldown": 1.0,
        "poll_interval": 0.1,
        "request_timeout": 2.0,
        "dead_letter_after": 120.0,
        "allow_private_targets": True,
    }
    return PushSettings(**(values | overrides))


@dataclass
class Deployment:
    settings: Settings
    runtime: Runtime
    http: httpx.AsyncClient
    secrets: dict[str, str] = field(default_factory=dict)

    @property
    def dispatcher(self) -> Dispatcher:
        return next(p.dispatcher for p in self.runtime.processors if hasattr(p, "dispatcher"))

    def as_(self, client_id: str = "demo") -> dict[str, str]:
        secret = self.secrets.get(client_id, "demo-secret")
        return {**auth_headers(client_id=client_id, secret=secret), **CRS}

    async def post(self, path: str, body: Any, client_id: str = "demo") -> httpx.Response:
        return await self.http.post(path, json=body, headers=self.as_(client_id))

    async def applicatie(self, client_id: str, *autorisaties: dict[str, Any]) -> None:
        secret = f"{client_id}-secret-0123456789"
        body = {
            "clientIds": [client_id],
            "label": client_id,
            "secret": secret,
            "autorisaties": list(autorisaties),
        }
        response = await self.post("/autorisaties/api/v1/applicaties", body)
        assert response.status_code == 201, response.text
        self.secrets[client_id] = secret

    async def subscriber(
        self, client_id: str, maximum: str = "zeer_geheim", zaaktype: str = ZAAKTYPE
    ) -> None:
        """An applicatie that may subscribe and read zaken of ``zaaktype``."""
        await self.applicatie(
            client_id,
            {"component": "nrc", "scopes": ["notificaties.consumeren"]},
            {
                "component": "zrc",
                "scopes": ["zaken.lezen"],
                "zaaktype": zaaktype,
                "maxVertrouwelijkheidaanduiding": maximum,
            },
        )

    async def abonneer(self, client_id: str, callback: str, **extra: Any) -> dict[str, Any]:
        body = {
            "callbackUrl": callback,
            "auth": "Bearer abonnee-token",
            "kanalen": [{"naam": "zaken", "filters": {"bronorganisatie": RSIN}}],
            **extra,
        }
        response = await self.post("/notificaties/api/v1/abonnement", body, client_id)
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def zaak(self, bsn: str | None = BSN, **extra: Any) -> str:
        body = {
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "zaaktype": ZAAKTYPE,
            "startdatum": "2026-03-02",
            "omschrijving": "Parkeren",
            "vertrouwelijkheidaanduiding": "openbaar",
            **extra,
        }
        response = await self.post("/zaken/api/v1/zaken", body)
        assert response.status_code == 201, response.text
        url: str = response.json()["url"]
        if bsn:
            rol = {
                "zaak": url,
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": ROLTYPE,
                "roltoelichting": "aanvrager",
                "betrokkeneIdentificatie": {"inpBsn": bsn},
            }
            answer = await self.post("/zaken/api/v1/rollen", rol)
            assert answer.status_code == 201, answer.text
        return url

    async def status(self, zaak: str, index: int, minute: int = 0) -> str:
        body = {
            "zaak": zaak,
            "statustype": STATUSTYPEN[index],
            "datumStatusGezet": f"2026-03-02T09:{minute:02d}:00Z",
        }
        response = await self.post("/zaken/api/v1/statussen", body)
        assert response.status_code == 201, response.text
        url: str = response.json()["url"]
        return url


async def eventually(check: Callable[[], Awaitable[bool] | bool], timeout: float = 10.0) -> None:
    """Wait until ``check()`` holds (polling), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if isinstance(result, Awaitable):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def midoffice(
    tmp: Path,
    *,
    bus_url: str | None = None,
    database_url: str | None = None,
    push: PushSettings | None = None,
    mijnoverheid: MijnOverheidSettings | None = None,
) -> AsyncIterator[Deployment]:
    """Gateway, zaakmagazijn, catalogi, autorisaties, notificaties and push in one process."""
    suffix = tmp.name[-12:].replace("-", "_")
    settings = Settings(
        bus_url=bus_url or f"embedded://{tmp}/log.sqlite3",
        database_url=database_url or f"sqlite+aiosqlite:///{tmp}/midoffice.sqlite3",
        partitions=2,
        intake_topic=f"intake_{suffix}",
        events_topic=f"events_{suffix}",
        blob_url=f"file://{tmp}/blobs",
        push=push or quick_push(),
        mijnoverheid=mijnoverheid or MijnOverheidSettings(),
    )
    runtime = await bootstrap(settings, ROLES, run_migrations=True)
    assert runtime.app is not None
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
                yield Deployment(settings, runtime, http)
    finally:
        await runtime.close()
