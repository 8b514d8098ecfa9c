"""Bytes round trip hash-equal in both bus configurations (embedded + SQLite + file blobs;
Kafka + PostgreSQL + PostgreSQL blobs), and deduplication across documents and versions."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from documentmagazijn import queries
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.documenten_support import Documenten, documenten, eio_body
from tests.integration.multipart_body import multipart


@pytest.fixture(
    params=[
        "embedded",
        pytest.param("distributed", marks=[pytest.mark.kafka, pytest.mark.postgres]),
    ]
)
async def deployment(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Documenten]:
    if request.param == "embedded":
        async with documenten(tmp_path, bestandsdeel_bytes=65536) as running:
            yield running
        return
    kafka_url = request.getfixturevalue("tansu_url")
    database = await create_database()
    suffix = tmp_path.name[-12:].replace("-", "_")
    try:
        async with documenten(
            tmp_path,
            database_url=database,
            bus_url=kafka_url,
            bestandsdeel_bytes=65536,
            blob_url=database.replace("postgresql+asyncpg://", "postgresql://"),
            intake_topic=f"intake_{suffix}",
            events_topic=f"events_{suffix}",
        ) as running:
            yield running
    finally:
        await drop_database(database)


async def test_round_trip_and_dedupe(deployment: Documenten) -> None:
    d = deployment
    letter = b"Sjabloon: uw aanvraag is in behandeling genomen.\n" * 300
    urls = []
    for _ in range(4):
        created = await d.create(letter)
        assert created.status_code == 201, created.text
        urls.append(created.json()["url"])
    for url in urls:
        got = await d.download(url + "/download")
        assert hashlib.sha256(got.content).digest() == hashlib.sha256(letter).digest()
    big = os.urandom(200_000)
    created = await d.http.post(
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        json=eio_body(None, bestandsomvang=len(big)),
        headers=d.headers,
    )
    body = created.json()
    for index, part in enumerate(body["bestandsdelen"]):
        piece = big[index * 65536 : (index + 1) * 65536]
        headers, stream = multipart(body["lock"], [piece])
        done = await d.http.put(part["url"], content=stream, headers={**d.headers, **headers})
        assert done.status_code == 200, done.text
    got = await d.download(body["url"] + "/download")
    assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(big).hexdigest()
    # a new versie with the same bytes as the letter: still one blob for the letter
    lock = (await d.http.post(urls[0] + "/lock", headers=d.headers)).json()["lock"]
    patch = {"lock": lock, "inhoud": base64.b64encode(letter).decode()}
    assert (await d.http.patch(urls[0], json=patch, headers=d.headers)).status_code == 200
    async with d.runtime.engine.connect() as conn:
        referenced = await queries.referenced_blobs(conn)
    assert hashlib.sha256(letter).hexdigest() in referenced
    assert len(referenced) == 2  # the letter (5 versies, 4 documents) and the big document
