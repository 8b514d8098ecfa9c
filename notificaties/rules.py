"""Rules of an abonnement, checked by the gateway (syntax) and the processor (state).

``callbackUrl``: http or https only, with a host, no user info or fragment. Whether the host
may be a loopback or private address is a deployment choice (``MIDOFFICE_PUSH_ALLOW_PRIVATE_
TARGETS``): production targets are real hosts, so by default only public addresses and names
are accepted; tests and the embedded default on a loopback gateway allow loopback.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from notificaties.kanalen import EXTRA_FILTERS, Kanaal
from schemas.outcome import InvalidParam
from schemas.payloads_notificaties import AbonnementKanaalV1


def check_callback_url(
    url: str, *, allow_private: bool, name: str = "callbackUrl"
) -> list[InvalidParam]:
    """Problems with ``url`` as a push target."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [InvalidParam(name, "invalid", "Alleen http(s)-URL's met een host zijn toegestaan.")]
    if parts.username or parts.password or parts.fragment:
        return [InvalidParam(name, "invalid", "Geen gebruikersnaam, wachtwoord of fragment.")]
    if allow_private:
        return []
    host = parts.hostname
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return [InvalidParam(name, "private-target", "Interne adressen zijn niet toegestaan.")]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return []
    if not address.is_global:
        return [InvalidParam(name, "private-target", "Interne adressen zijn niet toegestaan.")]
    return []


def check_kanalen(
    kanalen: Sequence[AbonnementKanaalV1], known: Iterable[Kanaal]
) -> list[InvalidParam]:
    """Every kanaal exists and every filter key is one the kanaal offers."""
    by_naam = {k.naam: k for k in known}
    problems = []
    for index, item in enumerate(kanalen):
        found = by_naam.get(item.naam)
        if found is None:
            problems.append(
                InvalidParam(
                    f"kanalen.{index}.naam", "does_not_exist", f"Kanaal {item.naam!r} bestaat niet."
                )
            )
            continue
        allowed = set(found.filters) | set(EXTRA_FILTERS)
        for key in sorted(set(item.filters) - allowed):
            problems.append(
                InvalidParam(
                    f"kanalen.{index}.filters",
                    "kenmerken-inconsistent",
                    f"Kanaal {item.naam!r} kent het kenmerk {key!r} niet.",
                )
            )
    return problems
