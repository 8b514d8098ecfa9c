from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from documentmagazijn.blobs import BlobStore, connect_blobs
from documentmagazijn.blobs_file import FileBlobStore
from tests.contract.blob_contract import BlobStoreContract


class TestFileBlobStore(BlobStoreContract):
    @pytest.fixture
    async def store(self, tmp_path: Path) -> AsyncIterator[BlobStore]:
        yield connect_blobs(f"file://{tmp_path}/blobs")

    async def corrupt(self, store: BlobStore, sha256: str) -> None:
        assert isinstance(store, FileBlobStore)
        path = store.path(sha256)
        data = bytearray(path.read_bytes())
        data[3] ^= 0x01
        path.write_bytes(bytes(data))
