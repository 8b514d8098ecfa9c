"""One contract for every blob store driver: subclass and provide the ``store`` fixture."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
from collections.abc import AsyncIterator

import pytest

from documentmagazijn.blobs import (
    BlobNotFound,
    BlobStore,
    BlobTooLarge,
    CorruptBlob,
    collect_garbage,
    from_bytes,
    verify,
)


async def read_all(store: BlobStore, sha256: str) -> bytes:
    return b"".join([chunk async for chunk in store.read(sha256)])


class BlobStoreContract:
    """Dedupe, hash verification, corruption detection, atomic visibility, gc with grace."""

    async def corrupt(self, store: BlobStore, sha256: str) -> None:
        raise NotImplementedError

    async def test_round_trip_hash_equal(self, store: BlobStore) -> None:
        data = os.urandom(3 * 1024 * 1024 + 17)
        ref = await store.put(from_bytes(data, 65536))
        assert ref.sha256 == hashlib.sha256(data).hexdigest() and ref.size == len(data)
        assert await read_all(store, ref.sha256) == data
        assert await store.size(ref.sha256) == len(data)

    async def test_empty_blob(self, store: BlobStore) -> None:
        ref = await store.put(from_bytes(b""))
        assert ref.size == 0 and await read_all(store, ref.sha256) == b""

    async def test_same_bytes_stored_once(self, store: BlobStore) -> None:
        data = b"Geachte heer/mevrouw, uw aanvraag is ontvangen.\n" * 500
        refs = await asyncio.gather(*(store.put(from_bytes(data, 1000)) for _ in range(10)))
        assert len({r.sha256 for r in refs}) == 1
        assert list(await store.first_seen()) == [refs[0].sha256]

    async def test_unknown_blob(self, store: BlobStore) -> None:
        with pytest.raises(BlobNotFound):
            await read_all(store, "0" * 64)
        assert await store.size("0" * 64) is None

    async def test_corruption_is_detected(self, store: BlobStore) -> None:
        ref = await store.put(from_bytes(b"origineel besluit " * 1000))
        await self.corrupt(store, ref.sha256)
        with pytest.raises(CorruptBlob):
            await read_all(store, ref.sha256)
        with pytest.raises(CorruptBlob):
            await verify(store, ref.sha256)

    async def test_failed_write_leaves_nothing(self, store: BlobStore) -> None:
        async def broken() -> AsyncIterator[bytes]:
            yield b"half a document"
            raise ConnectionError("client went away")

        with pytest.raises(ConnectionError):
            await store.put(broken())
        with pytest.raises(BlobTooLarge):
            await store.put(from_bytes(b"x" * 5000, 1000), limit=4096)
        assert await store.first_seen() == {}

    async def test_gc_keeps_referenced_and_young(self, store: BlobStore) -> None:
        kept = await store.put(from_bytes(b"referenced"))
        orphan = await store.put(from_bytes(b"orphan"))
        young = await collect_garbage(store, {kept.sha256}, dt.timedelta(hours=24))
        assert young == []
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
        deleted = await collect_garbage(store, {kept.sha256}, dt.timedelta(hours=24), now=later)
        assert deleted == [orphan.sha256]
        assert await read_all(store, kept.sha256) == b"referenced"
        with pytest.raises(BlobNotFound):
            await read_all(store, orphan.sha256)
