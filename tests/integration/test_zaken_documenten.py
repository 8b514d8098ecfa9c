"""The rules that span the Zaken and Documenten APIs, through the real runtime (gateway,
zaakmagazijn, documentmagazijn and catalogi processors on the embedded log; SQLite and
PostgreSQL): a zaakinformatieobject naming a document of this MidOffice needs that document,
and the eindstatus is refused while a linked document is locked or lacks
indicatieGebruiksrecht (Zaken API zrc-008, Open Zaak's codes)."""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from midoffice.bootstrap import Role, bootstrap, running
from midoffice.settings import Settings
from tests.e2e.harness import RESULTAATTYPE, RSIN, STATUSTYPEN, ZAAKTYPE
from tests.integration.documenten_support import IOT
from tests.tokens import auth_headers
from tests.zgw_spec import assert_response

BASE = "http://testserver"
ZAKEN = "/zaken/api/v1"
EIO = "/documenten/api/v1/enkelvoudiginformatieobjecten"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@dataclass
class MidOffice:
    http: httpx.AsyncClient

    async def post(self, path: str, json: Any) -> httpx.Response:
        return await self.http.post(path, json=json, headers={**auth_headers(), **CRS})

    async def get(self, url: str) -> httpx.Response:
        return await self.http.get(url, headers={**auth_headers(), **CRS})

    async def created(self, path: str, json: Any) -> dict[str, Any]:
        response = await self.post(path, json)
        assert response.status_code == 201, response.text
        return dict(assert_response(response))

    async def zaak(self) -> dict[str, Any]:
        zaak = await self.created(
            f"{ZAKEN}/zaken",
            {"bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN,
             "zaaktype": ZAAKTYPE, "startdatum": "2026-03-02", "omschrijving": "Parkeren"},
        )  # fmt: skip
        await self.created(f"{ZAKEN}/statussen", self.status(zaak, 0, "2026-03-02T09:00:00Z"))
        await self.created(
            f"{ZAKEN}/resultaten", {"zaak": zaak["url"], "resultaattype": RESULTAATTYPE}
        )
        return zaak

    @staticmethod
    def status(zaak: dict[str, Any], index: int, gezet: str) -> dict[str, Any]:
        return {"zaak": zaak["url"], "statustype": STATUSTYPEN[index], "datumStatusGezet": gezet}

    async def eindstatus(self, zaak: dict[str, Any], minute: int) -> httpx.Response:
        body = self.status(zaak, 3, f"2026-03-02T10:{minute:02d}:00Z")
        return await self.post(f"{ZAKEN}/statussen", body)

    async def document(self, **extra: Any) -> str:
        body = {"bronorganisatie": RSIN, "creatiedatum": "2026-03-01", "titel": "Brief",
                "auteur": "Team Parkeren", "taal": "nld", "bestandsnaam": "brief.txt",
                "formaat": "text/plain", "informatieobjecttype": IOT,
                "inhoud": base64.b64encode(b"Geachte heer, mevrouw").decode(), **extra}  # fmt: skip
        response = await self.post(EIO, body)
        assert response.status_code == 201, response.text
        return str(response.json()["url"])

    async def link(self, zaak: dict[str, Any], document: str) -> httpx.Response:
        body = {"zaak": zaak["url"], "informatieobject": document}
        return await self.post(f"{ZAKEN}/zaakinformatieobjecten", body)


@pytest.fixture
async def mo(tmp_path: Path, database_url: str) -> AsyncIterator[MidOffice]:
    suffix = tmp_path.name[-12:].replace("-", "_")
    settings = Settings(
        bus_url=f"embedded://{tmp_path}/log.sqlite3",
        database_url=database_url,
        partitions=3,
        blob_url=f"file://{tmp_path}/blobs",
        intake_topic=f"intake_{suffix}",
        events_topic=f"events_{suffix}",
    )
    runtime = await bootstrap(settings, set(Role), run_migrations=True)
    assert runtime.app is not None
    try:
        async with running(runtime):
            transport = httpx.ASGITransport(app=runtime.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=60) as http:
                yield MidOffice(http)
    finally:
        store = getattr(runtime.app.state, "blob_store", None)
        if store is not None:
            await store.close()
        await runtime.close()


def problems(response: httpx.Response) -> list[tuple[str, str, str]]:
    assert response.status_code == 400, response.text
    assert_response(response)
    return [(p["name"], p["code"], p["reason"]) for p in response.json()["invalidParams"]]


async def test_eindstatus_waits_for_unlocked_documents_with_gebruiksrechten(
    mo: MidOffice,
) -> None:
    zaak = await mo.zaak()
    locked = await mo.document(indicatieGebruiksrecht=False)
    lock = (await mo.post(f"{locked}/lock", None)).json()["lock"]
    unset = await mo.document()  # indicatieGebruiksrecht stays null
    for document in (locked, unset):
        assert (await mo.link(zaak, document)).status_code == 201

    refused = problems(await mo.eindstatus(zaak, 0))
    assert sorted((name, code) for name, code, _ in refused) == [
        ("nonFieldErrors", "indicatiegebruiksrecht-unset"),
        ("nonFieldErrors", "informatieobject-locked"),
    ]
    reasons = {code: reason for _, code, reason in refused}
    assert locked in reasons["informatieobject-locked"]
    assert unset in reasons["indicatiegebruiksrecht-unset"]
    assert (await mo.get(zaak["url"])).json()["einddatum"] is None

    unlocked = await mo.post(f"{locked}/unlock", {"lock": lock})
    assert unlocked.status_code == 204, unlocked.text
    only_unset = problems(await mo.eindstatus(zaak, 1))
    assert [(n, c) for n, c, _ in only_unset] == [
        ("nonFieldErrors", "indicatiegebruiksrecht-unset")
    ]

    await mo.created(
        "/documenten/api/v1/gebruiksrechten",
        {"informatieobject": unset, "startdatum": "2026-03-01T00:00:00Z",
         "omschrijvingVoorwaarden": "Geen"},
    )  # fmt: skip
    closed = await mo.eindstatus(zaak, 2)
    assert closed.status_code == 201, closed.text
    assert (await mo.get(zaak["url"])).json()["einddatum"] == "2026-03-02"


async def test_a_zaakinformatieobject_needs_an_existing_local_document(mo: MidOffice) -> None:
    zaak = await mo.zaak()
    missing = f"{BASE}{EIO}/{uuid.uuid4()}"
    assert [(n, c) for n, c, _ in problems(await mo.link(zaak, missing))] == [
        ("informatieobject", "does_not_exist")
    ]
    listed = await mo.get(f"{ZAKEN}/zaakinformatieobjecten?zaak={zaak['url']}")
    assert listed.json() == []

    existing = await mo.document(indicatieGebruiksrecht=False)
    assert (await mo.link(zaak, existing)).status_code == 201
    elsewhere = "https://dms.example/api/documents/42"  # another registry: kept as given
    assert (await mo.link(zaak, elsewhere)).status_code == 201
    closed = await mo.eindstatus(zaak, 0)
    assert closed.status_code == 201, closed.text
