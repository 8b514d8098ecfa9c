"""Fast checks of the push latency benchmark's helpers (the benchmark runs on its own)."""

from __future__ import annotations

import json

from bench.httpclient import Connection, build_request
from bench.push_latency import BEGIN, END, Result, Webhook, kafka_url, section, table


async def test_webhook_records_arrivals_per_zaak() -> None:
    webhook = Webhook()
    webhook.expected = 2
    await webhook.start()
    connection = Connection("127.0.0.1", webhook.port)
    try:
        for _ in range(2):
            body = json.dumps({"hoofdObject": "http://x/zaken/api/v1/zaken/z-1"}).encode()
            response = await connection.request(build_request("POST", "/hook", "x", {}, body))
            assert response.status == 204
    finally:
        await connection.close()
        await webhook.stop()
    assert len(webhook.arrivals["z-1"]) == 2 and webhook.all_arrived.is_set()


def test_table_and_section() -> None:
    results = [
        Result("embedded", "push", [0.010, 0.020], sent=3, missing=1, cpu_ms={"serve": 4.25}),
        Result("embedded", "raw", [0.001], sent=1),
    ]
    text = table(results, 50.0)
    assert "| embedded | status POST -> webhook | 3 | 15.0 |" in text
    assert "raw produce -> consume" in text
    doc = section(results, 50.0, 0.5, 50)
    assert doc.startswith(BEGIN) and doc.endswith(END)
    assert "catalogi, documentmagazijn, notificaties 50 ms" in doc
    assert "| embedded | 4.2 | - | - | - | - |" in doc


def test_the_kafka_url_gives_the_quiet_groups_their_own_fetch_wait() -> None:
    from midoffice.bus import connect

    bus = connect(kafka_url("kafka://127.0.0.1:9092", 50))
    options = bus.options  # type: ignore[attr-defined]
    assert options.fetch_wait_for("catalogi") == 50
    assert options.fetch_wait_for("zaakmagazijn") == options.fetch_wait_for("push") == 10
    assert "fetch_max_wait_ms." not in kafka_url("kafka://127.0.0.1:9092", 0)
