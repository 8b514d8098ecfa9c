"""Settings of the Logboek Dataverwerkingen (``MIDOFFICE_VERWERKINGSLOG_*``), held by
:class:`midoffice.settings.Settings` as ``settings.verwerkingslog``."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_KEY = "midoffice-development-verwerkingslog-key"


class Verwerkingsactiviteit(BaseModel):
    """One entry of the register of verwerkingsactiviteiten (AVG art. 30)."""

    id: str = Field(min_length=1, description="URI of the activity in the register.")
    naam: str = Field(min_length=1)


DEFAULT_ACTIVITEITEN: dict[str, Verwerkingsactiviteit] = {
    "pip_zaken_inzien": Verwerkingsactiviteit(
        id="urn:nld:midoffice:verwerkingsactiviteit:pip-zaken-inzien",
        naam="Burger bekijkt zijn zaken in de PIP",
    ),
    "zaken_zoeken_op_bsn": Verwerkingsactiviteit(
        id="urn:nld:midoffice:verwerkingsactiviteit:zaken-zoeken-op-bsn",
        naam="Zaken van een persoon opvragen (Zaken API)",
    ),
    "rollen_lezen": Verwerkingsactiviteit(
        id="urn:nld:midoffice:verwerkingsactiviteit:rollen-lezen",
        naam="Betrokkenen van zaken opvragen (Zaken API)",
    ),
    "stuf_zaakdetails_lezen": Verwerkingsactiviteit(
        id="urn:nld:midoffice:verwerkingsactiviteit:stuf-zaakdetails-lezen",
        naam="Zaakdetails met betrokkenen opvragen (StUF-ZKN)",
    ),
}
"""Route key -> verwerkingsactiviteit; replace them with the municipality's register URIs."""


class VerwerkingslogSettings(BaseSettings):
    """Where and how processing-log records are written."""

    model_config = SettingsConfigDict(env_prefix="MIDOFFICE_VERWERKINGSLOG_", extra="ignore")

    sleutel: SecretStr = Field(
        SecretStr(""),
        description="HMAC key that pseudonymises the subject (BSN, KvK number); empty: a "
        "documented development key. Keep it stable: it links a person's records.",
    )
    bevestigen: bool = Field(
        True,
        description="A read answers only once its record is committed (the standard's 'het "
        "Logboek MOET het wegschrijven van elke logregel bevestigen'); false: the record is "
        "written in the background (lower latency; a hard crash loses the last batch).",
    )
    batch_seconds: Annotated[float, Field(ge=0, le=5)] = Field(
        0.0,
        description="Extra wait before a batch is written, to gather more reads into it; 0: "
        "reads that arrive while a batch is being committed form the next one (no added wait).",
    )
    max_batch: Annotated[int, Field(ge=1, le=10_000)] = 500
    activiteiten: dict[str, Verwerkingsactiviteit] = Field(
        default_factory=lambda: dict(DEFAULT_ACTIVITEITEN),
        description="Route key -> {id, naam} (JSON), merged over the defaults.",
    )

    def key(self) -> bytes:
        return (self.sleutel.get_secret_value() or DEVELOPMENT_KEY).encode()

    def activiteit(self, route: str) -> Verwerkingsactiviteit:
        return self.activiteiten.get(route) or DEFAULT_ACTIVITEITEN[route]
