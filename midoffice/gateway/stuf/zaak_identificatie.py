"""genereerZaakIdentificatie_Di02 (ZDS 1.2 section 4.3.1; ZDS 1.1 zs-dms vrij bericht):
answer a Du02 with a fresh zaak identificatie."""

from __future__ import annotations

from adapters.stuf import genereer_zaak_identificatie as adapter
from autorisaties.rights import Component
from autorisaties.scopes import ZAKEN_AANMAKEN
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.submission import require_component


async def genereer_zaak_identificatie(ctx: StufContext) -> bytes:
    """The Du02 with an identificatie derived from zender and referentienummer, so a repeated
    Di02 gets the same one. Nothing is stored: the identificatie is reserved by its form
    (``<prefix>-<hash>``), which the processor's own counter never produces. Needs
    ``zaken.aanmaken`` (for some zaaktype)."""
    require_component(ctx, Component.zrc, [ZAKEN_AANMAKEN])
    gemeente = ctx.gemeente()
    organisatie = ctx.stuurgegevens.zender.organisatie
    if organisatie not in gemeente.organisaties:
        organisatie = gemeente.organisaties[0] if gemeente.organisaties else "ZAAK"
    identificatie = adapter.identificatie_for(ctx.stuurgegevens, prefix=organisatie)
    return adapter.du02(ctx.operation, ctx.stuurgegevens, identificatie, ctx.now)
