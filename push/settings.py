"""Settings of the push connector (``MIDOFFICE_PUSH_*``) and the MijnOverheid route
(``MIDOFFICE_MIJNOVERHEID_*``), validated at start-up like :class:`midoffice.settings.Settings`,
which holds one of each (``settings.push``, ``settings.mijnoverheid``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PositiveSeconds = Annotated[float, Field(gt=0)]


class PushSettings(BaseSettings):
    """Delivery policy. Times in seconds."""

    model_config = SettingsConfigDict(env_prefix="MIDOFFICE_PUSH_", extra="ignore")

    fact_types: list[str] = Field(
        default_factory=lambda: [
            "nl.overheid.zaken.zaakstatus-gewijzigd",
            "nl.overheid.zaken.zaak-geopend",
            "nl.overheid.zaken.zaak-gemuteerd",
            "nl.overheid.zaken.resultaat-toegevoegd",
            "nl.overheid.zaken.zaakinformatieobject-toegevoegd",
        ],
        description="Accepted fact types that produce notificaties (status changes always).",
    )
    allow_private_targets: bool | None = Field(
        None,
        description="Accept loopback/private callbackUrls; None: only while the gateway "
        "listens on a loopback address (development, tests).",
    )
    request_timeout: PositiveSeconds = 5.0
    backoff_initial: PositiveSeconds = 1.0
    backoff_max: PositiveSeconds = 300.0
    dead_letter_after: PositiveSeconds = Field(
        86_400.0, description="A delivery not delivered within this time goes to dead letters."
    )
    breaker_failures: Annotated[int, Field(ge=1)] = 5
    breaker_cooldown: PositiveSeconds = 30.0
    per_target_concurrency: Annotated[int, Field(ge=1, le=64)] = 8
    lease_seconds: PositiveSeconds = 60.0
    poll_interval: PositiveSeconds = Field(
        0.5, description="How often the dispatcher looks for due rows when not woken."
    )
    throttle_per_hour: Annotated[int, Field(ge=1)] = Field(
        10, description="At most this many messages per citizen per hour per citizen channel."
    )
    pseudonym_key: SecretStr = Field(
        SecretStr("midoffice-default-pseudonym-key"),
        description="HMAC key of the pseudonymised BSN/KvK in the ledger and preferences.",
    )


class MijnOverheidSettings(BaseSettings):
    """The MijnOverheid Lopende Zaken route (StUF zakLk01, and CloudEvents zaak-gemuteerd)."""

    model_config = SettingsConfigDict(env_prefix="MIDOFFICE_MIJNOVERHEID_", extra="ignore")

    stuf_url: str = Field("", description="StUF endpoint (zakLk01); empty: route off.")
    cloudevents_url: str = Field("", description="CloudEvents endpoint; empty: route off.")
    token_url: str = Field("", description="OAuth2 token endpoint of the CloudEvents route.")
    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    scope: str = ""
    client_cert: Path | None = Field(None, description="PEM client certificate (mTLS).")
    client_key: Path | None = Field(None, description="PEM key of the client certificate.")
    ca_bundle: Path | None = Field(None, description="CA bundle to verify the endpoint.")
    zaaktypen: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per bronorganisatie (RSIN) the zaaktype uuids enabled for MijnOverheid.",
    )
    zender_organisatie: str = "MidOffice"
    zender_applicatie: str = "MidOffice"
    ontvanger_organisatie: str = "Logius"
    ontvanger_applicatie: str = "MijnOverheid"
