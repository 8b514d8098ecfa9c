"""The citizen's read model in the distributed configuration: Kafka (Tansu) + PostgreSQL, the
processors it needs (catalogi, zaakmagazijn, burgerzaken) each as its own OS process, the
gateway as its own runtime. A zaak registered through the ZGW API with an initiator rol
reaches the PIP read with its zaaktype omschrijving and status."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from midoffice import migrations
from midoffice.bootstrap import Role, bootstrap
from midoffice.roles import catalogi as catalogi_role
from tests.e2e.harness import (
    BASE,
    ROLTYPE,
    RSIN,
    STATUSTYPEN,
    ZAAKTYPE,
    Deployment,
    processor_process,
    settings_for,
)
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.burgerzaken_support import BSN, PIP, eventually

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@pytest.fixture
async def deployment(tmp_path: Path, tansu_url: str) -> AsyncIterator[Deployment]:
    postgres_url = await create_database()
    suffix = tmp_path.name[-12:].replace("-", "_")
    settings = settings_for(
        tansu_url, postgres_url, partitions=3, intake_topic=f"intake_{suffix}",
        events_topic=f"events_{suffix}", outcome_timeout_seconds=90,
    )  # fmt: skip
    try:
        await migrations.upgrade_all(settings.database_url)
        gateway = await bootstrap(settings, {Role.gateway})
        assert gateway.app is not None
        try:
            async with contextlib.AsyncExitStack() as processes:
                for role in ("catalogi", "zaakmagazijn", "burgerzaken"):
                    await processes.enter_async_context(
                        processor_process(settings, tmp_path / f"{role}.log", role)
                    )
                await catalogi_role.seed(gateway, processor_elsewhere=True)
                transport = httpx.ASGITransport(app=gateway.app)
                async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
                    yield Deployment(settings, gateway, client)
        finally:
            await gateway.close()
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
