"""The PIP read model: ``python -m bench.pip_lezen [--zaken N] [--citizen N] [--write]``.

``POST /pip/api/v1/burgerzaken/_zoek {"bsn": ...}`` (first page: 100 zaken with zaaktype
omschrijving, status history and visible documents) against PostgreSQL holding 1,000,000
zaken in the ``burgerzaken`` read model, one citizen having 1,000 of them. The read model is
seeded in bulk (COPY straight into its tables; this is a read benchmark): every zaak has one
betrokkene and one status, every tenth a document; the citizen's zaken have 3 statussen and
2 documents each (one of them vertrouwelijk, so filtered out). Then ``midoffice gateway``
runs against it as a child process and the request is repeated on one keep-alive connection,
twice: with the processing-log record confirmed before the answer (the default,
``MIDOFFICE_VERWERKINGSLOG_BEVESTIGEN=true``) and written in the background (``false``). The
baseline runs the same three SQL statements the gateway runs for that page (compiled from the
same SQLAlchemy queries) directly with asyncpg. There is no numeric target for this read.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import Select
from sqlalchemy.dialects import postgresql

from autorisaties.rights import Visibility
from bench import zaken_report
from bench.burger_lezen import BSN, ZAAKTYPE, _bsn
from bench.httpclient import Connection, build_request
from bench.server import ServerProcess, create_postgres_database, drop_postgres_database
from bench.stats import percentile
from bench.workload import auth_headers
from burgerzaken import queries
from midoffice import migrations

STATUSTYPE = uuid.UUID("7e1c3a10-0001-4a4a-8a8a-000000000001")
IOT = uuid.UUID("3f6a1c20-0001-4b4b-9c9c-000000000001")
CHUNK = 50_000
PIP = "/pip/api/v1/burgerzaken/_zoek"
VISIBLE = ("openbaar", "beperkt_openbaar")


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _rows(start: int, count: int, every: int, rng: random.Random) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {name: [] for name in (
        "burgerzaak", "burgerzaak_betrokkene", "burgerzaak_status", "burgerdocument",
        "burgerzaak_informatieobject")}  # fmt: skip
    epoch = dt.date(2016, 1, 1)
    gezet = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
    for n in range(start, start + count):
        zaak = _uuid(rng)
        citizen = n % every == 0
        statussen = [_uuid(rng) for _ in range(3 if citizen else 1)]
        startdatum = epoch + dt.timedelta(days=rng.randrange(3650))
        rows["burgerzaak"].append((zaak, f"ZAAK-{n:010d}", "002220647", "Parkeervergunning",
            ZAAKTYPE, startdatum, None, "zaakvertrouwelijk", statussen[-1]))  # fmt: skip
        bsn = BSN if citizen else _bsn(rng.randrange(10_000_000, 40_000_000))
        rows["burgerzaak_betrokkene"].append((_uuid(rng), zaak, "bsn", bsn, startdatum,
            f"ZAAK-{n:010d}", ZAAKTYPE, "zaakvertrouwelijk"))  # fmt: skip
        for i, status in enumerate(statussen):
            rows["burgerzaak_status"].append(
                (status, zaak, STATUSTYPE, gezet + dt.timedelta(minutes=i), "", 2 + i)
            )
        documents = ("openbaar", "vertrouwelijk") if citizen else (
            ("openbaar",) if n % 10 == 0 else ())  # fmt: skip
        for i, aanduiding in enumerate(documents):
            document = _uuid(rng)
            rows["burgerdocument"].append((document, f"Brief {i}", aanduiding, "application/pdf",
                "brief.pdf", 12_345, startdatum, IOT, True))  # fmt: skip
            rows["burgerzaak_informatieobject"].append((_uuid(rng), zaak, document, 10 + i))
    return rows


async def seed(dsn: str, total: int, citizen_zaken: int) -> float:
    """COPY ``total`` zaken into the read model; ``citizen_zaken`` of them are BSN's."""
    started = time.perf_counter()
    rng = random.Random(20261207)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO burgerzaken_type VALUES ($1, $2, NULL, 'Aanvraag parkeervergunning'),"
            " ($3, $2, $1, 'Ontvangen')", ZAAKTYPE, uuid.uuid4(), STATUSTYPE)  # fmt: skip
        for start in range(0, total, CHUNK):
            rows = _rows(start, min(CHUNK, total - start), total // citizen_zaken, rng)
            for table, records in rows.items():
                await conn.copy_records_to_table(table, records=records)
            print(f"  seeded {min(start + CHUNK, total):,} zaken", file=sys.stderr)
        await conn.execute("VACUUM ANALYZE")  # as autovacuum would have: visibility map set
        # The load's WAL (several times max_wal_size) is checkpointed now, not while the
        # reads are measured (see bench/burger_lezen.py).
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()
    return time.perf_counter() - started


def _sql(query: Select[Any]) -> str:
    dialect = postgresql.dialect()
    return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


async def measure_baseline(dsn: str, repeats: int) -> list[float]:
    """The gateway's three statements for the first page, directly with asyncpg."""
    everything = Visibility(everything=True)
    first = _sql(queries.zaken_query("bsn", BSN, everything, 0, 100))
    conn = await asyncpg.connect(dsn)
    try:
        page = [row["uuid"] for row in await conn.fetch(first)]  # compiled outside the timing
        statussen = _sql(queries.statussen_query(page))
        documenten = _sql(queries.documenten_query(page, everything, VISIBLE))
        latencies = []
        for n in range(repeats + 50):
            started = time.perf_counter()
            await conn.fetch(first)
            await conn.fetch(statussen)
            await conn.fetch(documenten)
            if n >= 50:
                latencies.append(time.perf_counter() - started)
        return latencies
    finally:
        await conn.close()


async def measure_gateway(port: int, repeats: int) -> tuple[list[float], int, int]:
    headers = {**auth_headers(), "Content-Type": "application/json"}
    body = json.dumps({"bsn": BSN}).encode()
    request = build_request("POST", PIP, f"127.0.0.1:{port}", headers, body)
    connection = Connection("127.0.0.1", port)
    latencies, count, documents = [], 0, 0
    try:
        for n in range(repeats + 50):
            started = time.perf_counter()
            response = await connection.request(request)
            elapsed = time.perf_counter() - started
            assert response.status == 200, response.body[:300]
            if n >= 50:
                latencies.append(elapsed)
        answer = response.json()
        count = int(answer["count"])
        documents = sum(len(zaak["documenten"]) for zaak in answer["results"])
    finally:
        await connection.close()
    return latencies, count, documents


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _through_gateway(url: str, repeats: int, confirm: bool) -> tuple[list[float], int, int]:
    with tempfile.TemporaryDirectory(prefix="bench-pip-") as tmp:
        port = _free_port()
        env = {"MIDOFFICE_BUS_URL": f"embedded://{tmp}/log.sqlite3",
               "MIDOFFICE_DATABASE_URL": url,
               "MIDOFFICE_VERWERKINGSLOG_BEVESTIGEN": str(confirm).lower()}  # fmt: skip
        command = [sys.executable, "-m", "midoffice", "gateway"]
        server = ServerProcess(env, port, Path(tmp) / "server.log", command)
        await server.start(auth_headers())
        try:
            return await measure_gateway(port, repeats)
        finally:
            await server.stop()


async def run(total: int, citizen_zaken: int, repeats: int) -> dict[str, Any]:
    url = await create_postgres_database()
    dsn = url.replace("postgresql+asyncpg", "postgresql")
    try:
        await migrations.upgrade_all(url)
        seconds = await seed(dsn, total, citizen_zaken)
        baseline = await measure_baseline(dsn, repeats)
        confirmed, count, documents = await _through_gateway(url, repeats, confirm=True)
        background, _, _ = await _through_gateway(url, repeats, confirm=False)
        baseline_after = await measure_baseline(dsn, repeats)
    finally:
        await drop_postgres_database(url)
    return {"total": total, "count": count, "documents": documents, "seed_seconds": seconds,
            "baseline": baseline + baseline_after, "confirmed": confirmed,
            "background": background, "repeats": repeats,
            "load": os.getloadavg()}  # fmt: skip


def section(result: dict[str, Any]) -> str:
    def ms(values: list[float], q: float) -> str:
        return f"{percentile(values, q) * 1000:.1f}"

    b, c, g = result["baseline"], result["confirmed"], result["background"]
    load = ", ".join(f"{value:.1f}" for value in result["load"])
    return "\n".join([
        "## PIP read model (`python -m bench.pip_lezen`)",
        "",
        f"{dt.date.today()} on {zaken_report.machine()}, load average {load} (shared "
        f"machine). PostgreSQL on 127.0.0.1 with {result['total']:,} zaken in the burgerzaken "
        f"read model (seeded with COPY in {result['seed_seconds']:.0f} s); the citizen has "
        f"{result['count']:,} of them. `POST {PIP}` with the BSN in the body, first page (100 "
        f"zaken with zaaktype omschrijving, 3 statussen each and {result['documents']} visible "
        f"documents), {result['repeats']} times on one keep-alive connection after 50 warm-up "
        "requests; `midoffice gateway` as a child process, demo client (all autorisaties). "
        "Every request also writes its Logboek Dataverwerkingen record.",
        "",
        "| what | p50 ms | p99 ms |",
        "|---|--:|--:|",
        f"| gateway, record confirmed before the answer (default) | {ms(c, 50)} | {ms(c, 99)} |",
        f"| gateway, record written in the background | {ms(g, 50)} | {ms(g, 99)} |",
        f"| asyncpg baseline: the same 3 statements (before and after) | {ms(b, 50)} | "
        f"{ms(b, 99)} |",
        "",
        "No numeric target in the issue for this read; figures as measured.",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pip_lezen", description=__doc__)
    parser.add_argument("--zaken", type=int, default=1_000_000)
    parser.add_argument("--citizen", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=500)
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.zaken, args.citizen, args.repeats))
    text = section(result)
    print(text)
    if args.write:
        zaken_report.write("pip-lezen", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
