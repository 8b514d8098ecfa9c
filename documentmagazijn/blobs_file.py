"""Filesystem blob driver (the default): ``<root>/<aa>/<bb>/<sha256>``.

A write streams into ``<root>/tmp/<random>`` while hashing, is fsynced, then made visible
under its hash with one ``os.link`` (atomic; fails when the hash exists, which means the bytes
are already stored, so the temporary copy is simply removed). The file's mtime at creation is
its first-seen time; a dedupe hit never touches it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

from documentmagazijn.blobs import CHUNK, BlobNotFound, BlobRef, Hasher, check_sha256, verified


class FileBlobStore:
    """Blobs as files under ``root``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"

    def path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def put(self, chunks: AsyncIterable[bytes], *, limit: int | None = None) -> BlobRef:
        self.tmp.mkdir(parents=True, exist_ok=True)
        temp = self.tmp / f"{uuid.uuid4().hex}.part"
        hasher = Hasher(limit)
        try:
            with temp.open("wb") as out:
                async for chunk in chunks:
                    hasher.update(chunk)
                    out.write(chunk)
                out.flush()
                await asyncio.to_thread(os.fsync, out.fileno())
            ref = hasher.ref()
            final = self.path(ref.sha256)
            final.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # the same bytes are stored already
                os.link(temp, final)  # atomic; refuses to replace an existing blob
            return ref
        finally:
            temp.unlink(missing_ok=True)

    def read(self, sha256: str) -> AsyncIterator[bytes]:
        return verified(sha256, self._chunks(sha256))

    async def _chunks(self, sha256: str) -> AsyncIterator[bytes]:
        path = self.path(sha256)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None
        with handle:
            while chunk := await asyncio.to_thread(handle.read, CHUNK):
                yield chunk

    async def size(self, sha256: str) -> int | None:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    async def first_seen(self) -> dict[str, dt.datetime]:
        found: dict[str, dt.datetime] = {}
        if not self.root.is_dir():
            return found
        for path in self.root.glob("??/??/*"):
            if len(path.name) == 64:
                found[path.name] = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        return found

    async def delete(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    async def close(self) -> None:
        return None
