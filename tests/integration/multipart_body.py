"""Build a streamed multipart/form-data body for ``PUT /bestandsdelen/{uuid}`` in tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable


def multipart(lock: str, chunks: Iterable[bytes]) -> tuple[dict[str, str], AsyncIterator[bytes]]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()

    async def body() -> AsyncIterator[bytes]:
        yield head
        for chunk in chunks:
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    return {"Content-Type": f"multipart/form-data; boundary={boundary}"}, body()
