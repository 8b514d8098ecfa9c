"""Where and how to reach a target: URL, outbound auth and TLS, from the abonnement (secrets
decrypted with the MidOffice key) or from the MijnOverheid settings (whose certificate files
are loaded once at start-up by :func:`check_mijnoverheid_tls`)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from notificaties.queries import get_abonnement
from push.outbound_auth import ClientCredentials
from push.plans import MIJNOVERHEID_CLOUDEVENTS, MIJNOVERHEID_STUF, abonnement_of
from push.settings import MijnOverheidSettings
from push.tls import ssl_context


class Decrypter(Protocol):
    def decrypt(self, token: str) -> str: ...


@dataclass(frozen=True)
class Endpoint:
    url: str
    auth: str | None = None
    hmac_secret: str | None = None
    oauth2: ClientCredentials | None = None
    client_cert: tuple[str, str | None] | None = None  # (certificate PEM, key PEM or None)
    ca_bundle: str | None = None
    soap_action: str | None = None


def mijnoverheid_tls(
    mijnoverheid: MijnOverheidSettings,
) -> tuple[str | None, tuple[str, str | None] | None]:
    """The CA bundle and client certificate (key: None when the certificate file holds it)
    of the MijnOverheid routes."""
    cert = mijnoverheid.client_cert
    key = mijnoverheid.client_key
    ca = str(mijnoverheid.ca_bundle) if mijnoverheid.ca_bundle else None
    return ca, ((str(cert), str(key) if key else None) if cert else None)


def check_mijnoverheid_tls(mijnoverheid: MijnOverheidSettings) -> None:
    """Load the MijnOverheid CA bundle and client certificate once, at start-up: ValueError
    naming the settings when a file is missing, unreadable or the key does not fit."""
    if mijnoverheid.client_key and not mijnoverheid.client_cert:
        raise ValueError("MIDOFFICE_MIJNOVERHEID_CLIENT_KEY is set without "
                         "MIDOFFICE_MIJNOVERHEID_CLIENT_CERT")  # fmt: skip
    ca, cert = mijnoverheid_tls(mijnoverheid)
    try:
        ssl_context(ca, cert)
    except (OSError, ssl.SSLError) as exc:
        raise ValueError(
            "MIDOFFICE_MIJNOVERHEID_CA_BUNDLE / _CLIENT_CERT / _CLIENT_KEY cannot be loaded: "
            f"{type(exc).__name__}: {exc}"
        ) from None


async def resolve(
    conn: AsyncConnection, target: str, box: Decrypter, mijnoverheid: MijnOverheidSettings
) -> Endpoint | None:
    """The endpoint of ``target``; None when it no longer exists (abonnement deleted, route
    switched off)."""
    ca, cert = mijnoverheid_tls(mijnoverheid)
    if target == MIJNOVERHEID_STUF:
        from adapters.pip.zaklk01 import SOAP_ACTION

        if not mijnoverheid.stuf_url:
            return None
        return Endpoint(
            mijnoverheid.stuf_url, client_cert=cert, ca_bundle=ca, soap_action=SOAP_ACTION
        )
    if target == MIJNOVERHEID_CLOUDEVENTS:
        if not mijnoverheid.cloudevents_url:
            return None
        credentials = (
            ClientCredentials(
                mijnoverheid.token_url,
                mijnoverheid.client_id,
                mijnoverheid.client_secret.get_secret_value(),
                mijnoverheid.scope,
            )
            if mijnoverheid.token_url
            else None
        )
        return Endpoint(
            mijnoverheid.cloudevents_url, oauth2=credentials, client_cert=cert, ca_bundle=ca
        )
    identifier = abonnement_of(target)
    abonnement = await get_abonnement(conn, identifier) if identifier else None
    if abonnement is None:
        return None
    oauth2 = abonnement.oauth2
    return Endpoint(
        url=abonnement.callback_url,
        auth=box.decrypt(abonnement.encrypted_auth),
        hmac_secret=(
            box.decrypt(abonnement.encrypted_hmac_secret)
            if abonnement.encrypted_hmac_secret
            else None
        ),
        oauth2=ClientCredentials(
            oauth2["tokenUrl"],
            oauth2["clientId"],
            box.decrypt(oauth2["encryptedClientSecret"]),
            oauth2.get("scope", ""),
        )
        if oauth2
        else None,
    )
