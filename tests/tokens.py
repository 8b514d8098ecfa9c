"""ZGW JWTs for tests (HS256, the claims ZGW clients send)."""

from __future__ import annotations

import time
from typing import Any

import jwt


def zgw_token(client_id: str = "demo", secret: str = "demo-secret", **overrides: Any) -> str:
    """A ZGW-style JWT; ``overrides`` replace or add claims (None removes one)."""
    claims: dict[str, Any] = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": "test-user",
        "user_representation": "Test Gebruiker",
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, secret, algorithm="HS256")


def auth_headers(**overrides: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {zgw_token(**overrides)}"}
