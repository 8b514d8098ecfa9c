"""Which status changes go to MijnOverheid: informeren, zaaktype enabled, initiator BSN."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from adapters.pip.notificatie import ZaakKenmerken
from catalogi.loader import load_catalogue
from midoffice.settings import DEMO_CATALOGUE
from push.context import StatusRegel, ZaakContext
from push.mijnoverheid import plans
from push.plans import MIJNOVERHEID_CLOUDEVENTS, MIJNOVERHEID_STUF
from push.settings import MijnOverheidSettings
from schemas.envelope import Envelope
from schemas.event_types import ZAAKSTATUS_GEWIJZIGD
from schemas.payloads import StatusGezetV2

CATALOGUE = load_catalogue(DEMO_CATALOGUE)
CATALOGUS, ZAAKTYPE = CATALOGUE.zaaktypen()[0]
INFORMEREN = {s.informeren: s.uuid for s in ZAAKTYPE.statustypen}
MOMENT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _case(statustype: uuid.UUID, bsn: str | None) -> tuple[Envelope, ZaakContext]:
    zaak = uuid.uuid4()
    status = StatusGezetV2(
        uuid=uuid.uuid4(), zaak=zaak, statustype=statustype, datumStatusGezet=MOMENT
    )
    fact = Envelope(
        type=ZAAKSTATUS_GEWIJZIGD, subject=zaak, data=status, tenant=CATALOGUS.rsin, sequence=2
    )
    context = ZaakContext(
        kenmerken=ZaakKenmerken(zaak, CATALOGUS.rsin, ZAAKTYPE.uuid, "openbaar"),
        identificatie="ZAAK-1",
        omschrijving="Parkeren",
        startdatum=MOMENT.date(),
        einddatum=None,
        bsn=bsn,
        kvk=None,
        statussen=(StatusRegel(status.uuid, statustype, MOMENT, ""),),
    )
    return fact, context


def _settings(**extra: Any) -> MijnOverheidSettings:
    values: dict[str, Any] = {
        "stuf_url": "https://mo.example/stuf",
        "cloudevents_url": "https://mo.example/ce",
        "zaaktypen": {CATALOGUS.rsin: [str(ZAAKTYPE.uuid)]},
    }
    return MijnOverheidSettings(**(values | extra))


MESSAGE = {"aanmaakdatum": "2026-03-02T09:00:00Z", "resourceUrl": "http://x/statussen/1"}


def test_informeren_enabled_zaaktype_and_bsn_go_by_both_routes() -> None:
    fact, zaak = _case(INFORMEREN[True], "999993653")
    found = plans(_settings(), CATALOGUE, fact, MESSAGE, zaak, INFORMEREN[True], "urn:x")
    assert [p.target for p in found] == [MIJNOVERHEID_STUF, MIJNOVERHEID_CLOUDEVENTS]
    assert b"999993653" in found[0].body and b"999993653" not in found[1].body


@pytest.mark.parametrize(
    ("informeren", "bsn", "settings"),
    [
        (False, "999993653", {}),  # statustype not marked to inform the citizen
        (True, None, {}),  # no initiator with a BSN
        (True, "999993653", {"zaaktypen": {}}),  # zaaktype not enabled for the municipality
        (True, "999993653", {"zaaktypen": {"123456789": [str(ZAAKTYPE.uuid)]}}),  # other one
        (True, "999993653", {"stuf_url": "", "cloudevents_url": ""}),  # route off
    ],
)
def test_not_sent(informeren: bool, bsn: str | None, settings: dict[str, Any]) -> None:
    fact, zaak = _case(INFORMEREN[informeren], bsn)
    assert (
        plans(
            _settings(**settings), CATALOGUE, fact, MESSAGE, zaak, INFORMEREN[informeren], "urn:x"
        )
        == []
    )
