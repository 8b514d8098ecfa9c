"""Pure logic of the push connector: circuit breaker, backoff, throttle, filters, signing."""

from __future__ import annotations

import random
import uuid

import pytest

from adapters.pip.notificatie import resource_and_actie
from push.breaker import CircuitBreaker, State
from push.matching import attributes, matches
from push.outbound_auth import signature, verify
from push.policy import HOUR, backoff, throttled_until
from push.sender import Verdict, classify
from schemas import event_types as t
from schemas.payloads import ZaakVerwijderdV1


def test_breaker_opens_after_n_failures_and_probes_after_cooldown() -> None:
    breaker = CircuitBreaker(failures=3, cooldown=10.0)
    assert breaker.allows(0.0) == -1
    breaker.failure(1.0)
    breaker.failure(2.0)
    assert breaker.state == State.closed
    breaker.success()  # a success resets the count
    for moment in (3.0, 4.0, 5.0):
        breaker.failure(moment)
    assert breaker.state == State.open and breaker.allows(14.9) == 0
    assert breaker.allows(15.0) == 1 and breaker.state == State.half_open  # one probe
    breaker.started()
    assert breaker.allows(15.1) == 0  # the probe is out: nothing else
    breaker.failure(16.0)  # probe failed: open again, new cool-down
    assert breaker.state == State.open and breaker.allows(25.9) == 0
    assert breaker.allows(26.0) == 1
    breaker.started()
    breaker.success()
    assert breaker.state == State.closed and breaker.allows(26.1) == -1


def test_backoff_grows_exponentially_with_jitter_and_cap() -> None:
    rng = random.Random(7)
    for attempt, ceiling in ((1, 1.0), (2, 2.0), (3, 4.0), (10, 60.0)):
        delays = [backoff(attempt, 1.0, 60.0, rng) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len({round(d, 6) for d in delays}) > 100  # jittered


def test_throttle_defers_the_excess_to_the_next_window() -> None:
    now = 10_000.0
    assert throttled_until([], now, 2) == now
    assert throttled_until([now - 100], now, 2) == now
    assert throttled_until([now - 100, now - 50], now, 2) == now - 100 + HOUR
    assert throttled_until([now - HOUR - 1, now - 50], now, 2) == now  # outside the hour
    deferred = now - 100 + HOUR
    assert throttled_until([now - 100, now - 50, deferred], now, 2) == now - 50 + HOUR
    # at most `limit` in any hour: the schedule of 5 messages at limit 2
    times: list[float] = []
    for _ in range(5):
        times.append(throttled_until(times, now, 2))
    for start in times:
        assert sum(1 for x in times if start <= x < start + HOUR) <= 2


NOTIFICATIE = {
    "kanaal": "zaken",
    "resource": "status",
    "actie": "create",
    "kenmerken": {
        "bronorganisatie": "002220647",
        "zaaktype": "http://a/catalogi/api/v1/zaaktypen/zt-1",
        "vertrouwelijkheidaanduiding": "openbaar",
    },
}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, True),
        ({"bronorganisatie": "002220647"}, True),
        ({"bronorganisatie": "123456789"}, False),
        ({"zaaktype": "https://other-host/catalogi/api/v1/zaaktypen/zt-1"}, True),
        ({"zaaktype": "http://a/catalogi/api/v1/zaaktypen/zt-2"}, False),
        ({"statustype": "http://x/statustypen/st-1"}, True),
        ({"statustype": "http://x/statustypen/st-2"}, False),
        ({"actie": "create", "resource": "status"}, True),
        ({"actie": "update"}, False),
        ({"vertrouwelijkheidaanduiding": "geheim"}, False),
    ],
)
def test_filters(filters: dict[str, str], expected: bool) -> None:
    values = attributes(NOTIFICATIE, "http://a/catalogi/api/v1/statustypen/st-1")
    assert matches([{"naam": "zaken", "filters": filters}], "zaken", values) is expected
    assert not matches([{"naam": "documenten", "filters": filters}], "zaken", values)


def test_statustype_filter_never_matches_other_resources() -> None:
    values = attributes({**NOTIFICATIE, "resource": "zaak"}, None)
    assert not matches([{"naam": "zaken", "filters": {"statustype": "st-1"}}], "zaken", values)


def test_hmac_signature() -> None:
    header = signature("geheim", b'{"a": 1}', 1_700_000_000)
    assert header.startswith("t=1700000000,v1=")
    assert verify("geheim", b'{"a": 1}', header, 1_700_000_010)
    assert not verify("geheim", b'{"a": 2}', header, 1_700_000_010)
    assert not verify("ander", b'{"a": 1}', header, 1_700_000_010)
    assert not verify("geheim", b'{"a": 1}', header, 1_700_001_000)  # too old: replay


@pytest.mark.parametrize(
    ("status", "oauth2", "verdict"),
    [
        (200, False, Verdict.delivered),
        (204, False, Verdict.delivered),
        (400, False, Verdict.permanent),
        (404, False, Verdict.permanent),
        (401, False, Verdict.permanent),
        (401, True, Verdict.transient),
        (408, False, Verdict.transient),
        (429, False, Verdict.transient),
        (500, False, Verdict.transient),
        (503, False, Verdict.transient),
    ],
)
def test_classify(status: int, oauth2: bool, verdict: Verdict) -> None:
    assert classify(status, oauth2) == verdict


def test_resource_and_actie() -> None:
    identifier = uuid.uuid4()
    assert resource_and_actie(t.ZAAK_VERWIJDERD, ZaakVerwijderdV1(uuid=identifier)) == (
        "zaak",
        "destroy",
        identifier,
    )
