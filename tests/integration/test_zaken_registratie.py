"""Atomic registration, Idempotency-Key and the audit trail, against a running MidOffice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autorisaties.scopes import ZAKEN_AANMAKEN, ZAKEN_LEZEN
from midoffice.bus import connect
from midoffice.replay import verify_zaakmagazijn
from tests.integration.zaken_support import (
    ZAKEN,
    A,
    Api,
    B,
    moment,
    rights,
    running_midoffice,
    zaak_body,
)
from tests.zgw_spec import assert_response

ROOT = "/zaken/api/v1"
REGISTRATIES = "/midoffice/api/v1/zaakregistraties"


@pytest.fixture
async def api(tmp_path: Path, database_url: str) -> AsyncIterator[Api]:
    """A running MidOffice on the embedded log, with SQLite and with PostgreSQL."""
    postgres = database_url if database_url.startswith("postgresql") else None
    async with running_midoffice(tmp_path, database_url=postgres) as running:
        yield running


def registratie(roltype: str = A.url("roltypen", "aanvrager")) -> dict[str, Any]:
    return {
        "zaak": zaak_body(identificatie="REG-1"),
        "rollen": [
            {"betrokkeneType": "natuurlijk_persoon", "roltype": roltype, "roltoelichting": "",
             "betrokkeneIdentificatie": {"inpBsn": "111222333"}},
            {"betrokkeneType": "medewerker", "roltype": A.url("roltypen", "behandelaar"),
             "roltoelichting": "", "betrokkeneIdentificatie": {"identificatie": "mdw-1"}},
        ],
        "zaakobjecten": [{"objectType": "overige", "objectTypeOverige": "voertuig",
                          "objectIdentificatie": {"overigeData": {"kenteken": "AB-12-CD"}}}],
        "status": {"statustype": A.statustype(1), "datumStatusGezet": moment()},
    }  # fmt: skip


async def zaken(api: Api) -> int:
    return int(assert_response(await api.get(ZAKEN))["count"])


async def test_atomic_registration_registers_everything_at_once(api: Api) -> None:
    response = await api.post(REGISTRATIES, registratie())
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["Location"] == body["zaak"]["url"]
    zaak = assert_response(await api.get(body["zaak"]["url"].removeprefix("http://testserver")))
    assert zaak["identificatie"] == "REG-1"
    assert len(zaak["rollen"]) == 2 and len(zaak["zaakobjecten"]) == 1
    assert zaak["status"] == body["status"]["url"]
    assert [r["omschrijving"] for r in body["rollen"]] == ["Aanvrager", "Behandelaar"]
    trail = assert_response(await api.get(f"{ZAKEN}/{zaak['uuid']}/audittrail"))
    assert [e["resource"] for e in trail] == ["zaak", "rol", "rol", "zaakobject", "status"]


async def test_atomic_registration_is_all_or_nothing(api: Api) -> None:
    broken = await api.post(REGISTRATIES, registratie(roltype=B.url("roltypen", "aanvrager")))
    assert broken.status_code == 400, broken.text
    problems = [(p["name"], p["code"]) for p in broken.json()["invalidParams"]]
    assert problems == [("rollen.0.roltype", "zaaktype-mismatch")]
    assert await zaken(api) == 0
    invalid = await api.post(REGISTRATIES, {"zaak": zaak_body(), "rollen": [{}]})
    assert invalid.status_code == 400
    assert {p["name"] for p in invalid.json()["invalidParams"]} >= {"rollen.0.betrokkeneType"}
    lezer = api.as_("lezer", rights("lezer", [ZAKEN_LEZEN]))
    assert (await lezer.post(REGISTRATIES, registratie())).status_code == 403


async def test_a_repeated_idempotency_key_returns_the_first_outcome(api: Api) -> None:
    key = {"Idempotency-Key": "8d1f0c0e-retry-1"}
    first = await api.post(ZAKEN, zaak_body(), **key)
    again = await api.post(ZAKEN, zaak_body(), **key)
    assert first.status_code == again.status_code == 201
    assert again.json()["url"] == first.json()["url"]
    assert await zaken(api) == 1
    other_key = await api.post(ZAKEN, zaak_body(), **{"Idempotency-Key": "another"})
    assert other_key.json()["url"] != first.json()["url"]
    no_key = await api.post(ZAKEN, zaak_body())
    assert no_key.json()["url"] not in {first.json()["url"], other_key.json()["url"]}
    assert await zaken(api) == 3
    changed = await api.post(ZAKEN, zaak_body(omschrijving="anders"), **key)
    assert changed.status_code == 409, changed.text
    assert assert_response(changed)["code"] == "idempotency-key-reused"
    other_client = api.as_("ander", rights("ander", [ZAKEN_AANMAKEN, ZAKEN_LEZEN]))
    assert (await other_client.post(ZAKEN, zaak_body(), **key)).status_code == 201
    assert await zaken(api) == 4


async def test_concurrent_repeats_create_one_zaak(api: Api) -> None:
    key = {"Idempotency-Key": "gelijktijdig"}
    answers = await asyncio.gather(*(api.post(ZAKEN, zaak_body(), **key) for _ in range(5)))
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["url"] for a in answers}) == 1
    assert await zaken(api) == 1


async def test_a_repeated_rejection_is_answered_the_same(api: Api) -> None:
    key = {"Idempotency-Key": "afgewezen"}
    await api.created(ZAKEN, zaak_body(identificatie="DUBBEL"))
    first = await api.post(ZAKEN, zaak_body(identificatie="DUBBEL", omschrijving="x"), **key)
    again = await api.post(ZAKEN, zaak_body(identificatie="DUBBEL", omschrijving="x"), **key)
    assert first.status_code == again.status_code == 400
    assert first.json()["invalidParams"] == again.json()["invalidParams"]


async def test_the_audittrail_records_every_change(api: Api) -> None:
    zaak = await api.created(ZAKEN, zaak_body(omschrijving="Eerst"))
    path = f"{ZAKEN}/{zaak['uuid']}"
    await api.request("PATCH", path, {"omschrijving": "Daarna"})
    await api.created(f"{ROOT}/resultaten", {"zaak": zaak["url"],
                      "resultaattype": A.url("resultaattypen", "verleend")})  # fmt: skip
    trail = assert_response(await api.get(f"{path}/audittrail"))
    assert [(e["resource"], e["actie"], e["resultaat"]) for e in trail] == [
        ("zaak", "create", 201), ("zaak", "partial_update", 200), ("resultaat", "create", 201),
    ]  # fmt: skip
    change = trail[1]
    assert change["wijzigingen"]["oud"]["omschrijving"] == "Eerst"
    assert change["wijzigingen"]["nieuw"]["omschrijving"] == "Daarna"
    assert (change["applicatieId"], change["gebruikersId"]) == ("alles", "test-user")
    assert change["hoofdObject"] == zaak["url"] and change["resourceUrl"] == zaak["url"]
    detail = await api.get(f"{path}/audittrail/{change['uuid']}")
    assert assert_response(detail) == change
    bus = connect(api.settings.bus_url)
    await bus.start()
    try:
        report = await verify_zaakmagazijn(
            bus, api.settings.events_topic, api.settings.database_url
        )
    finally:
        await bus.close()
    assert report.equal, report.differences
