"""The companion process of ``serve``: the consumers of the events topic, beside the gateway.

``serve`` runs every role. Python runs one process on one core, and the gateway with the
processors that decide writes (zaakmagazijn, catalogi, autorisaties, documentmagazijn,
notificaties) fills it under load. The consumers of the accepted facts (the burgerzaken read
model and the push connector) need no answer to a client, so ``serve`` starts them as
``midoffice process group burgerzaken push`` in a second process and supervises it: it is
restarted with backoff when it exits, stopped (SIGTERM, then SIGKILL after a grace period)
when ``serve`` stops, and sent SIGTERM by the kernel when ``serve`` dies. It runs in a session
of its own, so a Ctrl-C at the terminal reaches ``serve``, which stops it in order. Both
processes share the database and the log (the embedded log wakes the other process's
consumers through its doorbell).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import signal
import sys
import time
from collections.abc import Mapping

import structlog

from midoffice.bootstrap import Role
from midoffice.roles import push as push_role
from midoffice.settings import Settings

log = structlog.get_logger(__name__)

COMPANION_ROLES = frozenset({Role.burgerzaken, Role.push})
"""The roles ``serve`` runs in its companion process."""
STOP_GRACE_SECONDS = 20.0
RESTART_MAX_SECONDS = 30.0
HEALTHY_SECONDS = 60.0
"""A companion that ran this long before it exited is restarted after the shortest wait."""
_PR_SET_PDEATHSIG = 1


def preflight(settings: Settings) -> None:
    """The start-up checks of the companion's roles, run by ``serve`` before it starts: a
    configuration the companion would refuse stops ``serve`` itself, instead of leaving it
    running while the companion is restarted in vain. ValueError names the setting."""
    if Role.push in COMPANION_ROLES:
        push_role.check_settings(settings)


def command() -> list[str]:
    """The companion's command line (same interpreter, same environment)."""
    roles = sorted(role.value for role in COMPANION_ROLES)
    return [sys.executable, "-m", "midoffice", "process", "group", *roles]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


async def supervise(
    stop: asyncio.Event, argv: list[str] | None = None, env: Mapping[str, str] | None = None
) -> None:
    """Run the companion until ``stop`` is set; restart it (with backoff) when it exits.
    ``env``: its environment (None: this process's)."""
    argv = argv or command()
    backoff = 1.0
    while not stop.is_set():
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            *argv, preexec_fn=_die_with_parent, start_new_session=True, env=env
        )
        log.info("companion_started", pid=process.pid, roles=sorted(COMPANION_ROLES))
        exited = asyncio.create_task(process.wait())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({exited, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if stop.is_set():
            exited.cancel()
            await _terminate(process)
            return
        stopping.cancel()
        if time.monotonic() - started > HEALTHY_SECONDS:
            backoff = 1.0
        log.error("companion_exited", code=process.returncode, restart_in=backoff)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), backoff)
        backoff = min(backoff * 2, RESTART_MAX_SECONDS)


async def _terminate(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()
    log.info("companion_stopped", code=process.returncode)
