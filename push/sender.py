"""One delivery attempt over HTTP, and what its answer means.

2xx: delivered. 408, 425, 429 and 5xx, timeouts and connection errors: transient (retry).
Any other 4xx: permanent (dead letter at once: the target refuses this message). A 401 from a
target using OAuth2 drops the cached token and counts as transient, so the next attempt
fetches a fresh token.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx

from push.endpoints import Endpoint
from push.outbound_auth import (
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    TokenCache,
    TokenError,
    signature,
)

RETRYABLE_4XX = frozenset({401, 408, 425, 429})


class Verdict(StrEnum):
    delivered = "delivered"
    transient = "transient"
    permanent = "permanent"


@dataclass(frozen=True)
class Attempt:
    verdict: Verdict
    status: int | None
    error: str


def classify(status: int, oauth2: bool) -> Verdict:
    if 200 <= status < 300:
        return Verdict.delivered
    if status >= 500 or status in (408, 425, 429) or (status == 401 and oauth2):
        return Verdict.transient
    return Verdict.permanent


async def attempt(
    http: httpx.AsyncClient, endpoint: Endpoint, row: Any, tokens: TokenCache
) -> Attempt:
    """Send ``row`` (a push_delivery row) to ``endpoint`` once."""
    body = row.body.encode()
    headers = {
        "Content-Type": row.content_type,
        IDEMPOTENCY_HEADER: row.idempotency_key,
        "User-Agent": "MidOffice-push/1.0",
    }
    if endpoint.soap_action:
        headers["SOAPAction"] = f'"{endpoint.soap_action}"'
    if endpoint.auth:
        headers["Authorization"] = endpoint.auth
    if endpoint.hmac_secret:
        headers[SIGNATURE_HEADER] = signature(endpoint.hmac_secret, body, int(time.time()))
    try:
        if endpoint.oauth2 is not None:
            token = await tokens.token(http, endpoint.oauth2)
            headers["Authorization"] = f"Bearer {token}"
        response = await http.post(endpoint.url, content=body, headers=headers)
    except TokenError as exc:
        return Attempt(Verdict.transient, None, f"oauth2: {exc}")
    except httpx.HTTPError as exc:
        return Attempt(Verdict.transient, None, f"{type(exc).__name__}: {exc}"[:500])
    verdict = classify(response.status_code, endpoint.oauth2 is not None)
    if response.status_code == 401 and endpoint.oauth2 is not None:
        tokens.drop(endpoint.oauth2)
    error = "" if verdict == Verdict.delivered else f"HTTP {response.status_code}"
    return Attempt(verdict, response.status_code, error)
