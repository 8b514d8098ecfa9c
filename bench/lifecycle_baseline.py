"""The lifecycle benchmark's raw baseline: the least a synchronous, durable HTTP write costs
on this machine with the same stack, measured in the same run as ``midoffice serve``.

``app`` is a bare FastAPI ``POST`` under uvicorn, served as the gateway is (httptools,
uvloop, no access log): it validates a status-like body with pydantic, writes one row to
SQLite (WAL, ``synchronous=NORMAL``, in the event loop's thread, as the embedded default
does) in a transaction of its own, reads it back and answers 201 with it as JSON. No
authentication, no event log, no processor, no rules, no read model, no audit trail. Seven
such writes count as one zaak, as in the lifecycle.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import uuid
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, HttpUrl

from bench.httpclient import Connection, build_request
from bench.server import ServerProcess

DATABASE_VARIABLE = "BENCH_BASELINE_DATABASE"
PATH = "/statussen"
BODY = json.dumps({
    "zaak": "http://127.0.0.1/zaken/api/v1/zaken/6b0cbb46-5b0a-4d0e-9d1c-0f3c3d1e2a11",
    "statustype": "http://127.0.0.1/catalogi/api/v1/statustypen/7e1c3a10-0001-4a4a-8a8a-000000000001",
    "datumStatusGezet": "2026-03-02T09:01:00Z",
}).encode()  # fmt: skip


class Status(BaseModel):
    zaak: HttpUrl
    statustype: HttpUrl
    datumStatusGezet: AwareDatetime
    statustoelichting: str = ""


app = FastAPI()
_db: sqlite3.Connection | None = None


def _database() -> sqlite3.Connection:
    global _db
    if _db is None:
        _db = sqlite3.connect(os.environ[DATABASE_VARIABLE], isolation_level=None)
        _db.execute("PRAGMA journal_mode=WAL")
        _db.execute("PRAGMA synchronous=NORMAL")
        _db.execute("CREATE TABLE IF NOT EXISTS status (uuid TEXT PRIMARY KEY, document TEXT)")
    return _db


@app.post(PATH, status_code=201)
async def create_status(status: Status) -> JSONResponse:
    db, key = _database(), str(uuid.uuid4())
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO status VALUES (?, ?)", (key, status.model_dump_json()))
    db.execute("COMMIT")
    (document,) = db.execute("SELECT document FROM status WHERE uuid = ?", (key,)).fetchone()
    return JSONResponse({"url": f"{PATH}/{key}", **json.loads(document)}, status_code=201)


def baseline_server(port: int, directory: Path) -> ServerProcess:
    """The baseline app as a child process, its database in ``directory``."""
    command = [sys.executable, "-m", "uvicorn", "bench.lifecycle_baseline:app"]
    command += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
    command += ["--http", "httptools", "--loop", "uvloop"]
    env = {DATABASE_VARIABLE: str(directory / "baseline.sqlite3")}
    return ServerProcess(env, port, directory / "baseline.log", command=command)


async def closed_loop(port: int, stop_at: float, window: tuple[float, float]) -> list[float]:
    """One client posting the body again and again until ``stop_at``: the latencies (s) of
    the requests inside ``window``. Anything but 201 is an error."""
    connection = Connection("127.0.0.1", port)
    request = build_request(
        "POST", PATH, f"127.0.0.1:{port}", {"Content-Type": "application/json"}, BODY
    )
    latencies: list[float] = []
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            response = await connection.request(request)
            done = time.perf_counter()
            if response.status != 201:
                raise RuntimeError(f"baseline answered {response.status}: {response.body[:200]!r}")
            if window[0] <= started and done <= window[1]:
                latencies.append(done - started)
    finally:
        await connection.close()
    return latencies
