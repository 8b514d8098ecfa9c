"""The citizen's read model in the distributed configuration: Kafka (Tansu) + PostgreSQL,
every processor (burgerzaken included) as its own OS process. A zaak registered through the
ZGW API with an initiator rol reaches the PIP read with its zaaktype omschrijving and status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import ROLTYPE, RSIN, STATUSTYPEN, ZAAKTYPE, Deployment, distributed
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.burgerzaken_support import BSN, PIP, eventually

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@pytest.fixture
async def deployment(tmp_path: Path, tansu_url: str) -> AsyncIterator[Deployment]:
    postgres_url = await create_database()
    try:
        async with distributed(tmp_path, tansu_url, postgres_url) as running:
            yield running
    finally:
        await drop_database(postgres_url)


@pytest.mark.kafka
async def test_a_zaak_reaches_the_pip_read_model_on_kafka(deployment: Deployment) -> None:
    zaak = await deployment.post(
        "/zaken/api/v1/zaken",
        {"bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN, "zaaktype": ZAAKTYPE,
         "startdatum": "2026-11-02", "omschrijving": "Parkeervergunning"},
        **CRS,
    )  # fmt: skip
    assert zaak.status_code == 201, zaak.text
    url = zaak.json()["url"]
    rol = await deployment.post(
        "/zaken/api/v1/rollen",
        {"zaak": url, "betrokkeneType": "natuurlijk_persoon", "roltype": ROLTYPE,
         "roltoelichting": "initiator", "betrokkeneIdentificatie": {"inpBsn": BSN}},
    )  # fmt: skip
    assert rol.status_code == 201, rol.text
    status = await deployment.post(
        "/zaken/api/v1/statussen",
        {"zaak": url, "statustype": STATUSTYPEN[0], "datumStatusGezet": "2026-11-02T09:00:00Z"},
    )
    assert status.status_code == 201, status.text

    async def seen() -> list[dict[str, Any]] | None:
        response = await deployment.post(PIP, {"bsn": BSN})
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results if results and results[0]["status"] else None

    [found] = await eventually(seen, timeout=60)
    assert found["url"] == url
    assert found["zaaktype"]["omschrijving"] == "Aanvraag parkeervergunning"
    assert found["status"]["statustype"]["omschrijving"] == "Ontvangen"
