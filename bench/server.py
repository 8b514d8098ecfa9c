"""The system under test: ``midoffice serve`` as a child process, and a throw-away database.

The server runs in its own process (its own event loop and GIL), configured only through
``MIDOFFICE_*`` environment variables, so the load generator never shares its loop.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg

from bench.httpclient import Connection, build_request
from bench.procstat import process_tree

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
START_TIMEOUT_SECONDS = 90.0


async def create_postgres_database() -> str:
    """A new, empty PostgreSQL database on 127.0.0.1:5432 (trust auth); its SQLAlchemy URL."""
    name = f"mo_bench_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


async def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


class ServerProcess:
    """``python -m midoffice serve`` with the given settings; its output goes to ``log``."""

    def __init__(
        self, env: dict[str, str], port: int, log: Path, command: list[str] | None = None
    ) -> None:
        self.command = command or [sys.executable, "-m", "midoffice", "serve"]
        self.port = port
        self.log = log
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
        self.env |= {"MIDOFFICE_HTTP_HOST": "127.0.0.1", "MIDOFFICE_HTTP_PORT": str(port)}
        self.env |= {"MIDOFFICE_LOG_LEVEL": "WARNING", "PYTHONWARNINGS": "ignore", **env}
        self.process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def pids(self) -> list[int]:
        """The server's process and its descendants (``serve``'s companion)."""
        running = self.process is not None and self.process.returncode is None
        if self.process is None or not running:
            return []
        return [self.process.pid, *process_tree([self.process.pid])]

    async def start(
        self, probe_headers: dict[str, str], probe_path: str = "/catalogi/api/v1/zaaktypen"
    ) -> None:
        """Start the server and wait until it answers a GET of ``probe_path`` with 200."""
        with self.log.open("wb") as out:
            self.process = await asyncio.create_subprocess_exec(
                *self.command,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        probe = build_request("GET", probe_path, f"127.0.0.1:{self.port}", probe_headers)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if self.process.returncode is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-3000:]
                await self.stop()
                raise RuntimeError(f"{self.log.stem} did not come up:\n{tail}")
            connection = Connection("127.0.0.1", self.port)
            try:
                if (await connection.request(probe)).status == 200:
                    return
            except OSError:
                pass
            finally:
                await connection.close()
            await asyncio.sleep(0.2)

    async def stop(self) -> None:
        """SIGTERM (uvicorn shuts down gracefully), then SIGKILL after 20 s."""
        process, self.process = self.process, None
        if process is None or process.returncode is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()
