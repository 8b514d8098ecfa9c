"""Principle 1, for every store: after real traffic through the APIs, replaying the events
topic into an empty database reproduces each live projection exactly (equal content hash)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import update

from midoffice.bus import connect
from midoffice.projections import PROJECTIONS
from midoffice.replay import verify
from tests.e2e.harness import (
    RSIN,
    STATUSTYPEN,
    ZAAKTYPE,
    Deployment,
    distributed,
    embedded,
)
from tests.fixtures.postgres import create_database, drop_database
from zaakmagazijn.tables import zaak

IOT = "http://testserver/catalogi/api/v1/informatieobjecttypen/"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@pytest.fixture(params=["embedded", pytest.param("distributed", marks=pytest.mark.kafka)])
async def deployment(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Deployment]:
    if request.param == "embedded":
        async with embedded(tmp_path) as running:
            yield running
        return
    kafka_url = request.getfixturevalue("tansu_url")
    postgres_url = await create_database()
    try:
        async with distributed(tmp_path, kafka_url, postgres_url) as running:
            yield running
    finally:
        await drop_database(postgres_url)


async def _traffic(deployment: Deployment) -> None:
    for n in range(3):
        zaak = await deployment.post(
            "/zaken/api/v1/zaken",
            {"bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN,
             "zaaktype": ZAAKTYPE, "startdatum": "2026-11-02", "omschrijving": f"zaak {n}"},
            **CRS,
        )  # fmt: skip
        assert zaak.status_code == 201, zaak.text
        status = await deployment.post(
            "/zaken/api/v1/statussen",
            {"zaak": zaak.json()["url"], "statustype": STATUSTYPEN[0],
             "datumStatusGezet": "2026-11-02T09:00:00Z"},
        )  # fmt: skip
        assert status.status_code == 201, status.text
    iot = (await deployment.get("/catalogi/api/v1/informatieobjecttypen")).json()["results"][0]
    for n in range(2):
        document = await deployment.post(
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            {"bronorganisatie": RSIN, "creatiedatum": "2026-11-02", "titel": f"brief {n}",
             "auteur": "Team Parkeren", "taal": "nld", "bestandsnaam": "brief.txt",
             "formaat": "text/plain", "informatieobjecttype": iot["url"],
             "inhoud": base64.b64encode(b"Geachte heer, mevrouw").decode()},
        )  # fmt: skip
        assert document.status_code == 201, document.text
    applicatie = await deployment.post(
        "/autorisaties/api/v1/applicaties",
        {"clientIds": ["rebuild-test"], "label": "Rebuild", "heeftAlleAutorisaties": True,
         "secret": "a-long-enough-secret-value"},
    )  # fmt: skip
    assert applicatie.status_code == 201, applicatie.text
    kanaal = await deployment.post("/notificaties/api/v1/kanaal", {"naam": "rebuild"})
    assert kanaal.status_code == 201, kanaal.text
    abonnement = await deployment.post(
        "/notificaties/api/v1/abonnement",
        {"callbackUrl": "http://127.0.0.1:9/hook", "auth": "Bearer x",
         "kanalen": [{"naam": "rebuild"}]},
    )  # fmt: skip
    assert abonnement.status_code == 201, abonnement.text


async def test_every_projection_rebuilds_exactly_from_the_log(deployment: Deployment) -> None:
    await _traffic(deployment)
    bus = connect(deployment.settings.bus_url)
    await bus.start()
    try:
        for projection in PROJECTIONS.values():
            report = await verify(
                bus, deployment.settings.events_topic, projection,
                deployment.settings.database_url,
            )  # fmt: skip
            assert report.differences == [], projection.name
            assert report.equal, projection.name
            assert report.replay.applied > 0, f"{projection.name} had facts to apply"
            assert not report.replay.undecodable
    finally:
        await bus.close()


async def test_verify_reports_a_tampered_live_row(deployment: Deployment) -> None:
    await _traffic(deployment)
    async with deployment.gateway.engine.begin() as conn:
        await conn.execute(update(zaak).values(omschrijving="gewijzigd buiten de log om"))
    bus = connect(deployment.settings.bus_url)
    await bus.start()
    try:
        report = await verify(
            bus, deployment.settings.events_topic, PROJECTIONS["zaakmagazijn"],
            deployment.settings.database_url,
        )  # fmt: skip
    finally:
        await bus.close()
    assert not report.equal
    assert any("omschrijving" in line for line in report.differences)
