"""Rebuild a projection from the events topic, and verify the live one against a rebuild.

The log is the system of record: applying every accepted fact, in order per partition, to an
empty database must give the live projection exactly (equal content hash).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import autorisaties.projection
import catalogi.projection
import documentmagazijn.projection
import zaakmagazijn.errors
from midoffice import migrations
from midoffice.bus.base import EventBus, LogReader
from midoffice.db import create_engine
from midoffice.projections import PROJECTIONS, Projection, snapshot
from schemas.codec import DecodeError, decode
from zaakmagazijn import fingerprint

Progress = Callable[[int, int], None]


class ReplayError(RuntimeError):
    """The log cannot be replayed as it is (for example a fact is missing)."""


_NOT_APPLICABLE = (
    zaakmagazijn.errors.ProjectionError,
    catalogi.projection.ProjectionError,
    documentmagazijn.projection.ProjectionError,
    autorisaties.projection.ProjectionError,
)
_PARTIAL_HINT = (
    "; a replay that starts later (--from-offset/--from-time) needs a target database "
    "that already holds every earlier fact"
)


@dataclass
class ReplayReport:
    applied: int = 0
    duplicates: int = 0
    skipped: int = 0
    undecodable: list[str] = field(default_factory=list)


async def _start_offsets(
    reader: LogReader, partitions: list[int], from_offset: int | None, from_time: dt.datetime | None
) -> dict[int, int]:
    if from_time is None:
        return {p: from_offset or 0 for p in partitions}
    millis = int(from_time.timestamp() * 1000)
    return {p: await reader.offset_for_time(p, millis) for p in partitions}


async def replay_zaakmagazijn(
    bus: EventBus, topic: str, into_url: str, **options: Any
) -> ReplayReport:
    """Rebuild the zaakmagazijn (see :func:`replay`)."""
    return await replay(bus, topic, PROJECTIONS["zaakmagazijn"], into_url, **options)


async def replay(
    bus: EventBus,
    topic: str,
    projection: Projection,
    into_url: str,
    *,
    from_offset: int | None = None,
    from_time: dt.datetime | None = None,
    progress: Progress | None = None,
    batch_size: int = 500,
) -> ReplayReport:
    """Apply ``projection``'s facts on ``topic`` to the database at ``into_url`` (migrated first).

    The end of each partition is fixed when the replay starts; later facts are left for the
    next run. Facts already in the target (by per-zaak sequence) are counted as duplicates.
    """
    await migrations.upgrade_all(into_url)
    engine = create_engine(into_url)
    reader = bus.reader(topic)
    await reader.start()
    report = ReplayReport()
    try:
        partitions = await reader.partitions()
        starts = await _start_offsets(reader, partitions, from_offset, from_time)
        ends = {p: await reader.end_offset(p) for p in partitions}
        total = sum(max(0, ends[p] - starts[p]) for p in partitions)
        done = 0
        for partition in partitions:
            position = starts[partition]
            while position < ends[partition]:
                records = await reader.read(partition, position, batch_size, timeout=5.0)
                records = [r for r in records if r.offset < ends[partition]]
                if not records:
                    raise ReplayError(
                        f"partition {partition}: no records at offset {position} "
                        f"although the log ends at {ends[partition]}"
                    )
                async with engine.begin() as conn:
                    for record in records:
                        try:
                            fact = decode(record.value, record.headers)
                        except DecodeError as exc:
                            report.undecodable.append(f"{partition}:{record.offset}: {exc}")
                            continue
                        if fact.type not in projection.fact_types:
                            report.skipped += 1
                            continue
                        try:
                            applied = await projection.apply(conn, fact)
                        except _NOT_APPLICABLE as exc:
                            hint = _PARTIAL_HINT if from_offset or from_time else ""
                            raise ReplayError(
                                f"partition {partition} offset {record.offset} ({fact.type}): "
                                f"{type(exc).__name__}: {exc}{hint}"
                            ) from exc
                        if applied:
                            report.applied += 1
                        else:
                            report.duplicates += 1
                position = records[-1].offset + 1
                done += len(records)
                if progress:
                    progress(done, total)
    finally:
        await reader.stop()
        await engine.dispose()
    return report


@dataclass
class VerifyReport:
    live_hash: str
    replay_hash: str
    differences: list[str]
    replay: ReplayReport

    @property
    def equal(self) -> bool:
        return self.live_hash == self.replay_hash


async def verify_zaakmagazijn(
    bus: EventBus, topic: str, live_url: str, progress: Progress | None = None
) -> VerifyReport:
    """Verify the zaakmagazijn (see :func:`verify`)."""
    return await verify(bus, topic, PROJECTIONS["zaakmagazijn"], live_url, progress)


async def verify(
    bus: EventBus,
    topic: str,
    projection: Projection,
    live_url: str,
    progress: Progress | None = None,
) -> VerifyReport:
    """Replay into a temporary database and compare it with the live one by content hash."""
    with tempfile.TemporaryDirectory(prefix="midoffice-verify-") as tmp:
        replay_url = f"sqlite+aiosqlite:///{Path(tmp) / 'replay.sqlite3'}"
        report = await replay(bus, topic, projection, replay_url, progress=progress)
        live_engine, replay_engine = create_engine(live_url), create_engine(replay_url)
        try:
            async with live_engine.connect() as conn:
                live = await snapshot(conn, projection.tables)
            async with replay_engine.connect() as conn:
                rebuilt = await snapshot(conn, projection.tables)
        finally:
            await live_engine.dispose()
            await replay_engine.dispose()
    return VerifyReport(
        live_hash=fingerprint.content_hash(live),
        replay_hash=fingerprint.content_hash(rebuilt),
        differences=fingerprint.diff(live, rebuilt),
        replay=report,
    )
