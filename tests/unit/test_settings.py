"""Invalid settings stop start-up with a message naming the variable; valid ones load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from midoffice.settings import Settings


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
    return subprocess.run(
        [sys.executable, "-m", "midoffice", "serve"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("MIDOFFICE_BUS_URL", "amqp://localhost", "embedded:// or kafka://"),
        ("MIDOFFICE_DATABASE_URL", "mysql://localhost/x", "sqlite+aiosqlite://"),
        ("MIDOFFICE_HTTP_PORT", "99999", "less than or equal to 65535"),
        ("MIDOFFICE_CATALOGUE_FILE", "/nonexistent/catalogus.yaml", "no catalogue file"),
    ],
)
def test_invalid_settings_stop_start_up_with_a_clear_message(
    variable: str, value: str, reason: str
) -> None:
    result = _run({variable: value})
    assert result.returncode == 2
    assert "Invalid MidOffice settings" in result.stderr
    assert variable in result.stderr and reason in result.stderr


def test_defaults_are_the_embedded_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MIDOFFICE_"):
            monkeypatch.delenv(name)
    settings = Settings()
    assert settings.bus_url.startswith("embedded://")
    assert settings.database_url.startswith("sqlite+aiosqlite://")
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 8000)
    assert settings.demo_client_active


def test_the_demo_client_is_off_on_a_non_loopback_host() -> None:
    key = Fernet.generate_key().decode()
    assert not Settings(http_host="0.0.0.0", secret_key=key).demo_client_active
    with pytest.raises(ValidationError):
        Settings(partitions=0)
