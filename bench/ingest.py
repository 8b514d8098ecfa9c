"""Gateway ingest: status events POSTed at concurrency 1, 16 and 64, against a raw produce loop.

Per bus (Kafka on Tansu with PostgreSQL, then the embedded log with SQLite): start
``midoffice serve`` as a child process, create the zaken, then per concurrency level measure
the raw baseline, the default synchronous path (201 after the processor decided) and
``Prefer: respond-async`` (202 once the event is on the log). After every gateway run the
benchmark waits until the processor has decided everything that was accepted, so no backlog
leaks into the next run. On the embedded server it also measures the ceilings of
:mod:`bench.ceiling`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench import ceiling
from bench.driver import drive
from bench.procstat import CpuMeter, PidSource, child_pids, postgres_pids
from bench.raw import RawEmbedded, RawKafka, measure_raw
from bench.server import ServerProcess, create_postgres_database, drop_postgres_database
from bench.stats import Row
from bench.workload import auth_headers, create_zaken
from midoffice.bus import Message
from tests.fixtures.tansu import TansuBroker, free_port

OK = {"sync": frozenset({201}), "async": frozenset({202}), "get": frozenset({200})}
BUSES = ("kafka", "embedded")
Say = Callable[[str], None]


TANSU_FETCH = "fetch_max_wait_ms=10"  # Tansu holds each fetch this long (see KafkaOptions)


@dataclass(frozen=True)
class Plan:
    concurrencies: tuple[int, ...] = (1, 16, 64)
    ceiling_concurrencies: tuple[int, ...] = (16, 64)
    warmup: float = 1.0
    duration: float = 6.0
    zaken: int = 64
    partitions: int = 6
    drain_timeout: float = 180.0


async def _decided(database_url: str) -> int:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            # The zaakmagazijn's decisions only: the read model and the push connector record
            # their own rows for the facts, which made the drain end before the backlog did.
            query = text("SELECT count(*) FROM processed_event WHERE consumer = 'zaakmagazijn'")
            return int(await conn.scalar(query) or 0)
    finally:
        await engine.dispose()


async def _drain(database_url: str, expected: int, timeout: float) -> float | None:
    """Wait until the processor decided ``expected`` intake events; seconds waited or None."""
    started = time.perf_counter()
    while await _decided(database_url) < expected:
        if time.perf_counter() - started > timeout:
            return None
        await asyncio.sleep(0.1)
    return time.perf_counter() - started


def _payload(messages: list[Message]) -> str:
    value = len(messages[0].value)
    headers = sum(len(name) + len(raw) for name, raw in messages[0].headers)
    return f"payload per event: {value} bytes value + {headers} bytes of ce_ headers"


def _drain_note(mode: str, accepted: int, began: float, drained: float | None) -> str:
    if drained is None:
        return "the processor did NOT catch up within the drain timeout"
    if mode != "async" or drained < 0.5:
        return ""
    busy = time.perf_counter() - began
    return (
        f"backlog decided {drained:.1f} s after the run ended: the processor sustained "
        f"≈ {accepted / busy:.0f} events/s while the gateway accepted"
    )


async def bench_bus(
    bus: str,
    env: dict[str, str],
    database_url: str,
    raw: RawKafka | RawEmbedded,
    components: dict[str, PidSource],
    plan: Plan,
    workdir: Path,
    say: Say,
    *,
    ceilings: bool = False,
) -> list[Row]:
    port = free_port()
    server = ServerProcess(env, port, workdir / f"{bus}-server.log")
    await server.start(auth_headers())
    rows: list[Row] = []
    try:
        workload = await create_zaken(f"127.0.0.1:{port}", plan.zaken)
        submitted = len(workload.zaken)
        requests = {
            "sync": workload.status_requests(respond_async=False),
            "async": workload.status_requests(respond_async=True),
            "get": workload.read_requests(),
        }
        messages = workload.status_messages()
        meter = CpuMeter({"server": server.pids, **components})
        timing = functools.partial(drive, warmup=plan.warmup, duration=plan.duration, meter=meter)
        await raw.start()
        try:
            for concurrency in plan.concurrencies:
                say(f"{bus}: raw, concurrency {concurrency}")
                measured = await measure_raw(
                    raw, messages, concurrency,
                    warmup=plan.warmup, duration=plan.duration, meter=meter,
                )  # fmt: skip
                baseline = measured.rate
                rows.append(Row(bus, "raw", concurrency, measured, baseline, _payload(messages)))
                for mode in ("sync", "async"):
                    say(f"{bus}: gateway {mode}, concurrency {concurrency}")
                    began = time.perf_counter()
                    operations = ceiling.get_operations(port, requests[mode], concurrency)
                    measured = await timing(operations, ok=OK[mode])
                    submitted += measured.ok_total
                    drained = await _drain(database_url, submitted, plan.drain_timeout)
                    note = _drain_note(mode, measured.ok_total, began, drained)
                    rows.append(Row(bus, mode, concurrency, measured, baseline, note))
                if ceilings and concurrency in plan.ceiling_concurrencies:
                    say(f"{bus}: gateway GET zaaktype, concurrency {concurrency}")
                    operations = ceiling.get_operations(port, requests["get"], concurrency)
                    measured = await timing(operations, ok=OK["get"])
                    rows.append(Row(bus, "get", concurrency, measured, baseline))
        finally:
            await raw.stop()
    finally:
        await server.stop()
    if ceilings:
        rows += await bench_hello(messages[0].value, plan, workdir, say)
    return rows


def _with_workers(server: ServerProcess) -> list[int]:
    return server.pids()  # the process and its descendants (uvicorn's workers)


async def bench_hello(body: bytes, plan: Plan, workdir: Path, say: Say) -> list[Row]:
    """The bare FastAPI ceiling, with a body the size of an encoded status event."""
    rows = []
    for workers, mode in ((1, "hello"), (2, "hello2")):
        port = free_port()
        server = ceiling.hello_server(port, workdir / f"{mode}-server.log", workers)
        await server.start({}, probe_path="/openapi.json")
        try:
            meter = CpuMeter({"server": functools.partial(_with_workers, server)})
            for concurrency in plan.ceiling_concurrencies:
                say(f"bare FastAPI POST, {workers} process(es), concurrency {concurrency}")
                operations = ceiling.hello_operations(port, body, concurrency)
                measured = await drive(
                    operations, ok=frozenset({201}), warmup=plan.warmup,
                    duration=plan.duration, meter=meter,
                )  # fmt: skip
                rows.append(Row("none", mode, concurrency, measured))
        finally:
            await server.stop()
    return rows


@contextlib.asynccontextmanager
async def _postgres() -> AsyncIterator[str]:
    url = await create_postgres_database()
    try:
        yield url
    finally:
        await drop_postgres_database(url)


async def run_ingest(plan: Plan, buses: Iterable[str] = BUSES, say: Say = print) -> list[Row]:
    """The whole ingest benchmark; one table row per (bus, mode, concurrency)."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="midoffice-bench-") as tmp:
        workdir = Path(tmp)
        common = {"MIDOFFICE_PARTITIONS": str(plan.partitions)}
        if "kafka" in buses:
            with TansuBroker() as broker:
                async with _postgres() as database_url:
                    database = database_url.rsplit("/", 1)[1]
                    rows += await bench_bus(
                        "kafka",
                        {**common, "MIDOFFICE_BUS_URL": f"{broker.url}?{TANSU_FETCH}",
                         "MIDOFFICE_DATABASE_URL": database_url},
                        database_url,
                        RawKafka(broker.bootstrap, plan.partitions),
                        {"broker": lambda: child_pids("tansu"),
                         "postgres": lambda: postgres_pids(database)},
                        plan, workdir, say,
                    )  # fmt: skip
        if "embedded" in buses:
            home = workdir / "embedded"
            database_url = f"sqlite+aiosqlite:///{home}/zaakmagazijn.sqlite3"
            rows += await bench_bus(
                "embedded",
                {**common, "MIDOFFICE_BUS_URL": f"embedded://{home}/log.sqlite3",
                 "MIDOFFICE_DATABASE_URL": database_url},
                database_url,
                RawEmbedded(str(workdir / "raw" / "log.sqlite3"), plan.partitions),
                {},
                plan, workdir, say, ceilings=True,
            )  # fmt: skip
    raw_kafka = {r.concurrency: r.measurement.rate for r in rows
                 if (r.bus, r.mode) == ("kafka", "raw")}  # fmt: skip
    return [  # the bare FastAPI ceilings against the Kafka raw rate: what 0.5x would need
        dataclasses.replace(r, raw_rate=raw_kafka.get(r.concurrency))
        if r.mode in ("hello", "hello2") else r
        for r in rows
    ]
