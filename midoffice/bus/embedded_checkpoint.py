"""Moves WAL checkpoints of the embedded log off the write path.

By default SQLite checkpoints inside the commit that crosses the WAL size limit, and that
commit then waits for the copy and its fsync: a latency spike for every publish sharing it.
The writer turns automatic checkpoints off and this thread runs passive checkpoints (which
never block the writer) on its own connection, shortly after writes happened.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import structlog

from midoffice.bus import embedded_sql

logger = structlog.get_logger(__name__)

CHECKPOINT_INTERVAL_SECONDS = 0.5


class Checkpointer:
    """A daemon thread that checkpoints the WAL after writes, at most every interval."""

    def __init__(self, path: Path, interval: float = CHECKPOINT_INTERVAL_SECONDS) -> None:
        self._path = path
        self._interval = interval
        self._written = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._run, name="midoffice-bus-checkpoint", daemon=True
        )
        self._thread.start()

    def note_write(self) -> None:
        """Called by the writer after each commit (cheap: sets an event)."""
        self._written.set()

    def stop(self) -> None:
        """Run a last checkpoint and end the thread (blocking)."""
        self._stopping.set()
        self._written.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        conn = embedded_sql.connect(self._path, read_only=False)
        try:
            while not self._stopping.is_set():
                self._written.wait()
                self._written.clear()
                self._checkpoint(conn)
                self._stopping.wait(self._interval)
            self._checkpoint(conn)
        finally:
            conn.close()

    def _checkpoint(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:
            logger.warning("embedded_log_checkpoint_failed", error=str(exc))
