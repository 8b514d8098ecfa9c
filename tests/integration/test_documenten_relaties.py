"""Gebruiksrechten, objectinformatieobjecten, authorisation, replay and the orphan sweeper."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from documentmagazijn import projection
from documentmagazijn.migrate import upgrade
from documentmagazijn.sweeper import sweep
from documentmagazijn.tables import document, document_versie, gebruiksrecht
from midoffice.db import create_engine
from schemas.codec import decode
from tests import zgw_spec
from tests.integration.documenten_support import BASE, EIO, IOT_B_UUID, IOT_UUID, documenten
from tests.tokens import auth_headers

GR = "/documenten/api/v1/gebruiksrechten"
OIO = "/documenten/api/v1/objectinformatieobjecten"
ZAAK = f"{BASE}/zaken/api/v1/zaken/6a1c2d3e-0000-4000-8000-000000000001"


def drc(iot: str, scopes: list[str], maximum: str = "zaakvertrouwelijk") -> dict[str, Any]:
    return {
        "component": "drc",
        "scopes": scopes,
        "maxVertrouwelijkheidaanduiding": maximum,
        "informatieobjecttype": f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot}",
    }


async def test_gebruiksrechten_and_objectinformatieobjecten(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        url = (await d.create(b"besluit")).json()["url"]
        recht = {
            "informatieobject": url,
            "startdatum": "2026-03-01T00:00:00Z",
            "omschrijvingVoorwaarden": "Openbaar na bekendmaking",
        }
        created = await d.http.post(GR, json=recht, headers=d.headers)
        assert created.status_code == 201, created.text
        zgw_spec.assert_response(created)
        assert (await d.http.get(url, headers=d.headers)).json()["indicatieGebruiksrecht"] is True
        listed = await d.http.get(GR, params={"informatieobject": url}, headers=d.headers)
        assert len(zgw_spec.assert_response(listed)) == 1
        patched = await d.http.patch(
            created.json()["url"], json={"einddatum": "2027-01-01T00:00:00Z"}, headers=d.headers
        )
        assert patched.status_code == 200 and patched.json()["einddatum"].startswith("2027")
        oio = await d.http.post(
            OIO,
            json={"informatieobject": url, "object": ZAAK, "objectType": "zaak"},
            headers=d.headers,
        )
        assert oio.status_code == 201, oio.text
        zgw_spec.assert_response(oio)
        dup = await d.http.post(
            OIO,
            json={"informatieobject": url, "object": ZAAK, "objectType": "zaak"},
            headers=d.headers,
        )
        assert dup.status_code == 400
        blocked = await d.http.delete(url, headers=d.headers)
        assert blocked.status_code == 400  # still related to a zaak
        assert (await d.http.delete(oio.json()["url"], headers=d.headers)).status_code == 204
        assert (await d.http.delete(created.json()["url"], headers=d.headers)).status_code == 204
        assert (await d.http.get(url, headers=d.headers)).json()["indicatieGebruiksrecht"] is None
        assert (await d.http.delete(url, headers=d.headers)).status_code == 204


async def test_authorisation(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        url = (await d.create(b"aanvraag")).json()["url"]  # IOT A, zaakvertrouwelijk
        apps = "/autorisaties/api/v1/applicaties"
        for client, autorisaties in {
            "lezer-b": [drc(IOT_B_UUID, ["documenten.lezen"])],
            "lezer-a-openbaar": [drc(IOT_UUID, ["documenten.lezen"], "openbaar")],
            "lezer-a": [drc(IOT_UUID, ["documenten.lezen"])],
            "schrijver-a": [
                drc(IOT_UUID, ["documenten.lezen", "documenten.lock", "documenten.bijwerken"])
            ],
            "forceerder-a": [drc(IOT_UUID, ["documenten.lock", "documenten.geforceerd-unlock"])],
        }.items():
            body = {
                "clientIds": [client],
                "label": client,
                "secret": f"{client}-secret-0123456789",
                "autorisaties": autorisaties,
            }
            assert (await d.http.post(apps, json=body, headers=d.headers)).status_code == 201

        def h(client: str) -> dict[str, str]:
            return auth_headers(client_id=client, secret=f"{client}-secret-0123456789")

        for client in ("lezer-b", "lezer-a-openbaar"):
            assert (await d.http.get(url, headers=h(client))).status_code == 403
            assert (await d.http.get(url + "/download", headers=h(client))).status_code == 403
            assert (await d.http.get(EIO, headers=h(client))).json()["count"] == 0
        assert (await d.http.get(url + "/download", headers=h("lezer-a"))).content == b"aanvraag"
        assert (await d.create(b"x")).status_code == 201
        denied = await d.http.post(EIO, json={}, headers=h("lezer-a"))
        assert denied.status_code == 403
        assert (await d.http.post(url + "/lock", headers=h("lezer-a"))).status_code == 403
        lock = (await d.http.post(url + "/lock", headers=h("schrijver-a"))).json()["lock"]
        no_force = await d.http.post(url + "/unlock", json={}, headers=h("schrijver-a"))
        assert no_force.status_code == 400
        forced = await d.http.post(url + "/unlock", json={}, headers=h("forceerder-a"))
        assert forced.status_code == 204
        stale = await d.http.patch(url, json={"titel": "x", "lock": lock}, headers=h("schrijver-a"))
        assert stale.status_code == 400


async def test_replay_rebuilds_and_sweeper_keeps_referenced(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        url = (await d.create(b"een")).json()["url"]
        lock = (await d.http.post(url + "/lock", headers=d.headers)).json()["lock"]
        await d.http.patch(url, json={"lock": lock, "titel": "Twee"}, headers=d.headers)
        await d.http.post(
            GR,
            json={
                "informatieobject": url,
                "startdatum": "2026-03-01T00:00:00Z",
                "omschrijvingVoorwaarden": "Geen",
            },
            headers=d.headers,
        )
        bad = await d.create(b"orphan bytes", bronorganisatie="002220647", identificatie="X" * 41)
        assert bad.status_code == 400
        store = d.runtime.app.state.blob_store
        orphan = await store.put(_one(b"never referenced"))
        # replay the events topic into an empty database
        reader = d.runtime.bus.reader(d.settings.events_topic)
        await reader.start()
        facts = []
        for partition in await reader.partitions():
            end, offset = await reader.end_offset(partition), 0
            while offset < end:
                batch = await reader.read(partition, offset, timeout=0.2)
                facts += [decode(r.value, r.headers) for r in batch]
                offset = batch[-1].offset + 1 if batch else end
        await reader.stop()
        target = f"sqlite+aiosqlite:///{tmp_path}/rebuild.sqlite3"
        await upgrade(target)
        rebuilt = create_engine(target)
        async with rebuilt.begin() as conn:
            for fact in facts:
                if fact.type.startswith("nl.overheid.documenten."):
                    await projection.apply(conn, fact)
        for table in (document, document_versie, gebruiksrecht):
            async with d.runtime.engine.connect() as live, rebuilt.connect() as again:
                assert (await live.execute(select(table))).all() == (
                    await again.execute(select(table))
                ).all()
        await rebuilt.dispose()
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
        assert await sweep(d.runtime.engine, store, dt.timedelta(hours=24)) == []
        deleted = await sweep(d.runtime.engine, store, dt.timedelta(hours=24), now=later)
        assert orphan.sha256 in deleted
        assert (await d.http.get(url + "/download", headers=d.headers)).content == b"een"


async def _one(data: bytes):  # type: ignore[no-untyped-def]
    yield data


async def test_zaak_side_queries(tmp_path: Path) -> None:
    from documentmagazijn import queries

    async with documenten(tmp_path) as d:
        free = (await d.create(b"vrij")).json()["url"]
        await d.http.post(
            GR,
            json={
                "informatieobject": free,
                "startdatum": "2026-03-01T00:00:00Z",
                "omschrijvingVoorwaarden": "Geen",
            },
            headers=d.headers,
        )
        without = (await d.create(b"zonder recht")).json()["url"]
        locked = (await d.create(b"vergrendeld", indicatieGebruiksrecht=False)).json()["url"]
        await d.http.post(locked + "/lock", headers=d.headers)
        async with d.runtime.engine.connect() as conn:
            blocked = dict(await queries.sluiten_geblokkeerd_urls(conn, [free, without, locked]))
            assert blocked == {without: "indicatie_gebruiksrecht", locked: "locked"}
            assert await queries.bestaat(conn, queries.document_uuid(free))  # type: ignore[arg-type]
            assert not await queries.bestaat(conn, uuid.uuid4())
