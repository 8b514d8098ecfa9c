"""A bounded memory of recently verified ZGW JWTs, so a client that reuses its token (as ZGW
client libraries do) is not HMAC-verified and decoded again on every request.

An entry holds the claims and the secret that verified them; it counts only while the
registry still gives that client the same secret, so a changed secret or a removed client
takes effect at once. The time checks (``iat``) are not cached: they run on every request.
Tokens are kept by their BLAKE2b digest, not as text.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

MAX_TOKENS = 4096


class VerifiedTokens:
    """Verified tokens by digest: (client_id, secret, claims); the oldest is forgotten first."""

    def __init__(self, size: int = MAX_TOKENS) -> None:
        self._size = size
        self._entries: dict[bytes, tuple[str, str, dict[str, Any]]] = {}

    @staticmethod
    def _key(token: str) -> bytes:
        return hashlib.blake2b(token.encode(), digest_size=32).digest()

    def claims(self, token: str, current_secret: Any) -> tuple[str, dict[str, Any]] | None:
        """(client_id, claims) of ``token`` when it was verified with the secret that
        ``current_secret(client_id)`` gives now; else None (verify it again)."""
        entry = self._entries.get(self._key(token))
        if entry is None:
            return None
        client_id, secret, claims = entry
        now_secret = current_secret(client_id)
        if now_secret is None or not hmac.compare_digest(now_secret.encode(), secret.encode()):
            return None
        return client_id, claims

    def remember(self, token: str, client_id: str, secret: str, claims: dict[str, Any]) -> None:
        """Keep ``token``'s verification (after its signature checked out with ``secret``)."""
        if len(self._entries) >= self._size:
            self._entries.pop(next(iter(self._entries)))
        self._entries[self._key(token)] = (client_id, secret, claims)
