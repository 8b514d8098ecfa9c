"""Wakes consumers in *other* processes that share an embedded log file.

Within one process the writer wakes waiting consumers directly (:mod:`embedded_notify`).
Processes that share the log file (``serve`` runs the events-topic consumers in a second
process) ring each other's doorbell after every append: a datagram on a Linux abstract UNIX
socket, naming the topics that grew. The peers are found through a directory beside the log
(``<log>.peers/<pid>``); a peer that is gone is forgotten at the first refused datagram.

A lost datagram costs latency, not records: consumers still look at the log on their
fallback poll. Where abstract sockets do not exist, the doorbell is off and only that poll
remains.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import structlog

log = structlog.get_logger(__name__)

PEER_LIST_SECONDS = 1.0
"""How long a listing of the peers directory is trusted before it is read again."""
_MAX_DATAGRAM = 4096


def _address(log_path: Path, pid: int) -> str:
    digest = hashlib.sha256(str(log_path.resolve()).encode()).hexdigest()[:16]
    return f"\0midoffice-bus-{digest}-{pid}"


class Doorbell:
    """This process's doorbell for one log file, and the bell push to its peers."""

    def __init__(self, log_path: Path, on_ring: Callable[[Iterable[str]], None]) -> None:
        self._log_path = log_path
        self._peers_dir = log_path.with_name(log_path.name + ".peers")
        self._on_ring = on_ring
        self._pid = os.getpid()
        self._sock: socket.socket | None = None
        self._peers: list[int] = []
        self._listed_at = 0.0

    @property
    def active(self) -> bool:
        return self._sock is not None

    def start(self) -> None:
        """Bind this process's bell and announce it; a no-op off Linux."""
        if not sys.platform.startswith("linux"):
            return
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            sock.bind(_address(self._log_path, self._pid))
        except OSError as exc:  # e.g. a second bus on the same file in this process
            sock.close()
            log.info("embedded_doorbell_off", reason=str(exc))
            return
        sock.setblocking(False)
        self._peers_dir.mkdir(parents=True, exist_ok=True)
        (self._peers_dir / str(self._pid)).touch()
        asyncio.get_running_loop().add_reader(sock.fileno(), self._received)
        self._sock = sock

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is None:
            return
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(sock.fileno())
        sock.close()
        with contextlib.suppress(OSError):
            (self._peers_dir / str(self._pid)).unlink()

    def ring(self, topics: Iterable[str]) -> None:
        """Tell every peer process that ``topics`` grew (best effort, never blocks)."""
        if self._sock is None:
            return
        payload = "\n".join(sorted(topics)).encode()[:_MAX_DATAGRAM]
        for pid in self._current_peers():
            try:
                self._sock.sendto(payload, _address(self._log_path, pid))
            except (ConnectionRefusedError, FileNotFoundError):
                self._forget(pid)
            except OSError:  # a full peer queue: it is busy reading the log anyway
                pass

    def _received(self) -> None:
        assert self._sock is not None
        topics: set[str] = set()
        while True:
            try:
                data = self._sock.recv(_MAX_DATAGRAM)
            except OSError:  # BlockingIOError: nothing more waiting
                break
            topics.update(filter(None, data.decode("utf-8", "replace").split("\n")))
        if topics:
            self._on_ring(topics)

    def _current_peers(self) -> list[int]:
        now = time.monotonic()
        if now - self._listed_at >= PEER_LIST_SECONDS:
            self._listed_at = now
            try:
                names = os.listdir(self._peers_dir)
            except OSError:
                names = []
            self._peers = [int(n) for n in names if n.isdigit() and int(n) != self._pid]
        return self._peers

    def _forget(self, pid: int) -> None:
        self._peers = [p for p in self._peers if p != pid]
        with contextlib.suppress(OSError):
            (self._peers_dir / str(pid)).unlink()
