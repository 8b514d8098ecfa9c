"""``python -m bench.push_latency``: status POST -> webhook received, p50/p99, open loop.

Per bus (Kafka on Tansu with PostgreSQL, then the embedded log with SQLite): start
``midoffice serve`` (every role, the push connector included) as a child process, subscribe a
local webhook receiver (a minimal HTTP/1.1 server in this process, filter ``resource=status``),
create zaken, then POST status changes at a fixed rate (open loop: each POST starts on
schedule, whether or not earlier ones have answered) and time each from the start of its POST
to the arrival of its notificatie at the receiver, after an unreported warm-up of two seconds'
worth of the same. In the same run, the raw baseline: the
same rate of records produced to and consumed from the same kind of bus (a topic of its own;
MidOffice bus driver, its own consumer group), timed from publish to poll.

Figures are printed and written into docs/BENCHMARKS.md (section ``bench:push-latency``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.httpclient import Connection, build_request
from bench.ingest import TANSU_FETCH
from bench.procstat import CpuMeter, PidSource, child_pids, postgres_pids, process_tree
from bench.report import DOC
from bench.server import ServerProcess, create_postgres_database, drop_postgres_database
from bench.stats import percentile
from bench.workload import STATUSSEN, auth_headers, create_zaken
from midoffice.bus import Message, connect
from tests.fixtures.tansu import TansuBroker, free_port

BEGIN, END = "<!-- bench:push-latency:begin -->", "<!-- bench:push-latency:end -->"
RAW_TOPIC = "bench.push.raw"
QUIET_GROUPS = ("autorisaties", "catalogi", "documentmagazijn", "notificaties")
"""The consumer groups of the intake events that are rare in this run (no status change)."""
QUIET_FETCH_MS = 50
"""Their fetch wait on Tansu, which holds every fetch that long: each idle group fetching
every 10 ms cost the broker and ``serve`` about 10 % of a core each (see BENCHMARKS)."""


def kafka_url(broker_url: str, quiet_wait_ms: int) -> str:
    """The bus URL of the run: fetch wait 10 ms, the quiet groups ``quiet_wait_ms`` (0: 10)."""
    options = [TANSU_FETCH]
    if quiet_wait_ms:
        options += [f"fetch_max_wait_ms.{group}={quiet_wait_ms}" for group in QUIET_GROUPS]
    return f"{broker_url}?{'&'.join(options)}"


@dataclass
class Result:
    bus: str
    kind: str  # push | answer | raw
    latencies: list[float] = field(default_factory=list)  # seconds
    sent: int = 0
    missing: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)  # non-201 answers
    cpu_ms: dict[str, float] = field(default_factory=dict)  # CPU ms per status, by component

    def p(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000


class Webhook:
    """A minimal keep-alive HTTP/1.1 receiver: records when each notificatie arrived."""

    def __init__(self) -> None:
        self.port = free_port()
        self.arrivals: dict[str, list[float]] = defaultdict(list)  # zaak uuid -> times
        self._server: asyncio.Server | None = None
        self.expected = math.inf
        self.all_arrived = asyncio.Event()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await reader.readexactly(length)
                arrived = time.perf_counter()
                with contextlib.suppress(ValueError, KeyError):
                    zaak = json.loads(body)["hoofdObject"].rsplit("/", 1)[1]
                    self.arrivals[zaak].append(arrived)
                    if sum(len(v) for v in self.arrivals.values()) >= self.expected:
                        self.all_arrived.set()
                writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def reset(self) -> None:
        """Forget what arrived (after the warm-up)."""
        self.arrivals.clear()
        self.expected = math.inf
        self.all_arrived.clear()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


async def _subscribe(host: str, webhook: Webhook) -> None:
    body = {
        "callbackUrl": f"http://127.0.0.1:{webhook.port}/hook",
        "auth": "Bearer bench",
        "kanalen": [{"naam": "zaken", "filters": {"resource": "status"}}],
    }
    headers = {**auth_headers(), "Content-Type": "application/json"}
    name, port = host.rsplit(":", 1)
    connection = Connection(name, int(port))
    try:
        request = build_request(
            "POST", "/notificaties/api/v1/abonnement", host, headers, json.dumps(body).encode()
        )
        response = await connection.request(request)
        if response.status != 201:
            raise RuntimeError(f"abonnement: {response.status} {response.body!r}")
    finally:
        await connection.close()


WARMUP_SENDS = 10


async def measure_push(
    bus: str,
    host: str,
    webhook: Webhook,
    rate: float,
    count: int,
    timeout: float,
    meter: CpuMeter | None = None,
) -> tuple[Result, Result]:
    """POST ``count`` status changes at ``rate``/s; latency to the webhook per status, and
    (with ``meter``) the CPU time per status of each component until the last arrived."""
    workload = await create_zaken(host, math.ceil(count / 3))  # three statuses per zaak
    statustypen = workload.statustypen[:3]
    headers = {**auth_headers(), "Content-Type": "application/json"}
    plan = []  # (zaak, request) in send order; the k-th status of a zaak is its k-th webhook
    for index in range(count):
        zaak = workload.zaken[index % len(workload.zaken)]
        body = workload.status_body(zaak, statustypen[index // len(workload.zaken)])
        plan.append(
            (str(zaak), build_request("POST", STATUSSEN, host, headers, json.dumps(body).encode()))
        )
    result = Result(bus, "push", sent=count)
    answered = Result(bus, "answer", sent=count)  # the same POSTs, start to their 201
    webhook.expected = count
    sent: dict[str, list[float]] = defaultdict(list)
    idle: list[Connection] = []
    name, port = host.rsplit(":", 1)

    async def send(zaak: str, request: bytes) -> None:
        reused = bool(idle)
        connection = idle.pop() if idle else Connection(name, int(port))
        began = time.perf_counter()
        sent[zaak].append(began)
        try:
            try:
                response = await connection.request(request)
            except asyncio.IncompleteReadError:
                if not reused:
                    raise
                # The server closed this idle keep-alive connection (uvicorn's keep-alive
                # timeout) before reading the request: send it again on a new one.
                await connection.close()
                connection = Connection(name, int(port))
                response = await connection.request(request)
            if response.status != 201:
                result.errors += 1
                result.statuses[response.status] = result.statuses.get(response.status, 0) + 1
            else:
                answered.latencies.append(time.perf_counter() - began)
        except (OSError, asyncio.IncompleteReadError):
            result.errors += 1
            await connection.close()
            return
        idle.append(connection)

    before = meter.snapshot() if meter else {}
    start = time.perf_counter()
    tasks = []
    for index, (zaak, request) in enumerate(plan):
        delay = start + index / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(zaak, request)))
    await asyncio.gather(*tasks)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(webhook.all_arrived.wait(), timeout)
    if meter:
        after = meter.snapshot()
        seconds = after["_wall"] - before["_wall"]
        cores = CpuMeter.delta(before, after)
        result.cpu_ms = {name: used * seconds * 1000 / count for name, used in cores.items()}
    for zaak, times in sent.items():
        arrived = webhook.arrivals.get(zaak, [])
        result.latencies += [a - s for s, a in zip(times, arrived, strict=False)]
        result.missing += max(len(times) - len(arrived), 0)
    for connection in idle:
        await connection.close()
    answered.errors, answered.missing = result.errors, result.errors
    return result, answered


async def measure_raw(bus: str, url: str, rate: float, count: int, partitions: int) -> Result:
    """Produce ``count`` records at ``rate``/s and consume them with a group consumer."""
    log = connect(url, client_id="bench-push-raw")
    await log.start()
    result = Result(bus, "raw", sent=count)
    try:
        await log.ensure_topic(RAW_TOPIC, partitions)
        consumer = log.group_consumer(f"bench-push-raw-{uuid.uuid4().hex[:8]}", [RAW_TOPIC])
        await consumer.start()
        published: dict[bytes, float] = {}
        received: dict[bytes, float] = {}

        async def consume() -> None:
            while len(published) < count or any(v not in received for v in published):
                for record in await consumer.poll(0.5, 500):
                    received.setdefault(record.value, time.perf_counter())

        consuming = asyncio.create_task(consume())
        # Time nothing until the group has settled: a probe has gone round (Tansu holds a
        # group join for seconds, which would otherwise be the baseline's p99).
        for attempt in range(60):
            await log.publish(RAW_TOPIC, Message(key=b"probe", value=f"probe{attempt}".encode()))
            await asyncio.sleep(0.5)
            if any(v.startswith(b"probe") for v in received):
                break
        start = time.perf_counter()
        for index in range(count):
            delay = start + index / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            value = f"{index}".encode()
            published[value] = time.perf_counter()
            await log.publish(RAW_TOPIC, Message(key=str(index % 97).encode(), value=value))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(consuming, 30)
        await consumer.stop()
        result.latencies = [received[v] - t for v, t in published.items() if v in received]
        result.missing = count - len(result.latencies)
    finally:
        await log.close()
    return result


@contextlib.asynccontextmanager
async def _postgres() -> AsyncIterator[str]:
    url = await create_postgres_database()
    try:
        yield url
    finally:
        await drop_postgres_database(url)


async def bench_bus(
    bus: str,
    env: dict[str, str],
    raw_url: str,
    rate: float,
    count: int,
    workdir: Path,
    partitions: int,
) -> list[Result]:
    webhook = Webhook()
    await webhook.start()
    port = free_port()
    env = {
        **env,
        "MIDOFFICE_PUSH_ALLOW_PRIVATE_TARGETS": "true",
        "MIDOFFICE_PARTITIONS": str(partitions),
    }
    server = ServerProcess(env, port, workdir / f"{bus}-server.log")
    await server.start(auth_headers())
    main = [server.pid] if server.pid else []
    components: dict[str, PidSource] = {
        "serve": lambda: main,
        "companion": lambda: process_tree(main),
    }
    if bus == "kafka":
        database = env["MIDOFFICE_DATABASE_URL"].rsplit("/", 1)[1]
        components["broker"] = lambda: child_pids("tansu")
        components["database"] = lambda: postgres_pids(database)
    try:
        host = f"127.0.0.1:{port}"
        await _subscribe(host, webhook)
        # Warm-up, not reported: the first deliveries open the HTTP client's connection, load
        # the catalogue and the abonnement in the push connector, and so on.
        await measure_push(bus, host, webhook, rate, max(WARMUP_SENDS, int(rate * 2)), 30)
        webhook.reset()
        meter = CpuMeter(components)
        push, answered = await measure_push(bus, host, webhook, rate, count, 30, meter)
        raw = await measure_raw(bus, raw_url, rate, count, partitions)
        return [push, answered, raw]
    finally:
        await server.stop()
        await webhook.stop()


async def run(
    buses: list[str], rate: float, count: int, partitions: int, quiet_wait_ms: int = QUIET_FETCH_MS
) -> list[Result]:
    results: list[Result] = []
    keep = os.environ.get("BENCH_KEEP")  # a directory to keep the server logs in
    with tempfile.TemporaryDirectory(prefix="midoffice-bench-push-") as tmp:
        workdir = Path(keep or tmp)
        if "kafka" in buses:
            with TansuBroker() as broker:
                url = kafka_url(broker.url, quiet_wait_ms)  # see KafkaOptions
                async with _postgres() as database_url:
                    results += await bench_bus(
                        "kafka",
                        {"MIDOFFICE_BUS_URL": url, "MIDOFFICE_DATABASE_URL": database_url},
                        url,
                        rate,
                        count,
                        workdir,
                        partitions,
                    )
        if "embedded" in buses:
            home = workdir / "embedded"
            results += await bench_bus(
                "embedded",
                {
                    "MIDOFFICE_BUS_URL": f"embedded://{home}/log.sqlite3",
                    "MIDOFFICE_DATABASE_URL": f"sqlite+aiosqlite:///{home}/mo.sqlite3",
                },
                f"embedded://{workdir}/raw/log.sqlite3",
                rate,
                count,
                workdir,
                partitions,
            )
    return results


TARGETS = {"kafka": 100.0, "embedded": 50.0}
PATHS = {
    "push": "status POST -> webhook",
    "answer": "status POST -> its 201",
    "raw": "raw produce -> consume",
}


def table(results: list[Result], rate: float) -> str:
    lines = [
        "| bus | path | sent | p50 ms | p99 ms | max ms | not arrived | not 201 | target p99 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        path = PATHS[r.kind]
        target = f"< {TARGETS[r.bus]:.0f} ms" if r.kind == "push" else "(baseline)"
        if r.kind == "answer":
            target = "(part of it)"
        worst = max(r.latencies) * 1000 if r.latencies else math.nan
        lines.append(
            f"| {r.bus} | {path} | {r.sent} | {r.p(50):.1f} | {r.p(99):.1f} | "
            f"{worst:.1f} | {r.missing} | {r.errors} | {target} |"
        )
    return "\n".join(lines)


CPU_COLUMNS = ("serve", "companion", "broker", "database", "machine")


def cpu_table(results: list[Result]) -> str:
    """CPU milliseconds per status change during the open loop, by component."""
    lines = [
        "| bus | serve (gateway, intake processors) | companion (push, burgerzaken) | "
        "broker | database | whole machine |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        if r.kind != "push" or not r.cpu_ms:
            continue
        cells = [f"{r.cpu_ms[c]:.1f}" if c in r.cpu_ms else "-" for c in CPU_COLUMNS]
        lines.append(f"| {r.bus} | {' | '.join(cells)} |")
    return "\n".join(lines)


def section(results: list[Result], rate: float, load: float, quiet_wait_ms: int) -> str:
    quiet = (
        f", the groups {', '.join(QUIET_GROUPS)} {quiet_wait_ms} ms" if quiet_wait_ms else ""
    )
    return (
        f"{BEGIN}\n## Push latency (status POST -> webhook received)\n\n"
        f"`python -m bench.push_latency` — {rate:.0f} status changes/s, open loop, after a "
        f"warm-up; Kafka: Tansu with fetch_max_wait_ms 10{quiet}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average before the run "
        f"{load:.2f} ({os.cpu_count()} cores, shared machine).\n\n{table(results, rate)}\n\n"
        f"CPU time per status change, in ms, from the first POST until the last notificatie "
        f"arrived (the machine's figure includes this benchmark's own load generator):\n\n"
        f"{cpu_table(results)}\n{END}"
    )


def write(text: str) -> None:
    doc = DOC.read_text()
    if BEGIN in doc and END in doc:
        doc = doc[: doc.index(BEGIN)] + text + doc[doc.index(END) + len(END) :]
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    DOC.write_text(doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.push_latency", description=__doc__)
    parser.add_argument("--rate", type=float, default=50.0, help="status changes per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the open loop")
    parser.add_argument("--bus", action="append", choices=("kafka", "embedded"))
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument(
        "--quiet-fetch-ms",
        type=int,
        default=QUIET_FETCH_MS,
        help=f"Kafka: fetch wait of the groups {', '.join(QUIET_GROUPS)} (0: as the others)",
    )
    parser.add_argument("--write", action="store_true", help="write into docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    from midoffice.logging import configure_logging

    configure_logging("WARNING")
    load = os.getloadavg()[0]
    count = int(args.rate * args.seconds)
    buses = args.bus or ["kafka", "embedded"]
    results = asyncio.run(run(buses, args.rate, count, args.partitions, args.quiet_fetch_ms))
    print(table(results, args.rate))
    print(cpu_table(results))
    for r in results:
        if r.statuses:
            print(f"{r.bus} {r.kind}: non-201 answers {r.statuses}")
    if args.write:
        write(section(results, args.rate, load, args.quiet_fetch_ms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
