"""Authentication of StUF-ZKN clients: HTTP Basic with an applicatie's clientId and secret.

StUF has no JWT. A StUF client authenticates with the client_id and secret of its applicatie
in the Autorisaties API (the same registry ZGW clients use; the demo client ``demo`` /
``demo-secret`` on loopback), and then gets the same rights checks as through ZGW. The
stuurgegevens zender is recorded as the acting user (``organisatie/applicatie/gebruiker``).

Without credentials, or with wrong ones, the answer is HTTP 401 with
``WWW-Authenticate: Basic``; its body is a SOAP Fault with a Fo03 when the message could be
read (see the route).
"""

from __future__ import annotations

import base64
import binascii
import hmac

import structlog
from fastapi import Request

from autorisaties.rights import ClientRights
from midoffice.gateway.auth import AuthenticatedClient, ClientRegistry

log = structlog.get_logger(__name__)
REALM = 'Basic realm="MidOffice StUF-ZKN", charset="UTF-8"'


class NotAuthenticated(Exception):
    """No or wrong credentials; the message is safe to show."""


def _credentials(header: str) -> tuple[str, str]:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise NotAuthenticated("Stuur HTTP Basic-authenticatie mee (clientId en secret).")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise NotAuthenticated("De Basic-authenticatie is niet leesbaar.") from None
    client_id, sep, secret = decoded.partition(":")
    if not sep or not client_id:
        raise NotAuthenticated("De Basic-authenticatie is niet leesbaar.")
    return client_id, secret


async def authenticate(request: Request) -> tuple[AuthenticatedClient, ClientRights]:
    """The client and its rights; raises :class:`NotAuthenticated`."""
    client_id, secret = _credentials(request.headers.get("Authorization", ""))
    registry: ClientRegistry = request.app.state.client_registry
    refresh = getattr(registry, "refresh", None)
    if refresh is not None:
        await refresh()
    expected = registry.secret(client_id)
    if expected is None or not hmac.compare_digest(expected.encode(), secret.encode()):
        log.info("stuf_authentication_failed", path=request.url.path)
        raise NotAuthenticated("Onbekende client of onjuist secret.")
    lookup = getattr(registry, "rights", None)
    rights = lookup(client_id) if lookup is not None else None
    return AuthenticatedClient(client_id=client_id), rights or ClientRights(client_id=client_id)
