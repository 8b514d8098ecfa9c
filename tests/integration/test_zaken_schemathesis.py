"""schemathesis against the Zaken API OpenAPI document the gateway serves.

The served document is the MidOffice's own, generated from its routes
(:mod:`midoffice.gateway.routes.zaken_schema`), with every status the routes answer (202,
304, 404 past the last page, 409, 413, ...). The MidOffice runs in this process
(``serve``'s roles, embedded log, SQLite) on a loopback port in a thread; schemathesis sends
generated requests with the demo client's token (all autorisaties), a bounded number per
operation, after a zaak with all its parts has been registered so the explicit examples
reach existing objects. No answer may be a server error or contradict the document: status
code, content type, headers and body (schemathesis's checks), and the body is also
validated against the official specification by ``tests.zgw_spec``. That validator reads
``format: uri``/``email`` as Django REST framework-based ZGW APIs (Open Zaak) fill them: an
empty optional reference is ``""``, which ZGW clients expect; apart from that it is the
specification's JSON Schema (OpenAPI 3.0 ``nullable`` included).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
import uvicorn
from schemathesis import checks

from midoffice.bootstrap import Role, bootstrap, running
from midoffice.settings import Settings
from tests import zgw_spec
from tests.tokens import auth_headers

EXAMPLES_PER_OPERATION = 15
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
CATALOGI = "/catalogi/api/v1"
ZAAKTYPE = f"{CATALOGI}/zaaktypen/0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"
SEEN: dict[int, int] = {}
BY_OPERATION: dict[str, set[int]] = {}


@schemathesis.check
def follows_the_official_zaken_spec(
    ctx: Any, response: Any, case: schemathesis.Case
) -> bool | None:
    """The body (and the headers the spec declares) match the official specification wherever
    it documents the status; our documented extensions are checked by status code only."""
    SEEN[response.status_code] = SEEN.get(response.status_code, 0) + 1
    BY_OPERATION.setdefault(f"{case.method} {case.operation.path}", set()).add(
        response.status_code
    )
    template = case.operation.path
    operation = zgw_spec.load_spec("zaken")["paths"][template][case.method.lower()]
    if str(response.status_code) not in operation["responses"]:
        return None
    body = response.json() if response.content else None
    headers = {name: values[0] for name, values in response.headers.items()}
    zgw_spec.validate_response("zaken", template, case.method, response.status_code, body,
                               headers, require_headers=False)  # fmt: skip
    return None


CHECKS = [
    follows_the_official_zaken_spec,
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server(threading.Thread):
    """``midoffice serve`` in a thread with its own event loop."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(daemon=True)
        self.settings = settings
        self.server: uvicorn.Server | None = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # surfaced by the fixture
            self.failure = exc

    async def _main(self) -> None:
        runtime = await bootstrap(self.settings, set(Role), run_migrations=True)
        try:
            async with running(runtime):
                assert runtime.app is not None
                config = uvicorn.Config(runtime.app, host="127.0.0.1", port=self.settings.http_port,
                                        log_config=None, access_log=False)  # fmt: skip
                self.server = uvicorn.Server(config)
                await self.server.serve()
        finally:
            await runtime.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp: Path = tmp_path_factory.mktemp("zaken-schemathesis")
    settings = Settings(
        bus_url=f"embedded://{tmp}/log.sqlite3",
        database_url=f"sqlite+aiosqlite:///{tmp}/midoffice.sqlite3",
        http_port=_free_port(),
        partitions=2,
        outcome_timeout_seconds=5,
    )
    server = Server(settings)
    server.start()
    deadline = time.monotonic() + 60
    while not (server.server and server.server.started):
        assert server.failure is None, server.failure
        assert time.monotonic() < deadline, "the MidOffice did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{settings.http_port}"
    server.server.should_exit = True
    server.join(30)


def _seed(base_url: str) -> dict[str, dict[str, Any]]:
    """A zaak with every kind of part; returns one example body per collection."""
    root = f"{base_url}/zaken/api/v1"
    headers = {**auth_headers(), **CRS}

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(f"{root}{path}", json=body, headers=headers, timeout=30)
        assert response.status_code == 201, response.text
        return dict(response.json())

    zaak = post("/zaken", {"bronorganisatie": "002220647", "verantwoordelijkeOrganisatie":
                           "002220647", "zaaktype": base_url + ZAAKTYPE, "startdatum":
                           "2026-03-02"})  # fmt: skip
    ids = "7e1c3a10-{0}-4a4a-8a8a-00000000{0}"
    examples = {
        "zaken": zaak,
        "statussen": post("/statussen", {"zaak": zaak["url"], "statustype": base_url + CATALOGI
                          + "/statustypen/" + ids.format("0001"), "datumStatusGezet":
                          "2026-03-02T10:00:00Z"}),
        "rollen": post("/rollen", {"zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon",
                       "roltype": f"{base_url}{CATALOGI}/roltypen/{ids.format('0101')}",
                       "roltoelichting": "", "betrokkeneIdentificatie": {"inpBsn": "111222333"}}),
        "resultaten": post("/resultaten", {"zaak": zaak["url"], "resultaattype":
                           f"{base_url}{CATALOGI}/resultaattypen/{ids.format('0201')}"}),
        "zaakobjecten": post("/zaakobjecten", {"zaak": zaak["url"], "objectType": "overige",
                             "object": "https://objecten.example/api/v2/objects/1"}),
        "zaakinformatieobjecten": post("/zaakinformatieobjecten", {"zaak": zaak["url"],
                                       "informatieobject": "https://drc.example/eio/1"}),
        "klantcontacten": post("/klantcontacten", {"zaak": zaak["url"],
                               "datumtijd": "2026-03-02T10:00:00Z"}),
        "zaakeigenschappen": post(f"/zaken/{zaak['uuid']}/zaakeigenschappen", {"zaak":
                                  zaak["url"], "eigenschap": f"{base_url}{CATALOGI}/eigenschappen/"
                                  f"{ids.format('0301')}", "waarde": "AB-12-CD"}),
    }  # fmt: skip
    return examples


def _explicit(
    operation: Any, examples: dict[str, dict[str, Any]]
) -> schemathesis.Case | None:
    """A valid request for ``operation`` on the seeded objects (None for a zaak DELETE, which
    would remove what the other operations use)."""
    path, method = operation.path, operation.method.lower()
    collection = [part for part in path.split("/") if part and "{" not in part][-1]
    example = examples.get(collection)
    if example is None or (collection == "zaken" and method == "delete"):
        return None
    parameters = {}
    if "{zaak_uuid}" in path:
        parameters["zaak_uuid"] = examples["zaken"]["uuid"]
    if "{uuid}" in path:
        parameters["uuid"] = example["uuid"]
    if method not in ("post", "put", "patch"):
        return operation.Case(path_parameters=parameters or None)
    body = {k: v for k, v in example.items() if k not in ("url", "uuid", "identificatie")}
    if path == "/zaken/_zoek":
        body = {"identificatie": examples["zaken"]["identificatie"], "expand": "rollen"}
    return operation.Case(path_parameters=parameters or None, body=body)


def test_the_served_document_lists_what_we_implement(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{base_url}/zaken/api/v1/schema/openapi.yaml")
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert {"POST /zaken", "PATCH /zaken/{uuid}", "POST /zaken/_zoek", "GET /rollen",
            "GET /zaken/{zaak_uuid}/audittrail"} <= labels  # fmt: skip
    assert len(labels) >= 40


def test_schemathesis_finds_nothing(base_url: str) -> None:
    examples = _seed(base_url)
    document = httpx.get(f"{base_url}/zaken/api/v1/schema/openapi.json").json()
    schema = schemathesis.openapi.from_dict(document)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        explicit = _explicit(operation, examples)
        if explicit is not None:
            try:
                explicit.call_and_validate(base_url=f"{base_url}/zaken/api/v1",
                                           headers={**auth_headers(), **CRS}, checks=CHECKS)
            except Exception as exc:
                failures.append(f"{operation.label} (explicit): {exc}")

        @hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=f"{base_url}/zaken/api/v1",
                                   headers={**auth_headers(), **CRS},
                                   checks=CHECKS)  # fmt: skip

        try:
            run()
        except Exception as exc:  # collect them all, report once
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    assert sum(SEEN.values()) > 300 and {200, 201, 400} <= set(SEEN), (SEEN, BY_OPERATION)
