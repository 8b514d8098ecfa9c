"""Delivery guarantees against a real receiver: outage, dead letters, breaker, slow targets."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import REGISTRY

from push.breaker import State
from push.tables import DEAD
from tests.integration.push_support import (
    Behaviour,
    Deployment,
    Receiver,
    eventually,
    midoffice,
    quick_push,
    receiver,
)

OUTAGE_SECONDS = 30.0


async def ledger(mo: Deployment, **params: str) -> list[dict]:
    response = await mo.http.get(
        "/push/api/v1/afleveringen", params=params, headers=mo.as_("beheer")
    )
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


async def subscribed_with_ledger(mo: Deployment, callback: str) -> None:
    """An abonnement of client ``abonnee`` on ``callback``, and a client ``beheer`` that may
    read the delivery ledger."""
    await mo.subscriber("abonnee")
    await mo.applicatie("beheer", {"component": "nrc", "scopes": ["notificaties.beheren"]})
    await mo.abonneer("abonnee", callback)


async def test_receiver_down_for_30_seconds(tmp_path: Path) -> None:
    """Everything arrives after the outage, in order per zaak, once after dedupe; the breaker
    opened during the outage and closed when the receiver came back."""
    rx = Receiver()
    async with midoffice(tmp_path) as mo:
        await mo.subscriber("abonnee")
        abonnement = await mo.abonneer("abonnee", rx.url("/hook"))
        target = f"abonnement:{abonnement['url'].rsplit('/', 1)[1]}"
        expected: dict[str, list[str]] = {}
        for _ in range(3):  # the receiver is down from the start
            zaak = await mo.zaak()
            statussen = [await mo.status(zaak, index, index) for index in range(3)]
            expected[zaak.rsplit("/", 1)[1]] = [zaak, *statussen]
        await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself is what is tested
        breaker = mo.dispatcher.breaker(target)
        assert breaker.state in (State.open, State.half_open) and breaker.consecutive >= 3
        await rx.start()
        try:
            await eventually(
                lambda: len({r.headers["idempotency-key"] for r in rx.received}) >= 12, timeout=15
            )
            first: dict[str, str] = {}
            per_zaak: dict[str, list[str]] = defaultdict(list)
            for got in rx.received:  # receiver-side dedupe by idempotency key
                key = got.headers["idempotency-key"]
                if key in first:
                    continue
                first[key] = got.json()["resourceUrl"]
                per_zaak[got.json()["hoofdObject"].rsplit("/", 1)[1]].append(first[key])
            assert len(first) == 12
            for zaak_uuid, urls in expected.items():
                assert [u.rsplit("/", 1)[1] for u in per_zaak[zaak_uuid]] == [
                    u.rsplit("/", 1)[1] for u in urls
                ]
            await eventually(lambda: breaker.state == State.closed)
        finally:
            await rx.stop()


def _dead_letters() -> float:
    value = REGISTRY.get_sample_value(
        "midoffice_push_dead_letters_total", {"target_kind": "abonnement", "reason": "permanent"}
    )
    return value or 0.0


async def test_permanent_4xx_goes_to_dead_letters_and_requeue_delivers(tmp_path: Path) -> None:
    async with receiver() as rx, midoffice(tmp_path) as mo:
        rx.behaviour["/hook"] = Behaviour(status=400)
        await subscribed_with_ledger(mo, rx.url("/hook"))
        before = _dead_letters()
        zaak = await mo.zaak(bsn=None)

        async def dead() -> bool:
            return [e["status"] for e in await ledger(mo, zaak=zaak)] == [DEAD]

        await eventually(dead)
        [entry] = await ledger(mo, status="dead")
        assert entry["pogingen"] == 1 and entry["laatsteHttpStatus"] == 400
        assert entry["opmerking"] == "permanent: HTTP 400"
        assert _dead_letters() == before + 1
        rx.behaviour["/hook"] = Behaviour(status=204)
        url = f"/push/api/v1/afleveringen/{entry['id']}/opnieuw"
        requeued = await mo.http.post(url, headers=mo.as_("beheer"))
        assert requeued.status_code == 200 and requeued.json()["status"] == "pending"

        async def delivered() -> bool:
            return [e["status"] for e in await ledger(mo, zaak=zaak)] == ["delivered"]

        await eventually(delivered)
        assert (await mo.http.post(url, headers=mo.as_("beheer"))).status_code == 409
        missing = "/push/api/v1/afleveringen/999999/opnieuw"
        assert (await mo.http.post(missing, headers=mo.as_("beheer"))).status_code == 404
        received = rx.at("/hook")
        assert len(received) == 2  # refused once, delivered after the requeue ...
        assert len({r.headers["idempotency-key"] for r in received}) == 1  # ... same key


async def test_slow_target_does_not_delay_another(tmp_path: Path) -> None:
    async with receiver() as rx, midoffice(tmp_path, push=quick_push(request_timeout=5.0)) as mo:
        rx.behaviour["/slow"] = Behaviour(delay=3.0)
        await mo.subscriber("traag")
        await mo.subscriber("snel")
        await mo.abonneer("traag", rx.url("/slow"))
        await mo.abonneer("snel", rx.url("/fast"))
        started = time.monotonic()
        zaak = await mo.zaak(bsn=None)
        await mo.status(zaak, 0, 1)
        await eventually(lambda: len(rx.at("/fast")) == 2, timeout=2.5)
        assert time.monotonic() - started < 2.5
        assert rx.at("/slow") == []  # the slow target has not even answered its first one
        await eventually(lambda: len(rx.at("/slow")) == 2, timeout=10)


def _expired() -> float:
    value = REGISTRY.get_sample_value(
        "midoffice_push_dead_letters_total", {"target_kind": "abonnement", "reason": "expired"}
    )
    return value or 0.0


async def test_a_delivery_undelivered_for_too_long_goes_to_dead_letters(tmp_path: Path) -> None:
    """The receiver never answers (nothing listens): after ``dead_letter_after`` the delivery
    is dead-lettered with the reason and the last error, counted and alerted."""
    down = Receiver()  # never started: connections are refused
    push = quick_push(dead_letter_after=2.0)
    async with midoffice(tmp_path, push=push) as mo:
        await subscribed_with_ledger(mo, down.url("/hook"))
        before = _expired()
        zaak = await mo.zaak(bsn=None)

        async def dead() -> bool:
            return [e["status"] for e in await ledger(mo, zaak=zaak)] == [DEAD]

        await eventually(dead, timeout=15)
        [entry] = await ledger(mo, zaak=zaak)
        assert entry["opmerking"].startswith("expired: ")
        assert "attempts" in entry["opmerking"] and entry["pogingen"] >= 1
        assert _expired() == before + 1


async def test_an_attempt_in_flight_when_time_runs_out_keeps_its_answer(tmp_path: Path) -> None:
    """The receiver answers 204 only after ``dead_letter_after`` has passed: the expiry scan
    leaves the attempt in flight alone, so the delivery ends delivered and nothing is
    dead-lettered or counted (before, the scan dead-lettered it behind the worker's back)."""
    async with receiver() as rx:
        rx.behaviour["/hook"] = Behaviour(delay=3.5)
        push = quick_push(dead_letter_after=2.0, request_timeout=6.0)
        async with midoffice(tmp_path, push=push) as mo:
            await subscribed_with_ledger(mo, rx.url("/hook"))
            before = _expired()
            zaak = await mo.zaak(bsn=None)

            async def decided() -> bool:
                return [e["status"] for e in await ledger(mo, zaak=zaak)] in (["delivered"], [DEAD])

            await eventually(decided, timeout=15)
            [entry] = await ledger(mo, zaak=zaak)
            assert entry["status"] == "delivered", entry
            assert entry["pogingen"] == 1
            assert len(rx.at("/hook")) == 1
            assert _expired() == before


async def test_a_failing_worker_pauses_instead_of_looping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that fails on the dispatcher's side (here: resolving its target raises) is
    started again after a pause that doubles per failure, not at once in a busy loop; once
    it works again the delivery goes out."""
    from push import dispatcher as dispatcher_module

    resolve = dispatcher_module.endpoints.resolve
    calls: list[float] = []

    async def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(time.monotonic())
        raise RuntimeError("database away")

    async with receiver() as rx, midoffice(tmp_path) as mo:
        await subscribed_with_ledger(mo, rx.url("/hook"))
        monkeypatch.setattr(dispatcher_module.endpoints, "resolve", failing)
        zaak = await mo.zaak(bsn=None)
        await eventually(lambda: len(calls) >= 1)
        await asyncio.sleep(1.5)
        # poll_interval 0.1 s: pauses of 0.1, 0.2, 0.4, 0.8 s; a busy loop made hundreds
        assert 2 <= len(calls) <= 6, len(calls)
        monkeypatch.setattr(dispatcher_module.endpoints, "resolve", resolve)

        async def delivered() -> bool:
            return [e["status"] for e in await ledger(mo, zaak=zaak)] == ["delivered"]

        await eventually(delivered, timeout=10)
        assert len(rx.at("/hook")) == 1
