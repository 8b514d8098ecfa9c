from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from documentmagazijn.blobs import BlobStore, connect_blobs
from tests.contract.blob_contract import BlobStoreContract

pytestmark = pytest.mark.postgres


class TestPostgresBlobStore(BlobStoreContract):
    @pytest.fixture
    async def store(self, postgres_url: str) -> AsyncIterator[BlobStore]:
        self.url = postgres_url.replace("postgresql+asyncpg://", "postgresql://")
        store = connect_blobs(self.url)
        yield store
        await store.close()

    async def corrupt(self, store: BlobStore, sha256: str) -> None:
        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute(
                "UPDATE document_blob_chunk SET data = overlay(data placing '\\x00'::bytea "
                "from 4 for 1) WHERE blob = $1 AND seq = 0",
                sha256,
            )
        finally:
            await conn.close()
