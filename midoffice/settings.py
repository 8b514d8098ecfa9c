"""The one settings class of the MidOffice, read from ``MIDOFFICE_*`` environment variables."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from autorisaties.secretbox import SecretBox
from burgerzaken.settings import PipSettings
from catalogi.referenties import DEFAULT_REFERENTIELIJSTEN_URL
from push.settings import MijnOverheidSettings, PushSettings
from verwerkingslog.settings import VerwerkingslogSettings

DEFAULT_HOME = Path(".midoffice")
DEMO_CATALOGUE = Path(__file__).resolve().parent.parent / "catalogi" / "demo" / "catalogus.yaml"
DEMO_STUF_MAPPING = Path(__file__).resolve().parent.parent / "adapters/stuf/demo/mapping.yaml"


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    """Validated at start-up; an invalid value stops the process with a clear message."""

    model_config = SettingsConfigDict(env_prefix="MIDOFFICE_", extra="ignore")

    bus_url: str = f"embedded://{DEFAULT_HOME}/log.sqlite3"
    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_HOME}/zaakmagazijn.sqlite3"
    http_host: str = "127.0.0.1"
    http_port: Annotated[int, Field(ge=1, le=65535)] = 8000
    public_url: str = Field(
        "", description="Base URL used in resource urls; empty: taken from each request."
    )
    event_source: str = "urn:nld:midoffice"
    catalogue_file: Path = DEMO_CATALOGUE
    referentielijsten_url: str = Field(
        DEFAULT_REFERENTIELIJSTEN_URL,
        description="Base URL of the VNG reference lists (resultaattypeomschrijvingen, "
        "selectielijst); references are accepted as given and never fetched.",
    )
    intake_topic: str = "midoffice.intake"
    events_topic: str = "midoffice.events"
    partitions: Annotated[int, Field(ge=1, le=256)] = 6
    demo_client_enabled: bool = True
    demo_client_id: str = "demo"
    demo_client_secret: str = "demo-secret"  # noqa: S105 - documented demo credential
    jwt_max_age_seconds: Annotated[int, Field(ge=1)] = 3600
    jwt_leeway_seconds: Annotated[int, Field(ge=0)] = 60
    max_request_bytes: Annotated[int, Field(ge=1024)] = 1_048_576
    blob_url: str = Field(
        f"file://{DEFAULT_HOME}/blobs",
        description="Document blob store: file://path or postgresql://... (chunked bytea).",
    )
    documenten_max_json_bytes: Annotated[int, Field(ge=1024)] = 16_777_216
    bestandsdeel_bytes: Annotated[int, Field(ge=1024)] = 104_857_600
    outcome_timeout_seconds: Annotated[float, Field(gt=0)] = 10.0
    serve_companion: bool = Field(
        True,
        description="`serve` runs the consumers of the events topic (burgerzaken, push) in a "
        "second process beside the gateway, so it uses two cores; false: one process.",
    )
    metrics_port: Annotated[int | None, Field(ge=1, le=65534)] = Field(
        None,
        description="Serve this process's Prometheus metrics on http://<http_host>:<port>"
        "/metrics; unset: not served. `serve`'s companion process uses the next port.",
    )
    log_level: str = "INFO"
    log_json: bool = False
    secret_key: SecretStr = Field(
        SecretStr(""),
        description="Fernet key(s), comma-separated (first encrypts) for applicatie secrets; "
        "empty: a documented development key, on a loopback address only.",
    )
    stuf_mapping_file: Path = Field(
        DEMO_STUF_MAPPING, description="StUF-ZKN mapping per municipality (YAML)."
    )
    stuf_max_request_bytes: Annotated[int, Field(ge=1024)] = 20_971_520
    applicaties_file: Path | None = Field(
        None, description="YAML list of applicaties seeded at start-up when they do not exist."
    )
    pip: PipSettings = Field(default_factory=PipSettings)  # MIDOFFICE_PIP_*
    verwerkingslog: VerwerkingslogSettings = Field(  # MIDOFFICE_VERWERKINGSLOG_*
        default_factory=VerwerkingslogSettings
    )
    push: PushSettings = Field(default_factory=PushSettings)  # MIDOFFICE_PUSH_*
    mijnoverheid: MijnOverheidSettings = Field(default_factory=MijnOverheidSettings)

    @field_validator("bus_url")
    @classmethod
    def _bus_scheme(cls, value: str) -> str:
        if not value.startswith(("embedded://", "kafka://")):
            raise ValueError("must start with embedded:// or kafka://")
        if value.startswith("kafka://") and not value.removeprefix("kafka://").strip():
            raise ValueError("kafka:// needs at least one host:port")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_scheme(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("referentielijsten_url")
    @classmethod
    def _referentielijsten_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("catalogue_file")
    @classmethod
    def _catalogue_exists(cls, value: Path) -> Path:
        if not value.is_file():
            raise ValueError(f"no catalogue file at {value}")
        return value

    @field_validator("secret_key")
    @classmethod
    def _fernet_keys(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value():
            SecretBox(value.get_secret_value())  # raises ValueError for a malformed key
        return value

    @field_validator("applicaties_file")
    @classmethod
    def _applicaties_file_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"no applicaties file at {value}")
        return value

    @model_validator(mode="after")
    def _demo_client_only_on_loopback(self) -> Settings:
        if self.demo_client_enabled and not is_loopback(self.http_host):
            self.demo_client_enabled = False
        return self

    @property
    def demo_client_active(self) -> bool:
        """The demo client works only while the gateway listens on a loopback address."""
        return self.demo_client_enabled and is_loopback(self.http_host)
