"""The PIP read on a seeded read model (gateway only; SQLite and PostgreSQL): pagination,
a constant number of statements per page (no N+1), only what the client may see (scope,
zaaktype/tenant, vertrouwelijkheid, documents), bad input answered with problem+json, and
the operator's processing-log search."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, insert

from autorisaties.rights import Autorisatie, ClientRights, Component
from autorisaties.scopes import VERWERKINGSLOG_LEZEN, ZAKEN_LEZEN
from burgerzaken.tables import (
    burgerdocument,
    burgerzaak,
    burgerzaak_betrokkene,
    burgerzaak_informatieobject,
    burgerzaak_status,
    burgerzaken_type,
)
from midoffice.bootstrap import Role, bootstrap
from midoffice.settings import Settings
from tests.integration.burgerzaken_support import BSN, BSN_2, PIP, pip_rights
from tests.integration.documenten_support import IOT_UUID
from tests.integration.zaken_support import BASE, SECRET, A, B, Registry
from tests.tokens import zgw_token

STATUSTYPE = A.ids["status1"]
BSN_3 = "999990019"


async def _seed(engine: Any, bsn: str, zaken: int, *, zaaktype: uuid.UUID = A.zaaktype_uuid,
                aanduiding: str = "openbaar") -> list[uuid.UUID]:  # fmt: skip
    """``zaken`` zaken of ``bsn`` with 3 statussen and 3 documents each (one vertrouwelijk)."""
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in (
        burgerzaak, burgerzaak_betrokkene, burgerzaak_status, burgerdocument,
        burgerzaak_informatieobject)}  # fmt: skip
    made = []
    for n in range(zaken):
        zaak = uuid.uuid4()
        made.append(zaak)
        statussen = [uuid.uuid4() for _ in range(3)]
        rows[burgerzaak].append({"uuid": zaak, "identificatie": f"ZAAK-{n:05d}",
            "bronorganisatie": A.rsin, "omschrijving": f"zaak {n}", "zaaktype": zaaktype,
            "startdatum": dt.date(2026, 1, 1) + dt.timedelta(days=n), "einddatum": None,
            "vertrouwelijkheidaanduiding": aanduiding, "status": statussen[-1]})  # fmt: skip
        rows[burgerzaak_betrokkene].append({"rol": uuid.uuid4(), "zaak": zaak, "soort": "bsn",
            "nummer": bsn, "startdatum": dt.date(2026, 1, 1) + dt.timedelta(days=n),
            "identificatie": f"ZAAK-{n:05d}", "zaaktype": zaaktype,
            "vertrouwelijkheidaanduiding": aanduiding})  # fmt: skip
        for i, status in enumerate(statussen):
            rows[burgerzaak_status].append({"uuid": status, "zaak": zaak, "statustype": STATUSTYPE,
                "datum_status_gezet": dt.datetime(2026, 1, 1, 9, i, tzinfo=dt.UTC),
                "statustoelichting": "", "zaak_sequence": 2 + i})  # fmt: skip
        for i, geheim in enumerate(("openbaar", "beperkt_openbaar", "vertrouwelijk")):
            document = uuid.uuid4()
            rows[burgerdocument].append({"uuid": document, "titel": f"doc {i}",
                "vertrouwelijkheidaanduiding": geheim, "formaat": "text/plain",
                "bestandsnaam": "a.txt", "bestandsomvang": 10, "creatiedatum": dt.date(2026, 1, 1),
                "informatieobjecttype": uuid.UUID(IOT_UUID), "compleet": True})  # fmt: skip
            rows[burgerzaak_informatieobject].append(
                {"uuid": uuid.uuid4(), "zaak": zaak, "document": document, "zaak_sequence": 10 + i}
            )
    async with engine.begin() as conn:
        for table, values in rows.items():
            if values:
                await conn.execute(insert(table), values)
    return made


Gateway = tuple[httpx.AsyncClient, Any]


@pytest.fixture
async def gateway(tmp_path: Path, database_url: str) -> AsyncIterator[Gateway]:
    async with _gateway(tmp_path, database_url) as running:
        yield running


@pytest.fixture
async def sqlite_gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    async with _gateway(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/pip.sqlite3") as running:
        yield running


@contextlib.asynccontextmanager
async def _gateway(tmp_path: Path, database_url: str) -> AsyncIterator[Gateway]:
    settings = Settings(bus_url=f"embedded://{tmp_path}/log.sqlite3", database_url=database_url,
                        partitions=1, demo_client_enabled=False)  # fmt: skip
    runtime = await bootstrap(settings, {Role.gateway}, run_migrations=True)
    assert runtime.app is not None
    registry = Registry()
    registry.clients |= {
        "pip": pip_rights("pip"),
        "pip-b": pip_rights("pip-b", zaaktype=B.zaaktype_uuid),
        "pip-openbaar": pip_rights("pip-openbaar", maximum="openbaar"),
        "zonder-scope": pip_rights("zonder-scope", scopes=frozenset({ZAKEN_LEZEN})),
        "operator": ClientRights("operator", autorisaties=(
            Autorisatie(Component.ac, frozenset({VERWERKINGSLOG_LEZEN})),)),
    }  # fmt: skip
    runtime.app.state.client_registry = registry
    async with runtime.engine.begin() as conn:
        await conn.execute(insert(burgerzaken_type), [
            {"uuid": A.zaaktype_uuid, "catalogus": uuid.uuid4(), "zaaktype": None,
             "omschrijving": "Aanvraag parkeervergunning"},
            {"uuid": STATUSTYPE, "catalogus": uuid.uuid4(), "zaaktype": A.zaaktype_uuid,
             "omschrijving": "Ontvangen"}])  # fmt: skip
    try:
        transport = httpx.ASGITransport(app=runtime.app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
            yield http, runtime
    finally:
        await runtime.close()


def _as(client_id: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {zgw_token(client_id=client_id, secret=SECRET)}"}


async def test_pages_are_read_with_a_constant_number_of_statements(gateway: Any) -> None:
    http, runtime = gateway
    await _seed(runtime.engine, BSN, 150)
    await _seed(runtime.engine, BSN_2, 1)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            statements.append(statement)

    # the reads, the processing-log insert and the rest: on PostgreSQL three engines
    engines = {runtime.engine, runtime.container.reads, runtime.app.state.verwerkingslog.engine}
    for engine in engines:
        event.listen(engine.sync_engine, "before_cursor_execute", count)
    first = await http.post(PIP, json={"bsn": BSN}, headers=_as("pip"))
    for_page_of_100 = len(statements)
    statements.clear()
    single = await http.post(PIP, json={"bsn": BSN_2}, headers=_as("pip"))
    # the same for 1 zaak as for 100 with 3 statussen and 3 documents each: 3 reads + 1 insert
    assert len(statements) == for_page_of_100 == 4, statements
    for engine in engines:
        event.remove(engine.sync_engine, "before_cursor_execute", count)

    body = first.json()
    assert first.status_code == 200 and body["count"] == 150 and body["previous"] is None
    assert len(body["results"]) == 100 and body["next"] == f"{BASE}{PIP}?page=2"
    newest = body["results"][0]
    assert newest["identificatie"] == "ZAAK-00149"  # newest startdatum first
    assert newest["zaaktype"]["omschrijving"] == "Aanvraag parkeervergunning"
    assert [s["statustype"]["omschrijving"] for s in newest["statussen"]] == ["Ontvangen"] * 3
    assert newest["status"]["url"] == newest["statussen"][-1]["url"]
    assert [d["titel"] for d in newest["documenten"]] == ["doc 0", "doc 1"]
    second = (await http.post(f"{PIP}?page=2", json={"bsn": BSN}, headers=_as("pip"))).json()
    assert len(second["results"]) == 50 and second["next"] is None
    assert second["previous"] == f"{BASE}{PIP}"
    assert single.json()["count"] == 1
    beyond = await http.post(f"{PIP}?page=3", json={"bsn": BSN}, headers=_as("pip"))
    assert beyond.status_code == 404
    await _only_what_the_client_may_see(http, runtime)


async def _only_what_the_client_may_see(http: httpx.AsyncClient, runtime: Any) -> None:
    await _seed(runtime.engine, BSN_3, 2)
    await _seed(runtime.engine, BSN_3, 1, aanduiding="zaakvertrouwelijk")

    async def count(client: str) -> int:
        response = await http.post(PIP, json={"bsn": BSN_3}, headers=_as(client))
        assert response.status_code == 200, response.text
        return int(response.json()["count"])

    assert await count("pip") == 3
    assert await count("pip-openbaar") == 2  # the zaakvertrouwelijk zaak is beyond its maximum
    assert await count("pip-b") == 0  # another municipality's zaaktype (tenant)
    refused = await http.post(PIP, json={"bsn": BSN_3}, headers=_as("zonder-scope"))
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    anonymous = await http.post(PIP, json={"bsn": BSN_3})
    assert anonymous.status_code == 401
    # documents: the client's documenten.lezen autorisaties limit them too
    registry = runtime.app.state.client_registry
    registry.clients["pip-geen-drc"] = ClientRights(
        "pip-geen-drc", autorisaties=pip_rights("x").autorisaties[:1]
    )
    response = await http.post(PIP, json={"bsn": BSN_3}, headers=_as("pip-geen-drc"))
    assert response.json()["count"] == 3
    assert all(zaak["documenten"] == [] for zaak in response.json()["results"])


BAD_BODIES: list[tuple[Any, str]] = [
    ({"bsn": "111222334"}, "bsn"), ({"bsn": "12345678"}, "bsn"), ({"bsn": 111222333}, "bsn"),
    ({"kvkNummer": "1234567"}, "kvkNummer"), ({}, "nonFieldErrors"),
    ({"bsn": BSN, "kvkNummer": "69599084"}, "nonFieldErrors"), ([], "nonFieldErrors"),
    ({"naam": "x"}, "nonFieldErrors"),
]  # fmt: skip


async def test_bad_input_and_the_operators_processing_log_search(sqlite_gateway: Any) -> None:
    http, _ = sqlite_gateway
    for body, name in BAD_BODIES:
        response = await http.post(PIP, json=body, headers=_as("pip"))
        assert response.status_code == 400, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert [p["name"] for p in response.json()["invalidParams"]] == [name], body
    traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    headers = {**_as("pip"), "traceparent": traceparent}
    assert (await http.post(PIP, json={"bsn": BSN}, headers=headers)).status_code == 200
    found = await http.post("/midoffice/api/v1/verwerkingslog/_zoek", json={"bsn": BSN},
                            headers=_as("operator"))  # fmt: skip
    assert found.status_code == 200, found.text
    [record] = found.json()["results"]
    assert record["trace_id"] == "0af7651916cd43dd8448eb211c80319c"
    assert record["parent_span_id"] == "b7ad6b7169203331" and len(record["span_id"]) == 16
    attributes = record["attributes"]
    assert attributes["dpl.core.data_subject_id_type"] == "BSN"
    assert attributes["dpl.core.data_subject_id"] != BSN and BSN not in found.text
    assert attributes["client_id"] == "pip"
    assert attributes["dpl.core.processing_activity_id"].endswith("pip-zaken-inzien")
    pseudonym = {"betrokkene": attributes["dpl.core.data_subject_id"]}
    by_pseudonym = await http.post("/midoffice/api/v1/verwerkingslog/_zoek", json=pseudonym,
                                   headers=_as("operator"))  # fmt: skip
    assert by_pseudonym.json()["count"] == 1
    denied = await http.post("/midoffice/api/v1/verwerkingslog/_zoek", json={"bsn": BSN},
                             headers=_as("pip"))  # fmt: skip
    assert denied.status_code == 403
