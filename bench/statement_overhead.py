"""``python -m bench.statement_overhead``: CPU per statement through SQLAlchemy Core against
the raw driver connection, on the embedded default's SQLite (the in-thread connection).

An analysis aid for the lifecycle target: how much of a write's CPU is the statement
machinery (greenlet, execution context, parameter and result processing) rather than SQLite.
Two statements of the status path, each prebuilt as the hot paths build them: the zaak read by
primary key and the status insert. The raw baseline runs the same SQL text (compiled once by
the same dialect) with the parameters already in SQLite's form, in the same transaction.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from midoffice.db import create_engine
from zaakmagazijn import migrate
from zaakmagazijn.tables import status, zaak

GET_ZAAK = select(zaak).where(zaak.c.uuid == bindparam("zaak_uuid"))
INSERT_STATUS = insert(status)
STATUS_COLUMNS = ("uuid", "zaak", "statustype", "datum_status_gezet", "statustoelichting",
                  "gezetdoor", "zaak_sequence")  # fmt: skip


def _zaak_row(zaak_uuid: uuid.UUID) -> dict[str, Any]:
    today = dt.date(2026, 12, 8)
    return {"uuid": zaak_uuid, "identificatie": "ZAAK-1", "bronorganisatie": "002220647",
            "verantwoordelijke_organisatie": "002220647", "zaaktype": uuid.uuid4(),
            "omschrijving": "", "toelichting": "", "registratiedatum": today, "startdatum": today,
            "vertrouwelijkheidaanduiding": "openbaar", "archiefstatus": "nog_te_archiveren",
            "sequence": 1, "attributes": {}, "registered_at": dt.datetime.now(dt.UTC)}  # fmt: skip


async def _cpu_per_call(calls: int, step: Callable[[int], Awaitable[Any]]) -> float:
    """Microseconds of process CPU per call of ``step`` (after 100 unmeasured)."""
    for n in range(100):
        await step(-n - 1)
    started = time.process_time()
    for n in range(calls):
        await step(n)
    return (time.process_time() - started) / calls * 1e6


async def measure(conn: AsyncConnection, zaak_uuid: uuid.UUID, calls: int) -> dict[str, float]:
    """CPU per call, in microseconds, of each statement both ways."""
    raw = (await conn.get_raw_connection()).driver_connection
    select_sql = str(GET_ZAAK.compile(dialect=conn.dialect))
    insert_sql = str(INSERT_STATUS.compile(dialect=conn.dialect, column_keys=list(STATUS_COLUMNS)))
    names = [column.name for column in zaak.columns]
    now = dt.datetime.now(dt.UTC)

    async def sa_select(_: int) -> None:
        (await conn.execute(GET_ZAAK, {"zaak_uuid": zaak_uuid})).mappings().first()

    async def raw_select(_: int) -> None:
        cursor = await raw.execute(select_sql, (zaak_uuid.hex,))
        dict(zip(names, await cursor.fetchone(), strict=True))

    async def sa_insert(n: int) -> None:
        await conn.execute(INSERT_STATUS, {
            "uuid": uuid.uuid4(), "zaak": zaak_uuid, "statustype": zaak_uuid,
            "datum_status_gezet": now, "statustoelichting": "", "gezetdoor": None,
            "zaak_sequence": n,
        })  # fmt: skip

    async def raw_insert(n: int) -> None:
        stamp = now.replace(tzinfo=None).isoformat(sep=" ")
        await raw.execute(insert_sql, (uuid.uuid4().hex, zaak_uuid.hex, zaak_uuid.hex, stamp,
                                       "", None, 1_000_000 + n))  # fmt: skip

    return {
        "select_sqlalchemy": await _cpu_per_call(calls, sa_select),
        "select_raw": await _cpu_per_call(calls, raw_select),
        "insert_sqlalchemy": await _cpu_per_call(calls, sa_insert),
        "insert_raw": await _cpu_per_call(calls, raw_insert),
    }


async def run(calls: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-statements-") as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/zaakmagazijn.sqlite3"
        await migrate.upgrade(url)
        engine = create_engine(url)
        try:
            zaak_uuid = uuid.uuid4()
            async with engine.begin() as conn:
                await conn.execute(insert(zaak), _zaak_row(zaak_uuid))
                return await measure(conn, zaak_uuid, calls)
        finally:
            await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5000)
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.calls))
    for kind in ("select", "insert"):
        through, raw = figures[f"{kind}_sqlalchemy"], figures[f"{kind}_raw"]
        print(f"{kind:6}  SQLAlchemy Core {through:6.1f} us   raw connection {raw:6.1f} us   "
              f"x{through / raw:.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
