"""Settings of the PIP read (``MIDOFFICE_PIP_*``), held by :class:`midoffice.settings.Settings`
as ``settings.pip``."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from schemas.payloads import Vertrouwelijkheidaanduiding

DEFAULT_DOCUMENT_VERTROUWELIJKHEID = (
    Vertrouwelijkheidaanduiding.openbaar,
    Vertrouwelijkheidaanduiding.beperkt_openbaar,
)


class PipSettings(BaseSettings):
    """What the PIP shows a citizen."""

    model_config = SettingsConfigDict(env_prefix="MIDOFFICE_PIP_", extra="ignore")

    document_vertrouwelijkheid: Annotated[tuple[Vertrouwelijkheidaanduiding, ...], NoDecode] = (
        Field(
            DEFAULT_DOCUMENT_VERTROUWELIJKHEID,
            description="The vertrouwelijkheidaanduidingen of documents a citizen may see in the "
            "PIP, comma-separated (MIDOFFICE_PIP_DOCUMENT_VERTROUWELIJKHEID).",
        )
    )

    @field_validator("document_vertrouwelijkheid", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value
