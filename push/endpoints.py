"""Where and how to reach a target: URL, outbound auth and TLS, from the abonnement (secrets
decrypted with the MidOffice key) or from the MijnOverheid settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from notificaties.queries import get_abonnement
from push.outbound_auth import ClientCredentials
from push.plans import MIJNOVERHEID_CLOUDEVENTS, MIJNOVERHEID_STUF, abonnement_of
from push.settings import MijnOverheidSettings


class Decrypter(Protocol):
    def decrypt(self, token: str) -> str: ...


@dataclass(frozen=True)
class Endpoint:
    url: str
    auth: str | None = None
    hmac_secret: str | None = None
    oauth2: ClientCredentials | None = None
    client_cert: tuple[str, str] | None = None
    ca_bundle: str | None = None
    soap_action: str | None = None


async def resolve(
    conn: AsyncConnection, target: str, box: Decrypter, mijnoverheid: MijnOverheidSettings
) -> Endpoint | None:
    """The endpoint of ``target``; None when it no longer exists (abonnement deleted, route
    switched off)."""
    cert = (
        (str(mijnoverheid.client_cert), str(mijnoverheid.client_key))
        if mijnoverheid.client_cert and mijnoverheid.client_key
        else None
    )
    ca = str(mijnoverheid.ca_bundle) if mijnoverheid.ca_bundle else None
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
