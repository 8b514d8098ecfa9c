"""End to end in the embedded runtime: applicaties seeded from the bootstrap file through the
log, their clients authenticating and administering applicaties, seeding idempotent over a
restart, and the demo client only where it is allowed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from midoffice.bus.base import Record
from schemas.autorisaties_events import APPLICATIE_AANGEMAAKT
from schemas.codec import decode
from tests.integration.autorisaties_support import (
    APPLICATIES,
    ZAAKTYPE_A,
    Midoffice,
    ac,
    headers,
    midoffice,
)

SEED = f"""
- label: Autorisatiebeheer
  clientIds: [beheer]
  secret: beheer-secret-0123456789
  autorisaties:
    - component: ac
      scopes: [autorisaties.lezen, autorisaties.bijwerken]
- label: Zaaksysteem Demodam
  clientIds: [zaaksysteem-a, zaaksysteem-a2]
  secretFromEnv: E2E_ZAAKSYSTEEM_A_SECRET
  autorisaties:
    - component: zrc
      scopes: [zaken.lezen]
      zaaktype: https://midoffice.example.nl/catalogi/api/v1/zaaktypen/{ZAAKTYPE_A}
      maxVertrouwelijkheidaanduiding: zaakvertrouwelijk
"""
BEHEER = headers("beheer", "beheer-secret-0123456789")


async def until_authenticated(mo: Midoffice, auth: dict[str, str]) -> httpx.Response:
    """Seeding does not wait for the processor: poll until the seeded client is known."""
    for _ in range(200):
        response = await mo.http.get(APPLICATIES, headers=auth)
        if response.status_code != 401:
            return response
        await asyncio.sleep(0.02)
    raise AssertionError("the seeded client never authenticated")


def _aangemaakt(records: list[Record]) -> int:
    return sum(decode(r.value, r.headers).type == APPLICATIE_AANGEMAAKT for r in records)


async def aangemaakt_facts(mo: Midoffice, expected: int) -> int:
    """How many applicatie-aangemaakt facts are on the events topic, once ``expected`` are
    there (or the wait ran out): a fact is published just after its 201."""
    records = await mo.records_when(
        mo.settings.events_topic, lambda found: _aangemaakt(found) >= expected
    )
    return _aangemaakt(records)


async def test_seeded_applicaties_work_and_seeding_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = tmp_path / "applicaties.yaml"
    seed.write_text(SEED, encoding="utf-8")
    monkeypatch.setenv("E2E_ZAAKSYSTEEM_A_SECRET", "zaaksysteem-a-secret-0123456789")
    database = f"sqlite+aiosqlite:///{tmp_path}/midoffice.sqlite3"

    async with midoffice(tmp_path, database, applicaties_file=seed) as mo:
        listed = await until_authenticated(mo, BEHEER)
        assert listed.status_code == 200
        assert sorted(a["label"] for a in listed.json()["results"]) == [
            "Autorisatiebeheer",
            "Zaaksysteem Demodam",
        ]
        zaken_client = headers("zaaksysteem-a2", "zaaksysteem-a-secret-0123456789")
        assert (await mo.http.get(APPLICATIES, headers=zaken_client)).status_code == 403
        created = await mo.http.post(
            APPLICATIES,
            headers=BEHEER,
            json={
                "clientIds": ["kcc"],
                "label": "KCC",
                "secret": "kcc-secret-0123456789",
                "autorisaties": [ac("autorisaties.lezen")],
            },
        )
        assert created.status_code == 201
        assert (
            await mo.http.get(APPLICATIES, headers=headers("kcc", "kcc-secret-0123456789"))
        ).json()["count"] == 3
        assert await aangemaakt_facts(mo, 3) == 3

    # restart on the same log and database, demo client switched off: nothing is seeded again
    async with midoffice(
        tmp_path, database, applicaties_file=seed, demo_client_enabled=False
    ) as mo:
        assert (await until_authenticated(mo, BEHEER)).json()["count"] == 3
        await asyncio.sleep(0.2)  # room for a (wrong) second seeding to be processed
        assert await aangemaakt_facts(mo, 3) == 3
        assert (await mo.http.get(APPLICATIES, headers=headers())).status_code == 401
