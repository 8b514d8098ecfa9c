"""Content-addressed blob store: the bytes of documents, stored once per SHA-256.

The interface (:class:`BlobStore`) streams both ways and never holds a whole blob in memory:

- ``put(chunks)`` writes a stream while hashing it and makes it visible under its hash only
  when it is complete (rename, or one transaction). When the hash is already stored, the new
  copy is discarded: identical bytes are stored once (deduplication). Returns the
  :class:`BlobRef` (hash and size) an event carries (claim check).
- ``read(sha256)`` streams the bytes back and verifies the hash on the way; a mismatch
  raises :class:`CorruptBlob` at the end of the stream (a streamed HTTP response is aborted,
  never completed silently). ``verify(sha256)`` checks a blob without serving it.
- ``first_seen()`` lists every blob with the time it was first written; ``delete`` removes one.
  :func:`collect_garbage` removes blobs older than a grace period that nothing references.

Drivers are chosen by URL (:func:`connect_blobs`): ``file://path`` (the default, under
``.midoffice/blobs``) and ``postgresql://...`` (chunked ``bytea`` rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import AsyncIterable, AsyncIterator, Collection
from dataclasses import dataclass
from typing import Final, Protocol

CHUNK: Final = 1 << 20
_SHA256: Final = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class BlobRef:
    """What an event carries about a blob: its SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


class BlobError(Exception):
    """A blob store failure."""


class BlobNotFound(BlobError):
    """No blob with that hash is stored."""


class CorruptBlob(BlobError):
    """The stored bytes do not hash to their address: never serve them."""


class BlobTooLarge(BlobError):
    """A write went past its ``limit``; nothing was stored."""


def check_sha256(sha256: str) -> str:
    if not _SHA256.match(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return sha256


class BlobStore(Protocol):
    """The interface every driver implements (see the module docstring)."""

    async def put(self, chunks: AsyncIterable[bytes], *, limit: int | None = None) -> BlobRef:
        """Store the stream; BlobTooLarge (nothing stored) when it passes ``limit`` bytes."""

    def read(self, sha256: str) -> AsyncIterator[bytes]:
        """Stream the blob, verifying its hash (BlobNotFound, CorruptBlob)."""

    async def size(self, sha256: str) -> int | None:
        """The stored size, or None when the blob does not exist."""

    async def first_seen(self) -> dict[str, dt.datetime]:
        """Every stored blob and when it was first written (UTC)."""

    async def delete(self, sha256: str) -> None:
        """Remove a blob (no error when absent)."""

    async def close(self) -> None:
        """Release connections."""


class Hasher:
    """Running SHA-256 and size of a stream, with an optional size limit."""

    def __init__(self, limit: int | None = None) -> None:
        self.digest = hashlib.sha256()
        self.size = 0
        self.limit = limit

    def update(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.limit is not None and self.size > self.limit:
            raise BlobTooLarge(f"more than {self.limit} bytes")
        self.digest.update(chunk)

    def ref(self) -> BlobRef:
        return BlobRef(self.digest.hexdigest(), self.size)


async def verified(sha256: str, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """Pass ``chunks`` through; raise CorruptBlob at the end when they do not hash to
    ``sha256``."""
    digest = hashlib.sha256()
    async for chunk in chunks:
        digest.update(chunk)
        yield chunk
    if digest.hexdigest() != sha256:
        raise CorruptBlob(f"blob {sha256} hashes to {digest.hexdigest()}")


async def verify(store: BlobStore, sha256: str) -> None:
    """Read the whole blob once; CorruptBlob or BlobNotFound when it is not intact."""
    async for _ in store.read(sha256):
        pass


async def collect_garbage(
    store: BlobStore,
    referenced: Collection[str],
    grace: dt.timedelta,
    now: dt.datetime | None = None,
) -> list[str]:
    """Delete blobs first seen longer than ``grace`` ago that are not in ``referenced``.

    A referenced blob is never deleted; a young one (an upload whose event may still be on
    its way) is kept until the grace period has passed. Returns the deleted hashes.
    """
    cutoff = (now or dt.datetime.now(dt.UTC)) - grace
    deleted = []
    for sha256, seen in sorted((await store.first_seen()).items()):
        if sha256 in referenced or seen > cutoff:
            continue
        await store.delete(sha256)
        deleted.append(sha256)
    return deleted


async def from_bytes(data: bytes, size: int = CHUNK) -> AsyncIterator[bytes]:
    """An async stream of ``data`` in chunks (for small inline contents)."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def connect_blobs(url: str) -> BlobStore:
    """The driver for ``url``: ``file://path`` or ``postgresql://...``."""
    if url.startswith("file://"):
        from documentmagazijn.blobs_file import FileBlobStore

        return FileBlobStore(url.removeprefix("file://"))
    if url.startswith(("postgresql://", "postgres://")):
        from documentmagazijn.blobs_postgres import PostgresBlobStore

        return PostgresBlobStore(url)
    raise ValueError(f"unknown blob store URL {url!r}: use file:// or postgresql://")
