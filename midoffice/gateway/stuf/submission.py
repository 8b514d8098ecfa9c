"""Publishing a StUF kennisgeving's intake events and awaiting the processor's decision.

Every Lk01 becomes intake events on the same topic as ZGW writes (through
``container.intake``), with the same payloads. The envelope names the authenticated client,
the stuurgegevens zender as user, and an idempotency key derived from zender and
referentienummer (plus the event's index in the message), so a repeated message gets the
first outcome and creates nothing new (:mod:`zaakmagazijn.idempotency`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

import structlog
from pydantic import BaseModel

from adapters.stuf.errors import AFGEWEZEN, NIET_GEAUTORISEERD, VERWERKINGSFOUT, StufFout
from autorisaties.rights import Component
from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.routes.zaken_toegang import allowed, privileges
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.submission import build_envelope
from schemas.outcome import Accepted, Rejected

log = structlog.get_logger(__name__)


def acting_user(ctx: StufContext) -> str:
    """The stuurgegevens zender as ``organisatie/applicatie[/gebruiker]``."""
    zender = ctx.stuurgegevens.zender
    parts = [zender.organisatie, zender.applicatie] + (
        [zender.gebruiker] if zender.gebruiker else []
    )
    return "/".join(parts)[:255]


def idempotency_key(ctx: StufContext, index: int = 0) -> str:
    """``stuf:<sha256 of zender and referentienummer>:<index>``; '' without a referentienummer."""
    referentienummer = ctx.stuurgegevens.referentienummer
    if not referentienummer:
        return ""
    digest = hashlib.sha256(f"{ctx.stuurgegevens.zender.key}|{referentienummer}".encode())
    return f"stuf:{digest.hexdigest()}:{index}"


def require(ctx: StufContext, scopes: Iterable[str], zaak: Mapping[str, Any]) -> None:
    """Fo03 unless one of ``scopes`` reaches the zaak (zaaktype, vertrouwelijkheidaanduiding)."""
    wanted = tuple(scopes)
    if not allowed(ctx.rights, wanted, zaak):
        log.info("stuf_permission_denied", client_id=ctx.client.client_id, scopes=wanted)
        raise StufFout(
            NIET_GEAUTORISEERD,
            f"De applicatie is niet geautoriseerd voor deze zaak ({' of '.join(wanted)}).",
        )


def require_component(ctx: StufContext, component: Component, scopes: Iterable[str]) -> None:
    """Fo03 unless the client holds one of ``scopes`` for ``component`` at all."""
    wanted = tuple(scopes)
    if not any(ctx.rights.has_scope(component, scope) for scope in wanted):
        raise StufFout(NIET_GEAUTORISEERD,
                       f"De applicatie heeft geen van de scopes {', '.join(wanted)}.")  # fmt: skip


def rejection_text(outcome: Rejected) -> str:
    """The processor's reasons in one line: ``name: reason; ...``."""
    reasons = [f"{p.name}: {p.reason}" if p.name != "nonFieldErrors" else p.reason
               for p in outcome.invalid_params]  # fmt: skip
    return "; ".join(reasons) or outcome.title or "Afgewezen."


async def submit(
    ctx: StufContext,
    *,
    event_type: str,
    payload: BaseModel,
    subject: UUID,
    zaak: Mapping[str, Any],
    index: int = 0,
) -> Accepted:
    """Publish one intake event about ``zaak`` (row or payload) and await its outcome.

    Raises StufFout: ZKN003 when rejected, ZKN004 when a state rule needs a scope the client
    lacks, StUF058 (server) when no decision came in time (a repeat with the same
    referentienummer is then safe)."""
    client = AuthenticatedClient(ctx.client.client_id, user_id=acting_user(ctx))
    envelope = build_envelope(ctx.request, ctx.container, client, event_type=event_type,
                              subject=subject, payload=payload,
                              tenant=str(zaak["bronorganisatie"]))  # fmt: skip
    key = idempotency_key(ctx, index)
    envelope = dataclasses.replace(
        envelope,
        privileges=privileges(
            ctx.rights, zaak["zaaktype"], str(zaak["vertrouwelijkheidaanduiding"])
        ),
        idempotencykey=key,
        requesthash=hashlib.sha256(ctx.body).hexdigest() if key else "",
    )
    await ctx.container.intake.submit(envelope)
    log.info("stuf_intake_submitted", event_id=str(envelope.id), event_type=event_type,
             zaak=str(subject), operation=ctx.operation.name)  # fmt: skip
    timeout = ctx.container.settings.outcome_timeout_seconds
    outcome = await ctx.container.intake.wait(envelope.id, timeout)
    if outcome is None:
        raise StufFout(
            VERWERKINGSFOUT,
            f"Het bericht is ontvangen maar niet binnen {timeout:g} s verwerkt; herhaal het "
            "met hetzelfde referentienummer.",
            plek="server",
        )
    if isinstance(outcome, Rejected):
        code = NIET_GEAUTORISEERD if outcome.status_code == 403 else AFGEWEZEN
        raise StufFout(code, rejection_text(outcome))
    return outcome
