"""schemathesis against the OpenAPI document the gateway serves for the Catalogi API.

The MidOffice runs in this process (``serve``'s roles: gateway, processors, embedded log,
SQLite) on a loopback port in a thread of its own; schemathesis loads the served document
and sends generated requests with the demo client's token, a bounded number per operation.
No answer may be a server error or contradict the document (status codes, content types,
headers, bodies), and every answer must also match the OFFICIAL Catalogi 1.3.1 specification
where that documents the status.
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

EXAMPLES_PER_OPERATION = 12
OUR_EXTENSIONS = {202, 404}
"""Answers the official spec does not list everywhere: 202 (outcome not decided in time) and
404 for a list page past the end (Django REST framework's pagination, as Open Zaak)."""


SEEN: dict[int, int] = {}


@schemathesis.check
def follows_the_official_spec(ctx: Any, response: Any, case: schemathesis.Case) -> bool | None:
    """Every answer the official Catalogi 1.3.1 spec documents must match it there."""
    SEEN[response.status_code] = SEEN.get(response.status_code, 0) + 1
    template = case.operation.path
    operation = zgw_spec.load_spec("catalogi")["paths"][template][case.method.lower()]
    if str(response.status_code) not in operation["responses"]:
        assert response.status_code in OUR_EXTENSIONS, (
            f"{case.method} {template} answered {response.status_code}, undocumented"
        )
        return None
    body = response.json() if response.content else None
    headers = {name: values[0] for name, values in response.headers.items()}
    zgw_spec.validate_response("catalogi", template, case.method, response.status_code, body,
                               headers, require_headers=False)  # fmt: skip
    return None


CHECKS = [
    follows_the_official_spec,
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
    tmp: Path = tmp_path_factory.mktemp("schemathesis")
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


def _with_examples(base_url: str) -> dict[str, Any]:
    """The served document, with the demo catalogue's objects as examples: an existing uuid
    for every ``{uuid}`` and an existing object as the request body, so the explicit phase
    also reaches the processor (updates, publications, deletions) and not only 404s."""
    api = f"{base_url}/catalogi/api/v1"
    document = httpx.get(f"{api}/schema/openapi.json").json()
    for path, operations in document["paths"].items():
        collection = path.split("/")[1]
        listed = httpx.get(f"{api}/{collection}", params={"status": "alles"} if collection !=
                           "catalogussen" else {}, headers=auth_headers()).json()  # fmt: skip
        if not listed.get("results"):
            continue
        example = listed["results"][0]
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] == "uuid":
                    parameter["example"] = example["url"].rsplit("/", 1)[1]
            if "requestBody" in operation and not path.endswith("/publish"):
                operation["requestBody"]["content"]["application/json"]["example"] = example
    return dict(document)


def test_the_served_document_is_valid_openapi(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{base_url}/catalogi/api/v1/schema/openapi.yaml")
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert "POST /zaaktypen/{uuid}/publish" in labels
    assert "GET /zaaktype-informatieobjecttypen" in labels
    assert len(operations) >= 60


def test_schemathesis_finds_nothing(base_url: str) -> None:
    schema = schemathesis.openapi.from_dict(_with_examples(base_url))
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=f"{base_url}/catalogi/api/v1",
                                   headers=auth_headers(), checks=CHECKS)  # fmt: skip

        try:
            run()
        except Exception as exc:  # collect them all, report once
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    assert sum(SEEN.values()) > 300 and {200, 400, 404} <= set(SEEN), SEEN
