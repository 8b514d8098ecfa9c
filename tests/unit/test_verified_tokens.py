"""Remembered token verifications: the time checks still run, a new secret counts at once."""

from __future__ import annotations

import time

import pytest

from midoffice.gateway.auth import AuthenticationFailed, verify_token
from midoffice.gateway.verified_tokens import VerifiedTokens
from tests.tokens import zgw_token


class Registry:
    def __init__(self, **secrets: str) -> None:
        self.secrets = secrets
        self.asked = 0

    def secret(self, client_id: str) -> str | None:
        self.asked += 1
        return self.secrets.get(client_id)


SECRET = "a-secret-that-is-long-enough-for-hs256!"


def _verify(token: str, registry: Registry, verified: VerifiedTokens, now: float) -> str:
    client = verify_token(
        token, registry, max_age_seconds=300, leeway_seconds=10, now=now, verified=verified
    )
    return client.client_id


def test_a_remembered_token_still_expires() -> None:
    issued = time.time()
    token = zgw_token("app", SECRET, iat=int(issued))
    registry, verified = Registry(app=SECRET), VerifiedTokens()
    assert _verify(token, registry, verified, issued) == "app"
    assert verified.claims(token, registry.secret) is not None
    assert _verify(token, registry, verified, issued + 100) == "app"
    with pytest.raises(AuthenticationFailed, match="verlopen"):
        _verify(token, registry, verified, issued + 400)


def test_a_changed_secret_or_removed_client_refuses_a_remembered_token() -> None:
    issued = time.time()
    token = zgw_token("app", SECRET, iat=int(issued))
    registry, verified = Registry(app=SECRET), VerifiedTokens()
    assert _verify(token, registry, verified, issued) == "app"
    registry.secrets["app"] = "another-secret-that-is-long-enough!!"
    with pytest.raises(AuthenticationFailed, match="ondertekening"):
        _verify(token, registry, verified, issued)
    del registry.secrets["app"]
    with pytest.raises(AuthenticationFailed, match="Onbekende client"):
        _verify(token, registry, verified, issued)


def test_a_bad_token_is_never_remembered() -> None:
    issued = time.time()
    forged = zgw_token("app", "not-the-secret-but-long-enough-anyway!!", iat=int(issued))
    registry, verified = Registry(app=SECRET), VerifiedTokens()
    for _ in range(2):
        with pytest.raises(AuthenticationFailed, match="ondertekening"):
            _verify(forged, registry, verified, issued)
    assert verified.claims(forged, registry.secret) is None


def test_the_memory_is_bounded() -> None:
    verified = VerifiedTokens(size=2)
    registry = Registry(app=SECRET)
    tokens = [zgw_token("app", SECRET, n=n) for n in range(3)]
    for token in tokens:
        verified.remember(token, "app", SECRET, {"iat": 0})
    assert verified.claims(tokens[0], registry.secret) is None  # the oldest went
    assert all(verified.claims(t, registry.secret) is not None for t in tokens[1:])
