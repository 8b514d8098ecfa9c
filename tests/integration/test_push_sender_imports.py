"""A delivery attempt imports nothing: no search of ``sys.path`` on the push hot path.

httpcore imports ``sniffio`` on every request; without it installed, each request paid for a
failed import several times (a fifth of a delivery's client CPU). Sent to a real receiver.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from types import SimpleNamespace, TracebackType
from typing import Any

import httpx

from push.endpoints import Endpoint
from push.outbound_auth import TokenCache
from push.sender import Verdict, attempt
from tests.integration.push_support import receiver


class ImportWatch(importlib.abc.MetaPathFinder):
    """Records every module name the import system is asked to find."""

    def __init__(self) -> None:
        self.searched: list[str] = []

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> None:
        self.searched.append(fullname)
        return None

    def __enter__(self) -> ImportWatch:
        sys.meta_path.insert(0, self)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        sys.meta_path.remove(self)


def _row(number: int) -> SimpleNamespace:
    return SimpleNamespace(
        body=f'{{"n": {number}}}',
        content_type="application/json",
        idempotency_key=f"key-{number}",
    )


async def test_a_delivery_attempt_searches_for_no_module() -> None:
    async with receiver() as rx, httpx.AsyncClient() as http:
        endpoint = Endpoint(url=rx.url("/hook"), hmac_secret="s3cret")
        tokens = TokenCache()
        first = await attempt(http, endpoint, _row(0), tokens)  # connects: may import
        assert first.verdict == Verdict.delivered
        with ImportWatch() as watch:
            results = [await attempt(http, endpoint, _row(n), tokens) for n in range(1, 6)]
        assert [result.verdict for result in results] == [Verdict.delivered] * 5
        assert watch.searched == []
        assert [r.headers["idempotency-key"] for r in rx.at("/hook")][-5:] == [
            f"key-{n}" for n in range(1, 6)
        ]
