"""The in-process group coordinator of the embedded bus.

Members of one group (on one EventBus) split the partitions of their topics round-robin. On
every join and leave the group is rebalanced the way Kafka's eager protocol does it: each
member whose share changes is first revoked (its listener's ``on_partitions_revoked`` gets
its whole old share, while it still owns it), and only when all of them are revoked do they
get their new share (``on_partitions_assigned``), continuing from the committed offsets.
Groups are not coordinated across processes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import structlog

from midoffice.bus.base import TopicPartition

logger = structlog.get_logger(__name__)


class GroupMember(Protocol):
    """What the coordinator needs from a member."""

    @property
    def topics(self) -> tuple[str, ...]: ...

    def assignment(self) -> frozenset[TopicPartition]: ...

    async def revoke_partitions(self) -> None: ...

    async def assign_partitions(self, partitions: frozenset[TopicPartition]) -> None: ...


@dataclass
class _Group:
    members: list[GroupMember] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def assign_round_robin(
    subscriptions: Sequence[Sequence[str]], partition_counts: Mapping[str, int]
) -> list[frozenset[TopicPartition]]:
    """Deal all partitions, topic by topic, to the members subscribed to each topic in turn."""
    shares: list[set[TopicPartition]] = [set() for _ in subscriptions]
    members = len(subscriptions)
    cursor = 0
    for topic in sorted(partition_counts):
        for partition in range(partition_counts[topic]):
            for step in range(members):
                index = (cursor + step) % members
                if topic in subscriptions[index]:
                    shares[index].add(TopicPartition(topic, partition))
                    cursor = index + 1
                    break
    return [frozenset(share) for share in shares]


class GroupCoordinator:
    """Tracks the members of each consumer group and rebalances on join and leave."""

    def __init__(self, partition_count: Callable[[str], Awaitable[int]]) -> None:
        self._partition_count = partition_count
        self._groups: dict[str, _Group] = {}

    async def join(self, group_id: str, member: GroupMember) -> None:
        """Add ``member``; returns once every member holds its new share."""
        group = self._groups.setdefault(group_id, _Group())
        async with group.lock:
            group.members.append(member)
            await self._rebalance(group_id, group)

    async def leave(self, group_id: str, member: GroupMember) -> None:
        """Revoke ``member``'s partitions and hand them to the remaining members."""
        group = self._groups.get(group_id)
        if group is None:
            return
        async with group.lock:
            if member not in group.members:
                return
            await member.revoke_partitions()
            group.members.remove(member)
            await self._rebalance(group_id, group)
            if not group.members and self._groups.get(group_id) is group:
                del self._groups[group_id]

    async def _rebalance(self, group_id: str, group: _Group) -> None:
        topics = sorted({topic for member in group.members for topic in member.topics})
        counts = {topic: await self._partition_count(topic) for topic in topics}
        shares = assign_round_robin([member.topics for member in group.members], counts)
        changed = [
            (member, share)
            for member, share in zip(group.members, shares, strict=True)
            if share != member.assignment()
        ]
        if not changed:
            return
        logger.info("embedded_group_rebalance", group_id=group_id, members=len(group.members))
        await asyncio.gather(*(member.revoke_partitions() for member, _ in changed))
        await asyncio.gather(*(member.assign_partitions(share) for member, share in changed))
