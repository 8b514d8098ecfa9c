"""Encryption of applicatie secrets: the log and the projection hold Fernet tokens only.

ZGW clients sign their JWT with HS256, so the gateway needs the raw shared secret, and a hash
would not do. The gateway encrypts a secret with ``MIDOFFICE_SECRET_KEY`` before the event
leaves it, so neither the log (the system of record, kept forever) nor the projection nor a
replay ever holds it in clear text. Only gateways, which have the key, can decrypt.

The setting holds one or more Fernet keys separated by commas: the first encrypts, all
decrypt, so a key can be rotated without losing the applicaties.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

DEVELOPMENT_KEY_SEED = b"midoffice-development-secret-key (loopback only, never in production)"


class SecretUnreadable(Exception):
    """A token cannot be decrypted with any of the configured keys."""


def development_key() -> str:
    """The fixed key of the embedded default (loopback only): documented, hence not secret."""
    return base64.urlsafe_b64encode(hashlib.sha256(DEVELOPMENT_KEY_SEED).digest()).decode()


def new_key() -> str:
    """A fresh random key for ``MIDOFFICE_SECRET_KEY``."""
    return Fernet.generate_key().decode()


class SecretBox:
    """Encrypts and decrypts applicatie secrets with the configured keys."""

    def __init__(self, keys: str) -> None:
        parts = [key.strip() for key in keys.split(",") if key.strip()]
        if not parts:
            raise ValueError("at least one Fernet key is needed")
        try:
            self._fernet = MultiFernet([Fernet(key.encode()) for key in parts])
        except ValueError:
            raise ValueError("a key is not a valid Fernet key (32 url-safe base64 bytes)") from None

    def encrypt(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise SecretUnreadable("secret was encrypted with an unknown key") from None
