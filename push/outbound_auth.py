"""Outbound authentication per target.

- ``auth``: the abonnement's ``auth`` value, sent as the ``Authorization`` header.
- HMAC: ``MidOffice-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>``;
  the receiver recomputes it and rejects old timestamps (replay protection). The timestamp is
  that of the attempt; the ``Idempotency-Key`` stays the same across attempts.
- OAuth2 client credentials (RFC 6749 4.4): the token is fetched from the target's token
  endpoint with HTTP Basic client authentication and cached until shortly before it expires;
  a 401 from the target drops it, so the next attempt fetches a fresh one.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import httpx

SIGNATURE_HEADER: Final = "MidOffice-Signature"
IDEMPOTENCY_HEADER: Final = "Idempotency-Key"
EXPIRY_MARGIN: Final = 30.0


def signature(secret: str, body: bytes, timestamp: int) -> str:
    """The ``MidOffice-Signature`` header value for ``body`` at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, now: float, tolerance: float = 300.0) -> bool:
    """Receiver side of :func:`signature` (used in tests and documented for receivers)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    expected = signature(secret, body, timestamp).split("v1=", 1)[1]
    return abs(now - timestamp) <= tolerance and hmac.compare_digest(expected, parts.get("v1", ""))


class TokenError(Exception):
    """The token endpoint did not hand out a token."""


@dataclass(frozen=True)
class ClientCredentials:
    token_url: str
    client_id: str
    client_secret: str
    scope: str = ""


class TokenCache:
    """OAuth2 client-credentials tokens, per (token_url, client_id), cached until expiry."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._tokens: dict[tuple[str, str], tuple[str, float]] = {}
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def token(self, http: httpx.AsyncClient, credentials: ClientCredentials) -> str:
        key = (credentials.token_url, credentials.client_id)
        async with self._locks.setdefault(key, asyncio.Lock()):
            cached = self._tokens.get(key)
            if cached is not None and cached[1] > self._clock():
                return cached[0]
            data = {"grant_type": "client_credentials"}
            if credentials.scope:
                data["scope"] = credentials.scope
            response = await http.post(
                credentials.token_url,
                data=data,
                auth=(credentials.client_id, credentials.client_secret),
            )
            if response.status_code != 200:
                raise TokenError(f"token endpoint answered {response.status_code}")
            body = response.json()
            token = body.get("access_token")
            if not isinstance(token, str) or not token:
                raise TokenError("token endpoint answered without access_token")
            lifetime = float(body.get("expires_in", 300))
            self._tokens[key] = (token, self._clock() + max(lifetime - EXPIRY_MARGIN, 0.0))
            return token

    def drop(self, credentials: ClientCredentials) -> None:
        self._tokens.pop((credentials.token_url, credentials.client_id), None)
