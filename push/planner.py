"""The push connector's consumer: per accepted fact, plan the deliveries (queue rows).

It runs as a processor (its own consumer group ``push`` on the events topic), so the queue
rows and the inbox entry of the fact are written in one transaction: a redelivered fact is
skipped by the inbox, a duplicate row by ``(target, dedupe_key)`` (for a status change the
key is the status uuid: never two messages for the same status to one target).

For each configured fact type it builds the ZGW notificatie and sends it to every live
abonnement whose kanalen/filters match (kenmerken, statustype, actie, resource) and whose client
may read the zaak (``zaken.lezen`` on its zaaktype up to its vertrouwelijkheidaanduiding, in
the Autorisaties model), and, for status changes, to MijnOverheid (:mod:`push.mijnoverheid`).

Citizen-facing targets (MijnOverheid, abonnementen with ``burgerkanaal``) honour the
initiator's preferences (a message not wanted is recorded as ``suppressed``, never silently
dropped) and the throttle (the excess is deferred to the next window, noted in the ledger).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.pip.notificatie import KANAAL, notificatie
from adapters.zgw.urls import ResourceUrls
from autorisaties import queries as autorisaties_queries
from autorisaties.registry import to_rights
from autorisaties.rights import ClientRights, Component, all_rights
from autorisaties.scopes import ZAKEN_LEZEN
from catalogi.source import CatalogueSource
from notificaties.queries import Abonnement, live_abonnementen
from push import context, mijnoverheid, plans, queue, voorkeuren
from push.matching import attributes, matches
from push.policy import HOUR, throttled_until
from push.settings import MijnOverheidSettings, PushSettings
from push.tables import PENDING, SUPPRESSED
from schemas import event_types as t
from schemas.envelope import Envelope
from schemas.outcome import Accepted, Outcome

log = structlog.get_logger(__name__)
Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]


@dataclass(frozen=True)
class PlannerConfig:
    base_url: str
    event_source: str
    push: PushSettings
    mijnoverheid: MijnOverheidSettings
    demo_client_id: str | None = None  # the demo client (all rights), on loopback only


def _utc(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class Planner:
    """The handler of every configured fact type (see :meth:`handlers`)."""

    def __init__(
        self,
        config: PlannerConfig,
        catalogue: CatalogueSource,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.catalogue = catalogue
        self.clock = clock
        self.urls = ResourceUrls(config.base_url)
        self.key = config.push.pseudonym_key.get_secret_value().encode()
        self.abonnementen: list[Abonnement] | None = None
        """The live abonnementen for the batch in hand, when its processor read them once
        for the whole batch; None: each fact reads them itself."""

    def handlers(self) -> Mapping[str, Handler]:
        """The one mapping: fact type -> this planner (status changes always included)."""
        types = {*self.config.push.fact_types, t.ZAAKSTATUS_GEWIJZIGD}
        return {fact_type: self.plan for fact_type in sorted(types)}

    async def _rights(self, conn: AsyncConnection, client_id: str) -> ClientRights:
        if client_id == self.config.demo_client_id:
            return all_rights(client_id)
        app = await autorisaties_queries.by_client_id(conn, client_id)
        if app is None:
            return ClientRights(client_id)
        return to_rights(client_id, app.heeft_alle_autorisaties, app.autorisaties)

    async def plan(self, conn: AsyncConnection, fact: Envelope) -> Outcome:
        """Queue the deliveries of one accepted fact."""
        done = Accepted(resource="push", resource_uuid=fact.subject, facts=())
        zaak = await context.load(conn, fact.subject, fact.sequence)
        if zaak is None:
            log.info("push_zaak_gone", fact_type=fact.type)
            return done
        kenmerken = zaak.kenmerken
        message = notificatie(fact.type, fact.data, kenmerken, fact.time, self.urls)
        is_status = fact.type == t.ZAAKSTATUS_GEWIJZIGD
        statustype: uuid.UUID | None = getattr(fact.data, "statustype", None) if is_status else None
        values = attributes(message, self.urls.statustype(statustype) if statustype else None)
        source = self.config.event_source
        todo: list[plans.Plan] = []
        abonnementen = self.abonnementen
        if abonnementen is None:
            abonnementen = await live_abonnementen(conn)
        for abonnement in abonnementen:
            if not matches(abonnement.kanalen, KANAAL, values):
                continue
            rights = await self._rights(conn, abonnement.client_id)
            if not rights.allows(
                Component.zrc,
                ZAKEN_LEZEN,
                type_uuid=kenmerken.zaaktype,
                vertrouwelijkheidaanduiding=kenmerken.vertrouwelijkheidaanduiding,
            ):
                log.info("push_not_authorised", abonnement=str(abonnement.uuid))
                continue
            todo.append(
                plans.for_abonnement(
                    abonnement,
                    message,
                    event_id=fact.id,
                    event_type=fact.type,
                    source=source,
                    subject=fact.subject,
                )
            )
        if statustype is not None:
            todo += mijnoverheid.plans(
                self.config.mijnoverheid,
                self.catalogue.current(),
                fact,
                message,
                zaak,
                statustype,
                source,
            )
        resource_uuid = getattr(fact.data, "uuid", fact.id)
        dedupe = f"status:{resource_uuid}" if is_status else f"fact:{fact.id}"
        for plan in todo:
            await self._queue(conn, fact, zaak, plan, dedupe, message)
        return done

    def _subject(self, zaak: context.ZaakContext) -> str | None:
        if zaak.bsn:
            return voorkeuren.subject_of("bsn", zaak.bsn, self.key)
        if zaak.kvk:
            return voorkeuren.subject_of("kvk", zaak.kvk, self.key)
        return None

    async def _queue(
        self,
        conn: AsyncConnection,
        fact: Envelope,
        zaak: context.ZaakContext,
        plan: plans.Plan,
        dedupe: str,
        message: dict[str, Any],
    ) -> None:
        now = self.clock()
        subject = self._subject(zaak)
        state, note, due = PENDING, "", now
        if plan.burger and subject is not None:
            zaaktype = zaak.kenmerken.zaaktype
            if not await voorkeuren.wil_ontvangen(conn, subject, zaaktype, fact.subject):
                state, note = SUPPRESSED, "voorkeur: burger heeft zich afgemeld"
            else:
                times = await queue.scheduled_times(conn, subject, plan.target, now - HOUR)
                due = throttled_until(times, now, self.config.push.throttle_per_hour)
                if due > now:
                    note = f"throttle: uitgesteld tot {_utc(due)}"
        added = await queue.add(
            conn,
            {
                "target": plan.target,
                "zaak": fact.subject,
                "fact_id": fact.id,
                "fact_type": fact.type,
                "resource": message["resource"],
                "actie": message["actie"],
                "dedupe_key": dedupe,
                "idempotency_key": str(uuid.uuid5(fact.id, plan.target)),
                "subject": subject,
                "content_type": plan.content_type,
                "body": plan.body.decode(),
                "state": state,
                "note": note,
                "attempts": 0,
                "last_error": "",
                "created_at": now,
                "queued_at": now,
                "next_attempt_at": due,
            },
        )
        log.info(
            "push_planned" if added else "push_duplicate_skipped",
            target=plan.target,
            state=state,
            throttled=due > now,
            subject=subject,
        )
