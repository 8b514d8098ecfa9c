"""A minimal HTTP/1.1 keep-alive client on asyncio streams, for the load generator.

The requests are prepared bytes, so the load generator spends its CPU on little more than
socket I/O: on a 2-core machine every cycle it saves is a cycle for the server under test.
It understands what the gateway sends back (``Content-Length`` bodies, ``Connection: close``)
and nothing more; anything else is an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Response:
    status: int
    head: bytes  # the status line and headers, header names as sent
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower().encode() + b":"
        for line in self.head.split(b"\r\n")[1:]:
            if line.lower().startswith(wanted):
                return line[len(wanted) :].strip().decode("latin-1")
        return None

    def json(self) -> Any:
        return json.loads(self.body)


def build_request(
    method: str, path: str, host: str, headers: dict[str, str], body: bytes = b""
) -> bytes:
    """The bytes of one HTTP/1.1 request (keep-alive)."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Connection:
    """One keep-alive connection; reconnects on the next request after a failure."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, data: bytes) -> Response:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        try:
            writer.write(data)
            head = (await reader.readuntil(b"\r\n\r\n"))[:-4]
            status = int(head[9:12])
            response = Response(status, head, b"")
            length = response.header("content-length")
            if length is None:
                raise ConnectionError(f"HTTP {status} without Content-Length")
            response = Response(status, head, await reader.readexactly(int(length)))
            if (response.header("connection") or "").lower() == "close":
                await self.close()
            return response
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
