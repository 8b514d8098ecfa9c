"""Benchmark 1, the zaak lifecycle: ``python -m bench.zaken_lifecycle [--quick] [--write]``.

Per zaak, seven synchronous writes through the gateway, each answered only after the
zaakmagazijn processor decided it: POST zaak, POST rol, three statussen (volgnummer 1-3),
POST resultaat, the eindstatus (which closes the zaak and derives the archive fields). Closed
loop: ``concurrency`` workers each run one zaak after the other on one keep-alive connection.
The system under test is ``midoffice serve`` as a child process with its defaults (embedded
log + SQLite: the embedded default). Reported: zaken/s, requests/s, p50/p99 per request, and
the CPU per request of ``serve`` (gateway and deciding processors) and of its companion
(burgerzaken, push) over the measured window, from ``/proc``.

The raw baseline, in the same run at concurrency 8 (``bench.lifecycle_baseline``): a bare
FastAPI endpoint that validates a body and writes and reads back one SQLite row per request,
on the same client, machine and server stack; seven of its writes count as a zaak.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import lifecycle_baseline, zaken_report
from bench.httpclient import Connection, build_request
from bench.procstat import CpuMeter, PidSource, process_tree
from bench.server import ServerProcess
from bench.stats import percentile
from bench.workload import auth_headers

ZAKEN, ROOT = "/zaken/api/v1/zaken", "/zaken/api/v1"
BASE = "http://127.0.0.1"
CATALOGI = "/catalogi/api/v1"
ZAAKTYPE = f"{CATALOGI}/zaaktypen/0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"
IDS = "7e1c3a10-{0}-4a4a-8a8a-00000000{0}"
CONCURRENCIES = (1, 8, 32)
TARGET_ZAKEN_PER_SECOND = 100.0  # at concurrency 8, embedded default


@dataclass
class Run:
    concurrency: int
    seconds: float = 0.0
    zaken: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    cores: dict[str, float] = field(default_factory=dict)  # busy cores per process, measured
    label: str = ""  # set for the raw baseline

    def cpu_ms_per_request(self, process: str) -> float:
        """CPU milliseconds of ``process`` per answered request in the window (NaN: none)."""
        rate = self.requests_per_second
        return self.cores[process] * 1000 / rate if rate and process in self.cores else float("nan")

    @property
    def zaken_per_second(self) -> float:
        return self.zaken / self.seconds if self.seconds else 0.0

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Worker:
    """One closed-loop client: zaak after zaak on one keep-alive connection."""

    def __init__(self, port: int, run: Run, window: tuple[float, float]) -> None:
        self.connection = Connection("127.0.0.1", port)
        self.host = f"127.0.0.1:{port}"
        self.base = f"http://{self.host}"
        self.run, self.window = run, window
        self.headers = {**auth_headers(), "Content-Type": "application/json",
                        "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}  # fmt: skip

    async def post(self, path: str, body: dict[str, object]) -> dict[str, object] | None:
        data = build_request("POST", path, self.host, self.headers, json.dumps(body).encode())
        started = time.perf_counter()
        response = await self.connection.request(data)
        done = time.perf_counter()
        if response.status != 201:
            key = f"{path.rsplit('/', 1)[-1]} {response.status}"
            self.run.errors[key] = self.run.errors.get(key, 0) + 1
            return None
        if self.window[0] <= started and done <= self.window[1]:
            self.run.latencies.append(done - started)
        result: dict[str, object] = response.json()
        return result

    async def zaak(self, n: int) -> bool:
        catalogi = f"{self.base}{CATALOGI}"
        zaak = await self.post(ZAKEN, {
            "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647",
            "zaaktype": f"{self.base}{ZAAKTYPE}", "startdatum": "2026-03-02",
        })  # fmt: skip
        if zaak is None:
            return False
        url = zaak["url"]
        steps: list[tuple[str, dict[str, object]]] = [
            (f"{ROOT}/rollen", {"zaak": url, "betrokkeneType": "natuurlijk_persoon",
             "roltype": f"{catalogi}/roltypen/{IDS.format('0101')}", "roltoelichting": "",
             "betrokkeneIdentificatie": {"inpBsn": "111222333"}}),
            *((f"{ROOT}/statussen", {"zaak": url, "statustype":
               f"{catalogi}/statustypen/{IDS.format(f'000{v}')}",
               "datumStatusGezet": f"2026-03-02T09:0{v}:00Z"}) for v in (1, 2, 3)),
            (f"{ROOT}/resultaten", {"zaak": url,
             "resultaattype": f"{catalogi}/resultaattypen/{IDS.format('0201')}"}),
            (f"{ROOT}/statussen", {"zaak": url, "statustype":
             f"{catalogi}/statustypen/{IDS.format('0004')}",
             "datumStatusGezet": "2026-03-02T09:09:00Z"}),
        ]  # fmt: skip
        for path, body in steps:
            if await self.post(path, body) is None:
                return False
        return True

    async def loop(self, stop_at: float) -> None:
        n = 0
        try:
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                ok = await self.zaak(n)
                if ok and self.window[0] <= started and time.perf_counter() <= self.window[1]:
                    self.run.zaken += 1
                n += 1
        finally:
            await self.connection.close()


async def measure(
    port: int, concurrency: int, warmup: float, duration: float, meter: CpuMeter | None = None
) -> Run:
    run = Run(concurrency, seconds=duration)
    start = time.perf_counter()
    window = (start + warmup, start + warmup + duration)
    workers = [Worker(port, run, window) for _ in range(concurrency)]

    async def metered() -> None:
        if meter is None:
            return
        await asyncio.sleep(max(0.0, window[0] - time.perf_counter()))
        before = meter.snapshot()
        await asyncio.sleep(max(0.0, window[1] - time.perf_counter()))
        run.cores = CpuMeter.delta(before, meter.snapshot())

    await asyncio.gather(metered(), *(w.loop(window[1]) for w in workers))
    return run


def server_meter(server: ServerProcess) -> CpuMeter:
    """CPU of ``serve`` itself and of its companion process."""
    main = [server.pid] if server.pid else []
    components: dict[str, PidSource] = {
        "serve": lambda: main,
        "companion": lambda: process_tree(main),
    }
    return CpuMeter(components)


async def measure_baseline(concurrency: int, warmup: float, duration: float) -> Run:
    """The raw baseline (``bench.lifecycle_baseline``) at ``concurrency``, closed loop."""
    run = Run(concurrency, label="baseline", seconds=duration)
    with tempfile.TemporaryDirectory(prefix="bench-lifecycle-baseline-") as tmp:
        server = lifecycle_baseline.baseline_server(_free_port(), Path(tmp))
        await server.start({}, probe_path="/openapi.json")
        try:
            main = [server.pid] if server.pid else []
            meter = CpuMeter({"serve": lambda: main})
            start = time.perf_counter()
            window = (start + warmup, start + warmup + duration)

            async def metered() -> None:
                await asyncio.sleep(max(0.0, window[0] - time.perf_counter()))
                before = meter.snapshot()
                await asyncio.sleep(max(0.0, window[1] - time.perf_counter()))
                run.cores = CpuMeter.delta(before, meter.snapshot())

            loops = [
                lifecycle_baseline.closed_loop(server.port, window[1], window)
                for _ in range(concurrency)
            ]
            _, *latencies = await asyncio.gather(metered(), *loops)
        finally:
            await server.stop()
    run.latencies = [latency for worker in latencies for latency in worker]
    run.zaken = len(run.latencies) // 7
    return run


async def run_all(concurrencies: tuple[int, ...], warmup: float, duration: float) -> list[Run]:
    runs = []
    for concurrency in concurrencies:
        with tempfile.TemporaryDirectory(prefix="bench-lifecycle-") as tmp:
            port = _free_port()
            env = {
                "MIDOFFICE_BUS_URL": f"embedded://{tmp}/log.sqlite3",
                "MIDOFFICE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/zaakmagazijn.sqlite3",
            }
            server = ServerProcess(env, port, Path(tmp) / "server.log")
            await server.start(auth_headers())
            try:
                runs.append(
                    await measure(port, concurrency, warmup, duration, server_meter(server))
                )
            finally:
                await server.stop()
        print(zaken_report.lifecycle_line(runs[-1]), file=sys.stderr)
    at = 8 if 8 in concurrencies else concurrencies[0]
    runs.append(await measure_baseline(at, warmup, duration))
    print(zaken_report.lifecycle_line(runs[-1]), file=sys.stderr)
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.zaken_lifecycle", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs, for a smoke check")
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, action="append")
    args = parser.parse_args(argv)
    duration = 3.0 if args.quick else args.duration
    concurrencies = tuple(args.concurrency or CONCURRENCIES)
    runs = asyncio.run(run_all(concurrencies, 2.0 if args.quick else 5.0, duration))
    text = zaken_report.lifecycle_section(runs, duration, TARGET_ZAKEN_PER_SECOND)
    print(text)
    if args.write:
        zaken_report.write("zaken-lifecycle", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
