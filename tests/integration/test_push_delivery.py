"""Push connector: normal delivery to real HTTP receivers, on both configurations."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import inspect

from midoffice.db import create_engine
from push import tables
from push.outbound_auth import verify
from tests import zgw_spec
from tests.integration.push_support import BSN, Deployment, eventually, midoffice, receiver

CLOUDEVENTS_SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[3] / "shared/standards/cloudevents/cloudevents.json"
    ).read_text()
)


async def deliver_two_formats(mo: Deployment, tmp: Path) -> None:
    async with receiver() as rx:
        await mo.subscriber("zgw-abonnee")
        await mo.subscriber("ce-abonnee")
        await mo.abonneer("zgw-abonnee", rx.url("/zgw"), hmacSecret="gedeeld-geheim")
        await mo.abonneer(
            "ce-abonnee",
            rx.url("/ce"),
            berichtformaat="cloudevents",
            oauth2={"tokenUrl": rx.url("/token"), "clientId": "client", "clientSecret": "secret"},
        )
        zaak = await mo.zaak()
        statussen = [await mo.status(zaak, 0, 1), await mo.status(zaak, 1, 2)]
        # zaak-geopend (zaak create) and two status changes reach both targets
        await eventually(lambda: len(rx.at("/zgw")) >= 3 and len(rx.at("/ce")) >= 3)

        zgw = rx.at("/zgw")
        for got in zgw:
            zgw_spec.validate_schema("notificaties", "Message", got.json())
            assert got.headers["authorization"] == "Bearer abonnee-token"
            assert verify(
                "gedeeld-geheim", got.body, got.headers["midoffice-signature"], time.time()
            )
            assert got.headers["idempotency-key"]
        assert [(m.json()["resource"], m.json()["actie"]) for m in zgw] == [
            ("zaak", "create"),
            ("status", "create"),
            ("status", "create"),
        ]
        assert [m.json()["resourceUrl"].rsplit("/", 1)[1] for m in zgw[1:]] == [
            s.rsplit("/", 1)[1] for s in statussen
        ]
        first = zgw[0].json()
        assert first["hoofdObject"].endswith(zaak.rsplit("/", 1)[1])
        assert first["kenmerken"]["bronorganisatie"] == "002220647"
        assert first["kenmerken"]["vertrouwelijkheidaanduiding"] == "openbaar"

        ce = rx.at("/ce")
        for got in ce:
            jsonschema.validate(got.json(), CLOUDEVENTS_SCHEMA)
            assert got.headers["content-type"].startswith("application/cloudevents+json")
            assert got.headers["authorization"] == "Bearer token-1"  # cached, fetched once
        assert rx.tokens_issued == 1
        assert [m.json()["type"] for m in ce] == [
            "nl.overheid.zaken.zaak-geopend",
            "nl.overheid.zaken.zaakstatus-gewijzigd",
            "nl.overheid.zaken.zaakstatus-gewijzigd",
        ]
        assert ce[1].json()["subject"] == zaak.rsplit("/", 1)[1]

        # the ledger: per zaak (operator scope), and per citizen by BSN in the body
        await mo.applicatie("beheer", {"component": "nrc", "scopes": ["notificaties.beheren"]})

        async def all_recorded() -> bool:
            found = await mo.http.get(
                "/push/api/v1/afleveringen", params={"zaak": zaak}, headers=mo.as_("beheer")
            )
            return {e["status"] for e in found.json()["results"]} == {"delivered"}

        await eventually(all_recorded)
        ledger = await mo.http.get(
            "/push/api/v1/afleveringen", params={"zaak": zaak}, headers=mo.as_("beheer")
        )
        assert ledger.status_code == 200, ledger.text
        entries = ledger.json()["results"]
        assert len(entries) == 6 and {e["status"] for e in entries} == {"delivered"}
        assert all(e["pogingen"] == 1 and e["afgeleverd"] for e in entries)
        assert BSN not in ledger.text
        burger = await mo.http.post(
            "/push/api/v1/afleveringen/_zoek", json={"bsn": BSN}, headers=mo.as_("beheer")
        )
        # the zaak-geopend messages went before the initiator was known: 2 x 2 status changes
        assert burger.json()["count"] == 4
        # without the scope: 403
        denied = await mo.http.get(
            "/push/api/v1/afleveringen", params={"zaak": zaak}, headers=mo.as_("zgw-abonnee")
        )
        assert denied.status_code == 403


async def test_delivery_embedded(tmp_path: Path) -> None:
    async with midoffice(tmp_path) as mo:
        await deliver_two_formats(mo, tmp_path)


@pytest.mark.kafka
@pytest.mark.postgres
async def test_delivery_kafka_postgres(tmp_path: Path, tansu_url: str, postgres_url: str) -> None:
    async with midoffice(tmp_path, bus_url=tansu_url, database_url=postgres_url) as mo:
        await deliver_two_formats(mo, tmp_path)


async def test_migrations_match_tables(tmp_path: Path) -> None:
    from push import migrate

    url = f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3"
    await migrate.upgrade(url)
    engine = create_engine(url)
    names = [t.name for t in tables.metadata.sorted_tables]

    def read(sync: Any) -> dict[str, set[str]]:
        return {name: {c["name"] for c in inspect(sync).get_columns(name)} for name in names}

    async with engine.connect() as conn:
        columns = await conn.run_sync(read)
    await engine.dispose()
    assert columns == {t.name: {c.name for c in t.columns} for t in tables.metadata.sorted_tables}
