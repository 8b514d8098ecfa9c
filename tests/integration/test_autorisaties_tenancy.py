"""Tenancy through the autorisaties: a client of one municipality's zaaktype never reads or
lists a zaak of another's, nor a zaak above its maximum vertrouwelijkheidaanduiding
(GET /zaken/api/v1/zaken and /zaken/{uuid}; SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from schemas.payloads import ZaakGeopendV1
from tests.integration.autorisaties_support import (
    ZAAKTYPE_A,
    ZAAKTYPE_B,
    Midoffice,
    headers,
    midoffice,
    zrc,
)
from tests.integration.gateway_support import insert_zaak

ZAKEN = "/zaken/api/v1/zaken"
GEMEENTE_A, GEMEENTE_B = "002220647", "123456782"


@pytest.fixture
async def mo(tmp_path: Path, database_url: str) -> AsyncIterator[Midoffice]:
    async with midoffice(tmp_path, database_url) as running:
        yield running


async def zaak(engine: AsyncEngine, zaaktype: str, bron: str, aanduiding: str) -> str:
    identifier = uuid.uuid4()
    await insert_zaak(
        engine,
        ZaakGeopendV1(
            uuid=identifier,
            identificatie=f"Z-{identifier.hex[:8]}",
            bronorganisatie=bron,
            verantwoordelijkeOrganisatie=bron,
            zaaktype=uuid.UUID(zaaktype),
            registratiedatum=dt.date(2026, 1, 5),
            startdatum=dt.date(2026, 1, 5),
            vertrouwelijkheidaanduiding=aanduiding,
        ),
    )
    return str(identifier)


async def listed(mo: Midoffice, auth: dict[str, str]) -> set[str]:
    response = await mo.http.get(ZAKEN, headers=auth)
    assert response.status_code == 200, response.text
    return {body["uuid"] for body in response.json()["results"]}


async def test_a_client_sees_only_its_zaaktypen_and_aanduidingen(mo: Midoffice) -> None:
    engine = mo.runtime.engine
    a = await zaak(engine, ZAAKTYPE_A, GEMEENTE_A, "zaakvertrouwelijk")
    a_geheim = await zaak(engine, ZAAKTYPE_A, GEMEENTE_A, "geheim")
    b = await zaak(engine, ZAAKTYPE_B, GEMEENTE_B, "openbaar")
    assert (await mo.create("gemeente-a", zrc(ZAAKTYPE_A, ["zaken.lezen"]))).status_code == 201
    assert (
        await mo.create("gemeente-b", zrc(ZAAKTYPE_B, ["zaken.lezen"], "zeer_geheim"))
    ).status_code == 201
    assert (await mo.create("aanmaker-a", zrc(ZAAKTYPE_A, ["zaken.aanmaken"]))).status_code == 201
    client_a, client_b = mo.as_client("gemeente-a"), mo.as_client("gemeente-b")

    assert await listed(mo, client_a) == {a}
    assert await listed(mo, client_b) == {b}
    assert await listed(mo, headers()) == {a, a_geheim, b}  # the demo client: all rights

    assert (await mo.http.get(f"{ZAKEN}/{a}", headers=client_a)).status_code == 200
    for other in (b, a_geheim):  # another municipality, or above the maximum
        response = await mo.http.get(f"{ZAKEN}/{other}", headers=client_a)
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert (await mo.http.get(f"{ZAKEN}/{a}", headers=client_b)).status_code == 403

    without_lezen = mo.as_client("aanmaker-a")  # zaken.aanmaken is no zaken.lezen
    assert (await mo.http.get(ZAKEN, headers=without_lezen)).status_code == 403
    assert (await mo.http.get(f"{ZAKEN}/{a}", headers=without_lezen)).status_code == 403
