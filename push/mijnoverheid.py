"""The MijnOverheid Lopende Zaken route: which status changes go, and their messages.

A status goes to MijnOverheid only when its statustype is marked ``informeren`` in the
catalogue, the zaaktype is enabled for the zaak's bronorganisatie
(``MIDOFFICE_MIJNOVERHEID_ZAAKTYPEN``) and the initiator is a natural person with a BSN. Two
routes, each on when its endpoint is configured: the StUF ``zakLk01`` kennisgeving (SOAP,
mTLS) and a thin NL GOV CloudEvent ``zaak-gemuteerd`` (OAuth2 client credentials).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from adapters.pip import cloudevent as ce
from adapters.pip import zaklk01
from catalogi.model import Catalogue
from push.context import ZaakContext
from push.plans import MIJNOVERHEID_CLOUDEVENTS, MIJNOVERHEID_STUF, Plan
from push.settings import MijnOverheidSettings
from schemas import event_types as t
from schemas.envelope import Envelope


def _lopende_zaak(zaak: ZaakContext, zaaktype: Any, einddatum: Any) -> zaklk01.LopendeZaak:
    statustypen = {s.uuid: s for s in zaaktype.statustypen}
    statussen = tuple(
        zaklk01.Status(
            statustypen[s.statustype].volgnummer if s.statustype in statustypen else 1,
            statustypen[s.statustype].omschrijving if s.statustype in statustypen else "",
            s.datum_status_gezet,
        )
        for s in zaak.statussen
    )
    assert zaak.bsn is not None
    return zaklk01.LopendeZaak(
        identificatie=zaak.identificatie,
        omschrijving=zaak.omschrijving,
        startdatum=zaak.startdatum,
        einddatum=einddatum,
        zaaktype_code=zaaktype.identificatie,
        zaaktype_omschrijving=zaaktype.omschrijving,
        bsn=zaak.bsn,
        statussen=statussen,
    )


def plans(
    settings: MijnOverheidSettings,
    catalogue: Catalogue,
    fact: Envelope,
    message: dict[str, Any],
    zaak: ZaakContext,
    statustype: uuid.UUID,
    source: str,
) -> list[Plan]:
    """The MijnOverheid deliveries of one status change (none when it does not qualify)."""
    found = catalogue.statustype(statustype)
    enabled = settings.zaaktypen.get(zaak.kenmerken.bronorganisatie, [])
    if zaak.bsn is None or found is None or not found[1].informeren:
        return []
    if str(zaak.kenmerken.zaaktype) not in enabled:
        return []
    result = []
    if settings.stuf_url:
        einddatum = getattr(fact.data, "einddatum", None) or zaak.einddatum
        stuur = zaklk01.Stuurgegevens(
            settings.zender_organisatie,
            settings.zender_applicatie,
            settings.ontvanger_organisatie,
            settings.ontvanger_applicatie,
            str(fact.id),
            fact.time,
        )
        element = zaklk01.zak_lk01(_lopende_zaak(zaak, found[0], einddatum), stuur)
        result.append(
            Plan(MIJNOVERHEID_STUF, zaklk01.CONTENT_TYPE, zaklk01.soap_envelope(element), True)
        )
    if settings.cloudevents_url:
        event = ce.cloudevent(
            message,
            event_id=fact.id,
            event_type=t.ZAAK_GEMUTEERD,
            source=source,
            subject=fact.subject,
            with_data=False,
        )
        result.append(
            Plan(MIJNOVERHEID_CLOUDEVENTS, ce.CONTENT_TYPE, json.dumps(event).encode(), True)
        )
    return result
