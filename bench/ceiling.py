"""Ceilings measured in the same run, to tell the stack's cost from the MidOffice's own.

- ``hello``: a bare FastAPI ``POST`` that parses a small JSON body and answers 201, served by
  uvicorn exactly as ``midoffice serve`` serves the gateway (httptools, uvloop, no access
  log): the most any FastAPI endpoint can do on this machine and core. ``hello2``: the same
  with two uvicorn worker processes (one per core), the most a scaled-out gateway could do.
- ``get``: an authenticated ``GET`` of a zaaktype on the real gateway (middleware, JWT
  verification, the catalogue's freshness check and lookup, JSON response; nothing written,
  nothing published): the gateway's fixed cost per request.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from bench.driver import Operation
from bench.httpclient import Connection, build_request
from bench.server import ServerProcess

app = FastAPI()


@app.post("/hello", status_code=201)
async def hello(request: Request) -> JSONResponse:
    body = await request.json()
    return JSONResponse({"received": len(body)}, status_code=201)


def hello_server(port: int, log: Path, workers: int = 1) -> ServerProcess:
    """The bare app under uvicorn (httptools, uvloop: as the gateway), as a child process;
    with ``workers`` > 1, that many server processes share the port."""
    command = [sys.executable, "-m", "uvicorn", "bench.ceiling:app", "--port", str(port)]
    command += ["--no-access-log", "--log-level", "warning", "--proxy-headers"]
    command += ["--http", "httptools", "--loop", "uvloop"]
    if workers > 1:
        command += ["--workers", str(workers)]
    return ServerProcess({}, port, log, command=command)


def hello_operations(port: int, body: bytes, concurrency: int) -> list[Operation]:
    request = build_request(
        "POST", "/hello", f"127.0.0.1:{port}", {"Content-Type": "application/json"}, body
    )
    return [_repeat(Connection("127.0.0.1", port), [request]) for _ in range(concurrency)]


def get_operations(port: int, requests: list[bytes], concurrency: int) -> list[Operation]:
    return [_repeat(Connection("127.0.0.1", port), requests) for _ in range(concurrency)]


def _repeat(connection: Connection, requests: list[bytes]) -> Operation:
    async def call(sequence: int) -> int:
        return (await connection.request(requests[sequence % len(requests)])).status

    return call
