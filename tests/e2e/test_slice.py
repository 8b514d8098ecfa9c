"""The vertical slice, end to end, in both configurations: ZGW request -> gateway -> intake
topic -> zaakmagazijn processor -> events topic, read back through the ZGW API, and rebuilt
from the log into an empty database."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from midoffice.bus import connect
from midoffice.replay import replay_zaakmagazijn, verify_zaakmagazijn
from tests.e2e.harness import (
    RESULTAATTYPE,
    RSIN,
    STATUSTYPEN,
    ZAAKTYPE,
    Deployment,
    distributed,
    embedded,
)
from tests.fixtures.postgres import create_database, drop_database
from tests.zgw_spec import assert_response

ZAKEN = "/zaken/api/v1/zaken"
STATUSSEN = "/zaken/api/v1/statussen"
RESULTATEN = "/zaken/api/v1/resultaten"


@pytest.fixture(params=["embedded", pytest.param("distributed", marks=pytest.mark.kafka)])
async def deployment(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Deployment]:
    if request.param == "embedded":
        async with embedded(tmp_path) as running:
            yield running
    else:
        kafka_url = request.getfixturevalue("tansu_url")
        postgres_url = await create_database()
        try:
            async with distributed(tmp_path, kafka_url, postgres_url) as running:
                yield running
        finally:
            await drop_database(postgres_url)


def zaak_body(**extra: object) -> dict[str, object]:
    return {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": ZAAKTYPE,
        "startdatum": "2026-11-02",
        "omschrijving": "Parkeervergunning Dorpsstraat 1",
        **extra,
    }


def status_body(zaak_url: str, volgnummer: int, minutes: int = 0) -> dict[str, object]:
    moment = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    return {
        "zaak": zaak_url,
        "statustype": STATUSTYPEN[volgnummer - 1],
        "datumStatusGezet": moment.isoformat().replace("+00:00", "Z"),
        "statustoelichting": f"stap {volgnummer}",
    }


CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


async def test_zaak_lifecycle_through_the_log(deployment: Deployment) -> None:
    created = await deployment.post(ZAKEN, zaak_body(), **CRS)
    assert created.status_code == 201, created.text
    assert_response(created)
    zaak = created.json()
    assert zaak["identificatie"], "identificatie is generated when absent"
    assert created.headers["Location"] == zaak["url"]
    assert zaak["status"] is None and zaak["einddatum"] is None

    duplicate = await deployment.post(ZAKEN, zaak_body(identificatie=zaak["identificatie"]), **CRS)
    assert duplicate.status_code == 400
    assert_response(duplicate)
    assert [p["code"] for p in duplicate.json()["invalidParams"]] == ["identificatie-niet-uniek"]

    resultaat = await deployment.post(
        RESULTATEN, {"zaak": zaak["url"], "resultaattype": RESULTAATTYPE}
    )
    assert resultaat.status_code == 201, resultaat.text
    assert_response(resultaat)
    for volgnummer in range(1, 5):
        status = await deployment.post(STATUSSEN, status_body(zaak["url"], volgnummer, volgnummer))
        assert status.status_code == 201, status.text
        assert_response(status)

    detail = await deployment.get(
        f"{ZAKEN}/{zaak['uuid']}",
    )
    assert detail.status_code == 200
    assert_response(detail)
    assert detail.json()["einddatum"] == "2026-11-02", "the eindstatus sets einddatum"
    assert detail.json()["status"] == status.json()["url"]

    listed = await deployment.get(STATUSSEN, zaak=zaak["url"])
    assert_response(listed)
    assert listed.json()["count"] == 4
    zaken = await deployment.get(ZAKEN, identificatie=zaak["identificatie"])
    assert_response(zaken)
    assert [z["uuid"] for z in zaken.json()["results"]] == [zaak["uuid"]]


async def test_state_rules_come_back_as_problem_json(deployment: Deployment) -> None:
    unknown = "http://testserver/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000"
    orphan = await deployment.post(STATUSSEN, status_body(unknown, 1))
    assert orphan.status_code == 400
    assert orphan.headers["content-type"].startswith("application/problem+json")
    assert orphan.json()["invalidParams"][0]["name"] == "zaak"

    bad_rsin = await deployment.post(ZAKEN, zaak_body(bronorganisatie="123456789"), **CRS)
    assert bad_rsin.status_code == 400
    assert "bronorganisatie" in {p["name"] for p in bad_rsin.json()["invalidParams"]}


async def test_respond_async_gives_202_and_a_pollable_outcome(deployment: Deployment) -> None:
    accepted = await deployment.post(ZAKEN, zaak_body(), Prefer="respond-async", **CRS)
    assert accepted.status_code == 202
    location = accepted.headers["Location"]
    for _ in range(200):
        polled = await deployment.get(location)
        if polled.json()["status"] != "pending":
            break
        await asyncio.sleep(0.05)
    assert polled.json()["status"] == "accepted"
    zaak = await deployment.get(polled.json()["url"])
    assert zaak.status_code == 200


async def test_replay_into_an_empty_database_equals_the_live_zaakmagazijn(
    deployment: Deployment, tmp_path: Path
) -> None:
    for n in range(5):
        zaak = (await deployment.post(ZAKEN, zaak_body(omschrijving=f"zaak {n}"), **CRS)).json()
        resultaat = {"zaak": zaak["url"], "resultaattype": RESULTAATTYPE}
        assert (await deployment.post(RESULTATEN, resultaat)).status_code == 201
        for volgnummer in range(1, 2 + n % 4):
            response = await deployment.post(STATUSSEN, status_body(zaak["url"], volgnummer))
            assert response.status_code == 201
    bus = connect(deployment.settings.bus_url)
    await bus.start()
    try:
        report = await verify_zaakmagazijn(
            bus, deployment.settings.events_topic, deployment.settings.database_url
        )
        assert report.differences == []
        assert report.equal and report.replay.applied == 10 + sum(1 + n % 4 for n in range(5))
        rebuilt = await replay_zaakmagazijn(
            bus, deployment.settings.events_topic, f"sqlite+aiosqlite:///{tmp_path}/again.sqlite3"
        )
        assert rebuilt.applied == report.replay.applied and not rebuilt.undecodable
    finally:
        await bus.close()
