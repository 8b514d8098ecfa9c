"""structlog configuration. Personal data and secrets never reach a log line raw.

Keys that name a BSN are replaced by a keyed pseudonym (HMAC-SHA256), so operators can still
correlate lines about the same person; keys that name a token or secret are dropped.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

_BSN_KEYS = frozenset({"bsn", "inpbsn", "inp_bsn", "burgerservicenummer"})
_SECRET_KEYS = frozenset(
    {"token", "authorization", "secret", "password", "client_secret", "jwt", "access_token"}
)


def pseudonymise(value: str, key: bytes) -> str:
    """A stable, non-reversible pseudonym of a personal identifier."""
    return "pseudo:" + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


class PrivacyFilter:
    """structlog processor: pseudonymise BSN fields, redact secrets."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __call__(
        self, _logger: Any, _name: str, event_dict: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        for field in list(event_dict):
            lowered = field.lower()
            if lowered in _SECRET_KEYS:
                event_dict[field] = "[redacted]"
            elif lowered in _BSN_KEYS and event_dict[field]:
                event_dict[field] = pseudonymise(str(event_dict[field]), self._key)
        return event_dict


def configure_logging(level: str = "INFO", json: bool = False, pseudonym_key: bytes = b"") -> None:
    """Configure structlog once per process (console output, or JSON lines in production)."""
    renderer: Any = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            PrivacyFilter(pseudonym_key or b"midoffice-default-pseudonym-key"),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        ),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
