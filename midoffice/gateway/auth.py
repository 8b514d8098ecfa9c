"""ZGW authentication: ``Authorization: Bearer <JWT>``, HS256 with a secret per client.

The token carries ``client_id`` (the key to the client's secret), ``iat``, and optionally
``iss``, ``user_id`` and ``user_representation``, as ZGW clients send them. It is refused when
the algorithm is not HS256 (``none`` included), the client is unknown, the signature is wrong,
``iat`` is missing, lies beyond the leeway in the future, or is older than the maximum age
(plus leeway). Every refusal is a 401 problem with ``WWW-Authenticate: Bearer``. The token
and the secret are never logged.
"""

from __future__ import annotations

import hmac
import time
import warnings
from dataclasses import dataclass
from typing import Any, Protocol

import jwt
import structlog
from fastapi import Request
from jwt.warnings import InsecureKeyLengthWarning

from autorisaties.rights import ClientRights, all_rights
from midoffice.gateway.problems import Problem
from midoffice.gateway.verified_tokens import VerifiedTokens
from midoffice.settings import Settings

ALGORITHM = "HS256"
log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class AuthenticatedClient:
    """Who made the request, from the verified token."""

    client_id: str
    user_id: str = ""
    user_representation: str = ""


class ClientRegistry(Protocol):
    """Where the gateway finds the shared secret of a ZGW client."""

    def secret(self, client_id: str) -> str | None:
        """The client's HS256 secret, or None for an unknown (or disabled) client."""


class DemoClientRegistry:
    """Only the documented demo client, and only while the gateway listens on loopback."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def secret(self, client_id: str) -> str | None:
        settings = self._settings
        if not settings.demo_client_active:
            return None
        if not hmac.compare_digest(client_id.encode(), settings.demo_client_id.encode()):
            return None
        return settings.demo_client_secret

    def rights(self, client_id: str) -> ClientRights | None:
        """All rights for the demo client (``heeftAlleAutorisaties``), nothing for others."""
        return all_rights(client_id) if self.secret(client_id) is not None else None


class AuthenticationFailed(Exception):
    """The token is refused; the message is safe to show the client."""


def verify_token(
    token: str,
    registry: ClientRegistry,
    *,
    max_age_seconds: int,
    leeway_seconds: int,
    now: float | None = None,
    verified: VerifiedTokens | None = None,
) -> AuthenticatedClient:
    """The client a ZGW JWT proves; raises AuthenticationFailed with the reason.

    With ``verified`` a token verified before with the client's current secret skips the
    signature check; its ``iat`` is checked again against ``now``."""
    now = time.time() if now is None else now
    known = verified.claims(token, registry.secret) if verified is not None else None
    if known is not None:
        _check_iat(known[1], now, max_age_seconds, leeway_seconds)
        return _client(*known)
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise AuthenticationFailed("Het token is geen geldige JWT.") from None
    if header.get("alg") != ALGORITHM:
        raise AuthenticationFailed(f"Alleen {ALGORITHM}-ondertekende tokens worden aanvaard.")
    client_id = unverified.get("client_id") or header.get("client_identifier")
    if not isinstance(client_id, str) or not client_id:
        raise AuthenticationFailed("Het token bevat geen client_id.")
    secret = registry.secret(client_id)
    if secret is None:
        raise AuthenticationFailed("Onbekende client.")
    claims = _verified_claims(token, secret)
    _check_iat(claims, now, max_age_seconds, leeway_seconds)
    if verified is not None:
        verified.remember(token, client_id, secret, claims)
    return _client(client_id, claims)


def _client(client_id: str, claims: dict[str, Any]) -> AuthenticatedClient:
    return AuthenticatedClient(
        client_id=client_id,
        user_id=_text(claims.get("user_id")),
        user_representation=_text(claims.get("user_representation")),
    )


def _verified_claims(token: str, secret: str) -> dict[str, Any]:
    try:
        with warnings.catch_warnings():
            # Short secrets are the registry's concern; the demo secret is short by design.
            warnings.simplefilter("ignore", InsecureKeyLengthWarning)
            return jwt.decode(
                token,
                secret,
                algorithms=[ALGORITHM],
                options={"require": ["iat"], "verify_iat": False, "verify_aud": False},
            )
    except jwt.MissingRequiredClaimError:
        raise AuthenticationFailed("Het token bevat geen iat (tijdstip van uitgifte).") from None
    except jwt.InvalidSignatureError:
        raise AuthenticationFailed("De ondertekening van het token klopt niet.") from None
    except jwt.ExpiredSignatureError:
        raise AuthenticationFailed("Het token is verlopen.") from None
    except jwt.PyJWTError:
        raise AuthenticationFailed("Het token is ongeldig.") from None


def _check_iat(claims: dict[str, Any], now: float, max_age: int, leeway: int) -> None:
    try:
        issued_at = float(claims["iat"])
    except (TypeError, ValueError):
        raise AuthenticationFailed("De claim iat is geen tijdstip.") from None
    if issued_at > now + leeway:
        raise AuthenticationFailed("Het token is in de toekomst uitgegeven (iat).")
    if now - issued_at > max_age + leeway:
        raise AuthenticationFailed("Het token is verlopen.")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _unauthorized(code: str, title: str, detail: str) -> Problem:
    return Problem(
        401, code=code, title=title, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


async def authenticated_client(request: Request) -> AuthenticatedClient:
    """FastAPI dependency: the verified client of this request, or a 401 problem."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized(
            "not_authenticated",
            "Authenticatiegegevens zijn niet opgegeven.",
            "Stuur een ZGW JWT mee: Authorization: Bearer <token>.",
        )
    settings: Settings = request.app.state.container.settings
    registry: ClientRegistry = request.app.state.client_registry
    refresh = getattr(registry, "refresh", None)  # registries backed by a projection
    if refresh is not None:
        await refresh()
    try:
        client = verify_token(
            token,
            registry,
            max_age_seconds=settings.jwt_max_age_seconds,
            leeway_seconds=settings.jwt_leeway_seconds,
            verified=getattr(request.app.state, "verified_tokens", None),
        )
    except AuthenticationFailed as exc:
        log.info("authentication_failed", reason=str(exc), path=request.url.path)
        raise _unauthorized(
            "authentication_failed", "Ongeldige authenticatiegegevens.", str(exc)
        ) from None
    request.state.authenticated_client = client  # for middleware (the processing log)
    return client
