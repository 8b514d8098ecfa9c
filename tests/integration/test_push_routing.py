"""Who gets what: filters, authorisation, citizens' preferences, throttle and dedupe."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from push.tables import push_delivery
from schemas.codec import decode
from tests.integration.autorisaties_support import Midoffice as AutorisatiesHelper
from tests.integration.push_support import (
    STATUSTYPEN,
    ZAAKTYPE,
    Deployment,
    eventually,
    midoffice,
    quick_push,
    receiver,
)

BSN_A, BSN_B = "999993653", "999990019"
OTHER_ZAAKTYPE = "http://testserver/catalogi/api/v1/zaaktypen/9b1e5a40-7d3c-4e2f-8a6b-5c4d3e2f1a09"
VOORKEUREN = "/push/api/v1/voorkeuren"


def tail(url: str) -> str:
    return url.rsplit("/", 1)[1]


def only(filters: dict[str, str]) -> dict[str, Any]:
    return {"kanalen": [{"naam": "zaken", "filters": filters}]}


async def facts(mo: Deployment) -> list[Any]:
    helper = AutorisatiesHelper(mo.settings, mo.runtime, mo.http)
    return [decode(r.value, r.headers) for r in await helper.records(mo.settings.events_topic)]


async def test_filters_authorisation_preferences_throttle(tmp_path: Path) -> None:
    async with receiver() as rx, midoffice(tmp_path, push=quick_push(throttle_per_hour=2)) as mo:
        await mo.subscriber("status-2")
        await mo.abonneer("status-2", rx.url("/status-2"), **only({"statustype": STATUSTYPEN[1]}))
        await mo.subscriber("aanmaak")
        await mo.abonneer(
            "aanmaak", rx.url("/aanmaak"), **only({"resource": "zaak", "actie": "create"})
        )
        await mo.subscriber("ander")
        await mo.abonneer("ander", rx.url("/ander"), **only({"zaaktype": OTHER_ZAAKTYPE}))
        await mo.subscriber("beperkt", maximum="openbaar")
        await mo.abonneer("beperkt", rx.url("/beperkt"))
        await mo.applicatie("geen-zrc", {"component": "nrc", "scopes": ["notificaties.consumeren"]})
        await mo.abonneer("geen-zrc", rx.url("/geen-zrc"))
        await mo.subscriber("burger")
        await mo.abonneer("burger", rx.url("/burger"), burgerkanaal=True)
        await mo.applicatie("pip", {"component": "nrc", "scopes": ["notificaties.voorkeuren"]})
        await mo.applicatie("beheer", {"component": "nrc", "scopes": ["notificaties.beheren"]})

        # the PIP sets preferences; the BSN travels in the body only
        assert (
            await mo.post(
                VOORKEUREN, {"bsn": BSN_B, "zaaktype": ZAAKTYPE, "ontvangen": False}, "pip"
            )
        ).status_code == 200
        assert (
            await mo.post(
                VOORKEUREN, {"bsn": BSN_A, "zaaktype": ZAAKTYPE, "ontvangen": False}, "pip"
            )
        ).status_code == 200
        z1 = await mo.zaak(BSN_A)
        z2 = await mo.zaak(BSN_B, vertrouwelijkheidaanduiding="vertrouwelijk")
        z3 = await mo.zaak(BSN_A)
        answer = await mo.post(VOORKEUREN, {"bsn": BSN_A, "zaak": z3, "ontvangen": True}, "pip")
        assert answer.status_code == 200, answer.text
        read = await mo.post(f"{VOORKEUREN}/_zoek", {"bsn": BSN_A}, "pip")
        assert {(next(iter(v)), v["ontvangen"]) for v in read.json()["voorkeuren"]} == {
            ("zaaktype", False),
            ("zaak", True),
        }
        assert BSN_A not in read.text
        for zaak in (z1, z2, z3):
            for index in range(3):
                await mo.status(zaak, index, index)

        async def settled() -> bool:
            async with mo.runtime.engine.connect() as conn:
                pending = await conn.scalar(
                    select(func.count()).where(
                        push_delivery.c.state == "pending",
                        push_delivery.c.next_attempt_at < time.time() + 600,
                    )
                )
                total = await conn.scalar(select(func.count()).select_from(push_delivery))
            return pending == 0 and total == 26  # 3 + 3 + 2 x 4 + 3 x 4

        await eventually(settled, timeout=15)

        # statustype filter: the second status of each zaak; resource+actie: zaak-geopend only
        assert len(rx.at("/status-2")) == 3
        assert all(r.json()["resource"] == "status" for r in rx.at("/status-2"))
        assert [r.json()["resource"] for r in rx.at("/aanmaak")] == ["zaak"] * 3
        assert rx.at("/ander") == [] and rx.at("/geen-zrc") == []  # filter; no zaken.lezen
        # maximum openbaar: nothing of the vertrouwelijke zaak z2
        assert {tail(r.json()["hoofdObject"]) for r in rx.at("/beperkt")} == {tail(z1), tail(z3)}
        # citizen channel: z1 (A opted out of the zaaktype) and z2 (B too) suppressed; z3 (A
        # opted in for this zaak): zaak-geopend (no initiator yet) + 2 statuses, 3rd throttled
        burger = [r.json() for r in rx.at("/burger")]
        assert sorted((tail(m["hoofdObject"]), m["resource"]) for m in burger) == sorted(
            [(tail(z1), "zaak"), (tail(z2), "zaak"), (tail(z3), "zaak")]
            + [(tail(z3), "status")] * 2
        )
        entries = (
            await mo.http.post(
                "/push/api/v1/afleveringen/_zoek", json={"bsn": BSN_A}, headers=mo.as_("beheer")
            )
        ).json()["results"]
        burger_target = await target_of(mo, "burger")
        states = sorted(
            (e["zaak"] == z3.rsplit("/", 1)[1], e["status"], e["opmerking"][:8])
            for e in entries
            if e["doel"] == burger_target
        )
        assert states == [
            (False, "suppressed", "voorkeur"),
            (False, "suppressed", "voorkeur"),
            (False, "suppressed", "voorkeur"),
            (True, "delivered", ""),
            (True, "delivered", ""),
            (True, "pending", "throttle"),
        ]

        # dedupe: the same status fact decided again queues nothing new
        status_facts = [f for f in await facts(mo) if f.type.endswith("zaakstatus-gewijzigd")]
        processor = next(p for p in mo.runtime.processors if p.name == "push")
        async with mo.runtime.engine.begin() as conn:
            before = await conn.scalar(select(func.count()).select_from(push_delivery))
            await processor.handlers[status_facts[0].type](conn, status_facts[0])
            assert await conn.scalar(select(func.count()).select_from(push_delivery)) == before


async def target_of(mo: Deployment, client_id: str) -> str:
    response = await mo.http.get("/notificaties/api/v1/abonnement", headers=mo.as_(client_id))
    return f"abonnement:{response.json()[0]['url'].rsplit('/', 1)[1]}"


async def test_preference_api_rules(tmp_path: Path) -> None:
    async with midoffice(tmp_path) as mo:
        await mo.applicatie("pip", {"component": "nrc", "scopes": ["notificaties.voorkeuren"]})
        await mo.subscriber("anders")
        body = {"bsn": BSN_A, "zaaktype": ZAAKTYPE, "ontvangen": False}
        assert (await mo.post(VOORKEUREN, body, "anders")).status_code == 403
        for bad, name in (
            ({**body, "bsn": "12"}, "bsn"),
            ({"bsn": BSN_A, "ontvangen": False}, "nonFieldErrors"),
            ({**body, "ontvangen": "nee"}, "ontvangen"),
            ({**body, "zaaktype": "geen-url"}, "zaaktype"),
        ):
            response = await mo.post(VOORKEUREN, bad, "pip")
            assert response.status_code == 400, bad
            assert response.json()["invalidParams"][0]["name"] == name
        assert (await mo.post(VOORKEUREN, body, "pip")).status_code == 200
        removed = await mo.post(VOORKEUREN, {**body, "ontvangen": None}, "pip")
        assert removed.json() == {"voorkeuren": []}
