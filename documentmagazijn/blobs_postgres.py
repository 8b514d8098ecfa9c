"""PostgreSQL blob driver: a blob is ``document_blob`` (hash, size, first seen) plus its
``document_blob_chunk`` rows (``bytea``, at most 1 MiB each), read back in order.

A write runs in one transaction: the chunks go in under a temporary key while hashing; at the
end ``INSERT ... ON CONFLICT DO NOTHING`` claims the hash. If it was new, the chunks are
re-keyed to it; if the hash existed, the temporary chunks are dropped (deduplication). Readers
see a blob only after the commit, complete. The tables are created on first use (the store may
live in another database than the magazijn).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from typing import Final

import asyncpg

from documentmagazijn.blobs import BlobNotFound, BlobRef, Hasher, check_sha256, verified

DDL: Final = """
CREATE TABLE IF NOT EXISTS document_blob (
    sha256 text PRIMARY KEY, size bigint NOT NULL, first_seen timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS document_blob_chunk (
    blob text NOT NULL, seq integer NOT NULL, data bytea NOT NULL, PRIMARY KEY (blob, seq));
"""
ROW_BYTES: Final = 1 << 20


class PostgresBlobStore:
    """Blobs in PostgreSQL, keyed by sha256, chunked."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("postgresql+asyncpg://", "postgresql://")
        self._pool: asyncpg.Pool | None = None

    async def _get_pool(self) -> asyncpg.Pool:
        if self._pool is None:
            pool = await asyncpg.create_pool(self.url, min_size=1, max_size=4)
            async with pool.acquire() as conn:
                await conn.execute("SELECT pg_advisory_lock(7261001)")
                try:
                    await conn.execute(DDL)
                finally:
                    await conn.execute("SELECT pg_advisory_unlock(7261001)")
            self._pool = pool
        return self._pool

    async def put(self, chunks: AsyncIterable[bytes], *, limit: int | None = None) -> BlobRef:
        pool = await self._get_pool()
        temp = f"tmp-{uuid.uuid4().hex}"
        hasher = Hasher(limit)
        async with pool.acquire() as conn, conn.transaction():
            seq = 0
            pending = bytearray()
            async for chunk in chunks:
                hasher.update(chunk)
                pending += chunk
                while len(pending) >= ROW_BYTES:
                    await self._row(conn, temp, seq, bytes(pending[:ROW_BYTES]))
                    del pending[:ROW_BYTES]
                    seq += 1
            if pending or seq == 0:
                await self._row(conn, temp, seq, bytes(pending))
            ref = hasher.ref()
            claimed = await conn.fetchval(
                "INSERT INTO document_blob (sha256, size, first_seen) VALUES ($1, $2, now()) "
                "ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
                ref.sha256,
                ref.size,
            )
            if claimed:
                await conn.execute(
                    "UPDATE document_blob_chunk SET blob = $1 WHERE blob = $2", ref.sha256, temp
                )
            else:
                await conn.execute("DELETE FROM document_blob_chunk WHERE blob = $1", temp)
        return ref

    @staticmethod
    async def _row(conn: asyncpg.Connection, blob: str, seq: int, data: bytes) -> None:
        await conn.execute(
            "INSERT INTO document_blob_chunk (blob, seq, data) VALUES ($1, $2, $3)", blob, seq, data
        )

    def read(self, sha256: str) -> AsyncIterator[bytes]:
        return verified(sha256, self._chunks(check_sha256(sha256)))

    async def _chunks(self, sha256: str) -> AsyncIterator[bytes]:
        pool = await self._get_pool()
        async with pool.acquire() as conn:
            if await conn.fetchval("SELECT 1 FROM document_blob WHERE sha256 = $1", sha256) is None:
                raise BlobNotFound(sha256)
            seq = 0
            while True:  # one row per round trip: memory stays at one chunk
                data = await conn.fetchval(
                    "SELECT data FROM document_blob_chunk WHERE blob = $1 AND seq = $2",
                    sha256,
                    seq,
                )
                if data is None:
                    return
                if data:
                    yield bytes(data)
                seq += 1

    async def size(self, sha256: str) -> int | None:
        pool = await self._get_pool()
        value = await pool.fetchval("SELECT size FROM document_blob WHERE sha256 = $1", sha256)
        return None if value is None else int(value)

    async def first_seen(self) -> dict[str, dt.datetime]:
        pool = await self._get_pool()
        rows = await pool.fetch("SELECT sha256, first_seen FROM document_blob")
        return {row["sha256"]: row["first_seen"] for row in rows}

    async def delete(self, sha256: str) -> None:
        pool = await self._get_pool()
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute("DELETE FROM document_blob WHERE sha256 = $1", sha256)
            await conn.execute("DELETE FROM document_blob_chunk WHERE blob = $1", sha256)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
