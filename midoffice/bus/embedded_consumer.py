"""A group member on the embedded log: partitions from the in-process coordinator."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import structlog

from midoffice.bus.base import BusError, GroupConsumer, RebalanceListener, Record, TopicPartition
from midoffice.bus.embedded_groups import GroupCoordinator
from midoffice.bus.embedded_notify import wait_for_signal
from midoffice.bus.embedded_store import LogStore

logger = structlog.get_logger(__name__)


class EmbeddedGroupConsumer(GroupConsumer):
    """Reads its share of the group's partitions; positions move only on ``poll``."""

    def __init__(
        self,
        store: LogStore,
        coordinator: GroupCoordinator,
        group_id: str,
        topics: Sequence[str],
        listener: RebalanceListener | None,
        fallback_poll_seconds: float,
    ) -> None:
        self._store = store
        self._coordinator = coordinator
        self.group_id = group_id
        self._topics = tuple(dict.fromkeys(topics))
        self._listener = listener
        self._fallback_poll_seconds = fallback_poll_seconds
        self._assignment: frozenset[TopicPartition] = frozenset()
        self._positions: dict[TopicPartition, int] = {}
        self._generation = 0
        self._state = "new"  # new -> rebalancing <-> running -> stopped
        self._changed: asyncio.Future[None] | None = None
        self._rotation = 0

    @property
    def topics(self) -> tuple[str, ...]:
        return self._topics

    def assignment(self) -> frozenset[TopicPartition]:
        return self._assignment

    async def start(self) -> None:
        if self._state != "new":
            raise BusError("a group consumer can only be started once")
        for topic in self._topics:
            await self._store.partition_ids(topic)
        self._state = "rebalancing"
        await self._coordinator.join(self.group_id, self)
        if self._state == "rebalancing":  # joined a group whose shares did not change
            self._state = "running"

    async def stop(self) -> None:
        if self._state in ("new", "stopped"):
            self._state = "stopped"
            return
        await self._coordinator.leave(self.group_id, self)
        self._state = "stopped"
        self._signal_change()

    async def poll(self, timeout: float, max_records: int = 500) -> list[Record]:
        if self._state in ("new", "stopped"):
            raise BusError(f"the consumer of group {self.group_id!r} is not running")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            self._changed = loop.create_future()
            with self._store.signal.waiter(self._topics) as appended:
                records = await self._fetch(max_records)
                if records:
                    return records
                remaining = deadline - loop.time()
                if remaining <= 0 or self._state == "stopped":
                    return []
                await wait_for_signal(
                    appended, self._changed, timeout=min(remaining, self._fallback_poll_seconds)
                )

    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None:
        not_owned = [tp for tp in offsets if tp not in self._assignment]
        if not_owned:
            raise BusError(
                f"cannot commit {sorted(not_owned)} for group {self.group_id!r}: not assigned to"
                " this member (the group rebalanced; the new owner reads them again)"
            )
        if any(offset < 0 for offset in offsets.values()):
            raise BusError(f"committed offsets must be >= 0, got {dict(offsets)}")
        await self._store.commit(self.group_id, offsets)

    async def committed(self, tp: TopicPartition) -> int | None:
        return (await self._store.committed(self.group_id, [tp])).get(tp)

    async def revoke_partitions(self) -> None:
        """Called by the coordinator: stop fetching, run the listener, give up the share."""
        previous = self._assignment
        self._state = "rebalancing"
        self._generation += 1
        self._signal_change()
        if previous and self._listener is not None:
            try:
                await self._listener.on_partitions_revoked(previous)
            except Exception:
                logger.exception(
                    "rebalance_listener_failed", group_id=self.group_id, call="revoked"
                )
        self._assignment = frozenset()
        self._positions = {}

    async def assign_partitions(self, partitions: frozenset[TopicPartition]) -> None:
        """Called by the coordinator: take the new share, starting at the committed offsets."""
        committed = await self._store.committed(self.group_id, sorted(partitions))
        self._positions = {tp: committed.get(tp, 0) for tp in partitions}
        self._assignment = partitions
        self._generation += 1
        if self._listener is not None:
            try:
                await self._listener.on_partitions_assigned(partitions)
            except Exception:
                logger.exception(
                    "rebalance_listener_failed", group_id=self.group_id, call="assigned"
                )
        self._state = "running"
        self._signal_change()

    async def _fetch(self, max_records: int) -> list[Record]:
        if self._state != "running" or not self._positions:
            return []
        generation = self._generation
        order = sorted(self._positions)
        self._rotation = (self._rotation + 1) % len(order)
        order = order[self._rotation :] + order[: self._rotation]
        records = await self._store.fetch([(tp, self._positions[tp]) for tp in order], max_records)
        if generation != self._generation or self._state != "running":
            return []  # the share changed while we read: these records belong to someone else
        for record in records:
            self._positions[record.tp] = record.offset + 1
        return records

    def _signal_change(self) -> None:
        if self._changed is not None and not self._changed.done():
            self._changed.set_result(None)
