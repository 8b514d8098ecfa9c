"""``python -m bench.processor_statements``: SQL statements per event through a processor.

An analysis aid beside the timed benchmarks, deterministic where they are not: 50 zaken
opened and 150 statussen set, fed to the zaakmagazijn processor one event per batch (the
low-rate case, where the per-batch costs weigh most), on SQLite and on PostgreSQL
(127.0.0.1:5432). Every statement through the processor's engine is counted, and every
commit; PostgreSQL's BEGIN goes through the driver directly and is not among them. Prints
the totals per event and the most frequent statements.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import event

from bench.server import create_postgres_database, drop_postgres_database
from catalogi.loader import load_catalogue
from catalogi.source import StaticCatalogue
from midoffice.bus import Record, connect
from midoffice.db import create_engine
from midoffice.processing import dead_letter
from midoffice.processing.loop import Processor, as_message
from midoffice.settings import DEMO_CATALOGUE
from tests.integration.processor_support import opened, status_set
from zaakmagazijn import migrate
from zaakmagazijn.handlers import build_handlers

ZAKEN, STATUSSEN_PER_ZAAK = 50, 3


async def count(database: str, show: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-statements-") as tmp:
        url = (f"sqlite+aiosqlite:///{tmp}/db" if database == "sqlite"
               else await create_postgres_database())  # fmt: skip
        await migrate.upgrade(url)
        bus = connect(f"embedded://{tmp}/log.sqlite3")
        await bus.start()
        engine = create_engine(url)
        try:
            for topic in ("intake", "events", dead_letter.dead_letter_topic("intake")):
                await bus.ensure_topic(topic, 3)
            catalogue = StaticCatalogue(load_catalogue(DEMO_CATALOGUE))
            processor = Processor(name="zaakmagazijn", bus=bus, engine=engine,
                                  handlers=build_handlers(catalogue), source_topic="intake",
                                  events_topic="events")  # fmt: skip
            zaken = [uuid.uuid4() for _ in range(ZAKEN)]
            events = [opened(z) for z in zaken]
            events += [status_set(z) for z in zaken for _ in range(STATUSSEN_PER_ZAAK)]
            await bus.publish_batch("intake", [as_message(e) for e in events])
            records = await _consume(bus, len(events))
            statements: Counter[str] = Counter()
            commits = 0

            def on_statement(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
                statements[" ".join(statement.split())[:50]] += 1

            def on_commit(_c: Any) -> None:
                nonlocal commits
                commits += 1

            event.listen(engine.sync_engine, "before_cursor_execute", on_statement)
            event.listen(engine.sync_engine, "commit", on_commit)
            for record in records:
                await processor._decide_and_publish([record])
            n = len(events)
            print(f"{database}: {sum(statements.values()) / n:.1f} statements + "
                  f"{commits / n:.1f} commits per event ({n} events, one per batch)")  # fmt: skip
            for text, times in statements.most_common(show):
                print(f"  {times / n:5.2f}  {text}")
        finally:
            await bus.close()
            await engine.dispose()
            if database == "postgresql":
                await drop_postgres_database(url)


async def _consume(bus: Any, count: int) -> list[Record]:
    consumer = bus.group_consumer("bench-statements", ["intake"])
    await consumer.start()
    records: list[Record] = []
    try:
        while len(records) < count:
            records += await consumer.poll(0.2, 1000)
    finally:
        await consumer.stop()
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.processor_statements")
    parser.add_argument("--show", type=int, default=8, help="most frequent statements shown")
    args = parser.parse_args(argv)
    from midoffice.logging import configure_logging

    configure_logging("WARNING")
    for database in ("sqlite", "postgresql"):
        asyncio.run(count(database, args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
