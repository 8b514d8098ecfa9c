"""uvicorn's server, stopped by SIGINT/SIGTERM without ending the process.

uvicorn (0.29 and later) raises the captured signal again once its server has shut down, so
the process dies of it there and then, before the code after ``serve()`` runs. ``serve``
still has work after the HTTP server: stop the processors and the companion, flush the
processing log, close the bus and the database. This server only asks itself to exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator

import uvicorn

HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class GracefulServer(uvicorn.Server):
    """A uvicorn server whose shutdown by signal returns from ``serve()``."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        loop = asyncio.get_running_loop()
        for sig in HANDLED_SIGNALS:
            loop.add_signal_handler(sig, self.handle_exit, sig, None)
        try:
            yield
        finally:
            for sig in HANDLED_SIGNALS:
                loop.remove_signal_handler(sig)
