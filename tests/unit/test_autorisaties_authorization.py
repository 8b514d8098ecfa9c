"""The gateway's authorisation building blocks: RightsDep, require_scope, require_allowed."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from autorisaties.rights import Autorisatie, ClientRights, Component
from autorisaties.scopes import AUTORISATIES_LEZEN, ZAKEN_LEZEN
from midoffice.gateway.auth import DemoClientRegistry
from midoffice.gateway.authorization import (
    PERMISSION_DENIED,
    RightsDep,
    forbidden,
    require_allowed,
    require_scope,
)
from midoffice.gateway.problems import Problem, install_problem_handlers
from midoffice.settings import Settings
from schemas.payloads import Vertrouwelijkheidaanduiding
from tests.tokens import auth_headers

ZAAKTYPE_A = uuid.uuid4()
ZAAKTYPE_B = uuid.uuid4()
LEZER_A = ClientRights(
    "lezer-a",
    autorisaties=(
        Autorisatie(
            Component.zrc,
            frozenset({ZAKEN_LEZEN}),
            ZAAKTYPE_A,
            Vertrouwelijkheidaanduiding.intern,
        ),
    ),
)


class _Container:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


class _Registry(DemoClientRegistry):
    """The demo client plus one client with fixed rights (as the applicaties registry)."""

    def secret(self, client_id: str) -> str | None:
        return "lezer-a-secret-long-enough" if client_id == "lezer-a" else super().secret(client_id)

    def rights(self, client_id: str) -> ClientRights | None:
        return LEZER_A if client_id == "lezer-a" else super().rights(client_id)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    settings = Settings()
    app.state.container = _Container(settings)
    app.state.client_registry = _Registry(settings)
    install_problem_handlers(app)

    @app.get("/rights")
    async def rights(rights: RightsDep) -> dict[str, Any]:
        require_scope(rights, Component.zrc, ZAKEN_LEZEN)
        return {"client_id": rights.client_id, "alle": rights.heeft_alle_autorisaties}

    @app.get("/zaak/{zaaktype}/{aanduiding}")
    async def zaak(zaaktype: uuid.UUID, aanduiding: str, rights: RightsDep) -> dict[str, str]:
        require_allowed(
            rights,
            Component.zrc,
            ZAKEN_LEZEN,
            type_uuid=zaaktype,
            vertrouwelijkheidaanduiding=aanduiding,
        )
        return {"ok": "ja"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_the_demo_client_has_all_rights(client: httpx.AsyncClient) -> None:
    response = await client.get("/rights", headers=auth_headers())
    assert response.json() == {"client_id": "demo", "alle": True}
    zaak = await client.get(f"/zaak/{ZAAKTYPE_B}/zeer_geheim", headers=auth_headers())
    assert zaak.status_code == 200


async def test_rights_need_authentication_first(client: httpx.AsyncClient) -> None:
    assert (await client.get("/rights")).status_code == 401
    wrong = auth_headers(secret="not-the-demo-secret")
    assert (await client.get("/rights", headers=wrong)).status_code == 401


async def test_a_registered_client_gets_its_own_rights(client: httpx.AsyncClient) -> None:
    headers = auth_headers(client_id="lezer-a", secret="lezer-a-secret-long-enough")
    assert (await client.get("/rights", headers=headers)).json()["alle"] is False
    assert (await client.get(f"/zaak/{ZAAKTYPE_A}/openbaar", headers=headers)).status_code == 200
    assert (await client.get(f"/zaak/{ZAAKTYPE_A}/intern", headers=headers)).status_code == 200


@pytest.mark.parametrize(
    ("zaaktype", "aanduiding"),
    [(ZAAKTYPE_B, "openbaar"), (ZAAKTYPE_A, "zaakvertrouwelijk"), (ZAAKTYPE_A, "zeer_geheim")],
)
async def test_another_zaaktype_or_a_higher_aanduiding_is_forbidden(
    client: httpx.AsyncClient, zaaktype: uuid.UUID, aanduiding: str
) -> None:
    headers = auth_headers(client_id="lezer-a", secret="lezer-a-secret-long-enough")
    response = await client.get(f"/zaak/{zaaktype}/{aanduiding}", headers=headers)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == PERMISSION_DENIED


def test_require_scope_raises_permission_denied() -> None:
    with pytest.raises(Problem) as raised:
        require_scope(LEZER_A, Component.ac, AUTORISATIES_LEZEN)
    assert (raised.value.status, raised.value.code) == (403, "permission_denied")
    require_scope(LEZER_A, Component.zrc, ZAKEN_LEZEN)  # has it: no exception


def test_a_client_without_rights_may_do_nothing() -> None:
    nobody = ClientRights("nobody")
    for component, scope in ((Component.zrc, ZAKEN_LEZEN), (Component.ac, AUTORISATIES_LEZEN)):
        with pytest.raises(Problem):
            require_scope(nobody, component, scope)
    assert nobody.visibility(Component.zrc, ZAKEN_LEZEN).nothing


def test_forbidden_is_a_403_problem_with_a_detail() -> None:
    problem = forbidden("Niet voor jou.")
    assert (problem.status, problem.code, problem.detail) == (
        403,
        "permission_denied",
        "Niet voor jou.",
    )
