"""Each long-lived process serves its own Prometheus metrics when ``MIDOFFICE_METRICS_PORT``
is set (``prometheus_client``'s exposition server on a thread, ``GET /metrics``).

Counters live in the process that counts them: the push connector's deliveries and dead
letters in ``serve``'s companion, the processors' batches and the gateway's intake in the
main process. So every process has its own port (the companion: the next one), and
Prometheus scrapes each, as it would the separate roles of ``deploy/compose.yaml``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import structlog
from prometheus_client import start_http_server

from midoffice.settings import Settings

log = structlog.get_logger(__name__)

PORT_VARIABLE = "MIDOFFICE_METRICS_PORT"


class MetricsServer:
    """The running exposition server of this process, if one was asked for."""

    def __init__(self, settings: Settings) -> None:
        self._server: Any = None
        self._thread: Any = None
        if settings.metrics_port is not None:
            self._server, self._thread = start_http_server(
                settings.metrics_port, addr=settings.http_host
            )
            log.info("metrics_served", host=settings.http_host, port=settings.metrics_port)

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = self._thread = None


def companion_environment(settings: Settings) -> Mapping[str, str] | None:
    """The companion's environment: this one, with the next metrics port (None: inherit)."""
    if settings.metrics_port is None:
        return None
    return {**os.environ, PORT_VARIABLE: str(settings.metrics_port + 1)}
