"""geefZaakdetails / geefZaakstatus (ZDS 1.2 geefZaakdetails_ZakLv01 and geefZaakstatus_ZakLv01,
ZDS 1.1 zakLv01): answer a La01 from the zaakmagazijn, for zaken created through StUF or
ZGW alike. Needs ``zaken.lezen`` for the zaak's zaaktype and vertrouwelijkheidaanduiding. An
antwoord that shows a BSN writes a Logboek Dataverwerkingen record (``stuf_zaakdetails_lezen``)."""

from __future__ import annotations

from typing import Any

from adapters.stuf import geef_zaakdetails as antwoord
from adapters.stuf.mapping import Gemeente
from autorisaties.scopes import ZAKEN_LEZEN
from catalogi.model import Catalogue
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.submission import require
from midoffice.gateway.stuf.verwerkingen import STUF_ZAAKDETAILS, log_stuf_read
from midoffice.gateway.stuf.zaken_lookup import resultaat_of, zaak_by_identificatie
from zaakmagazijn import queries, queries_onderdelen, tables


def _zaaktype_code(gemeente: Gemeente, catalogue: Catalogue, zaak: Any) -> tuple[str, str]:
    zaaktype = catalogue.zaaktype(zaak["zaaktype"])
    if zaaktype is None:
        return str(zaak["zaaktype"]), ""
    codes = [code for code, ref in gemeente.zaaktypen.items()
             if ref in (zaaktype.identificatie, str(zaaktype.uuid))]  # fmt: skip
    return (codes[0] if codes else zaaktype.identificatie), zaaktype.omschrijving


async def geef_zaakdetails(ctx: StufContext) -> bytes:
    """The La01 with the zaak named by ``gelijk/identificatie``."""
    identificatie = antwoord.gevraagde_identificatie(ctx.bericht)
    zaak = await zaak_by_identificatie(ctx, identificatie)
    require(ctx, [ZAKEN_LEZEN], zaak)
    gemeente = ctx.gemeente()
    code, omschrijving = _zaaktype_code(gemeente, ctx.catalogue, zaak)
    async with ctx.container.reads.connect() as connection:
        page = await queries.list_statussen(
            connection, queries.StatusFilters(zaak=zaak["uuid"]), offset=0, limit=1000
        )
        rollen = await queries_onderdelen.list_onderdelen(
            connection, tables.rol, {"zaak": zaak["uuid"]}, offset=0, limit=None
        )
    statussen = []
    for row in page.rows:
        found = ctx.catalogue.statustype(row["statustype"])
        volgnummer, naam = (found[1].volgnummer, found[1].omschrijving) if found else (0, "")
        statussen.append((volgnummer, naam, row["datum_status_gezet"], row["statustoelichting"]))
    resultaat = await resultaat_of(ctx, zaak["uuid"])
    resultaat_tekst = None
    if resultaat is not None:
        found_rt = ctx.catalogue.resultaattype(resultaat["resultaattype"])
        gegevens = resultaat.get("gegevens") or {}
        resultaat_tekst = (found_rt[1].omschrijving if found_rt else "",
                           str(gegevens.get("toelichting") or ""))  # fmt: skip
    rol_rows = []
    for row in rollen.rows:
        gegevens = row.get("gegevens") or {}
        rol_rows.append((str(gegevens.get("omschrijvingGeneriek") or ""),
                         str(gegevens.get("betrokkeneType") or ""),
                         gegevens.get("betrokkeneIdentificatie") or {}))  # fmt: skip
    details = antwoord.Zaakdetails(
        zaak=zaak, zaaktype_code=code, zaaktype_omschrijving=omschrijving, statussen=statussen,
        resultaat=resultaat_tekst, rollen=rol_rows,
    )  # fmt: skip
    answer = antwoord.la01(ctx.operation, ctx.stuurgegevens, details, ctx.now)
    await log_stuf_read(ctx, route=STUF_ZAAKDETAILS,
                        bsns=antwoord.getoonde_bsns(ctx.operation, details))  # fmt: skip
    return answer
