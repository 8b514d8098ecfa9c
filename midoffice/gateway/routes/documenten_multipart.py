"""A streaming ``multipart/form-data`` reader: parts arrive as events, never buffered whole.

``parts(stream, boundary)`` yields ``("part", name)`` at the start of each part, then
``("data", bytes)`` as its content arrives, then ``("end", name)``. Memory stays at one
network chunk plus the delimiter length.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Final

_NAME: Final = re.compile(rb'name="([^"]*)"', re.IGNORECASE)


class MultipartError(ValueError):
    """The body is not well-formed multipart/form-data."""


def boundary_of(content_type: str) -> str:
    media, _, params = content_type.partition(";")
    if media.strip().lower() != "multipart/form-data":
        raise MultipartError("not multipart/form-data")
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "boundary" and value:
            return value.strip('"')
    raise MultipartError("no boundary")


async def parts(stream: AsyncIterator[bytes], boundary: str) -> AsyncIterator[tuple[str, object]]:
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    buffer = bytearray(b"\r\n")  # so the first boundary matches the same delimiter
    ended = False

    async def fill() -> bool:
        nonlocal ended
        if ended:
            return False
        try:
            chunk = await stream.__anext__()
        except StopAsyncIteration:
            ended = True
            return False
        buffer.extend(chunk)
        return True

    while (at := buffer.find(delimiter)) < 0:  # the preamble
        del buffer[: max(0, len(buffer) - len(delimiter))]
        if not await fill():
            raise MultipartError("no boundary in the body")
    del buffer[: at + len(delimiter)]
    while True:
        while len(buffer) < 2:
            if not await fill():
                raise MultipartError("truncated body")
        if buffer[:2] == b"--":
            return
        while (end := buffer.find(b"\r\n\r\n")) < 0:
            if len(buffer) > 16384 or not await fill():
                raise MultipartError("malformed part headers")
        headers = bytes(buffer[:end])
        del buffer[: end + 4]
        match = _NAME.search(headers)
        name = match[1].decode("utf-8", "replace") if match else ""
        yield ("part", name)
        while True:
            at = buffer.find(delimiter)
            if at >= 0:
                if at:
                    yield ("data", bytes(buffer[:at]))
                del buffer[: at + len(delimiter)]
                break
            keep = len(delimiter) - 1
            if len(buffer) > keep:
                yield ("data", bytes(buffer[: len(buffer) - keep]))
                del buffer[: len(buffer) - keep]
            if not await fill():
                raise MultipartError("truncated part")
        yield ("end", name)
