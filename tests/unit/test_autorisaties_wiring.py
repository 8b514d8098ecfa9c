"""How the gateway's client registry and secret key are chosen from the settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from autorisaties.secretbox import SecretBox, development_key, new_key
from midoffice.db import create_engine
from midoffice.roles.autorisaties import MissingSecretKey, client_registry, secret_box
from midoffice.settings import Settings


def test_loopback_without_a_key_uses_the_development_key() -> None:
    box = secret_box(Settings(http_host="127.0.0.1"))
    assert SecretBox(development_key()).decrypt(box.encrypt("x")) == "x"


def test_a_public_gateway_needs_a_key() -> None:
    with pytest.raises(MissingSecretKey, match="MIDOFFICE_SECRET_KEY"):
        secret_box(Settings(http_host="0.0.0.0"))
    key = new_key()
    box = secret_box(Settings(http_host="0.0.0.0", secret_key=key))
    assert SecretBox(key).decrypt(box.encrypt("x")) == "x"


def test_a_malformed_key_or_a_missing_seed_file_stops_start_up() -> None:
    with pytest.raises(ValidationError, match="Fernet"):
        Settings(secret_key="geen-fernet-sleutel")
    with pytest.raises(ValidationError, match="applicaties file"):
        Settings(applicaties_file="/nonexistent/applicaties.yaml")


def test_the_demo_client_lives_only_on_loopback() -> None:
    engine = create_engine("sqlite+aiosqlite:///:memory:")
    local = client_registry(Settings(), engine)
    assert local.secret("demo") == "demo-secret"
    rights = local.rights("demo")
    assert rights is not None and rights.heeft_alle_autorisaties
    public = client_registry(Settings(http_host="0.0.0.0", secret_key=new_key()), engine)
    assert public.secret("demo") is None and public.rights("demo") is None
