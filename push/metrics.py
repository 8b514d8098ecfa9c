"""Prometheus metrics of the push connector (default registry, served with the others)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

DELIVERIES = Counter(
    "midoffice_push_deliveries_total",
    "Delivery attempts, by target kind and outcome (delivered, retry, dead).",
    ["target_kind", "outcome"],
)
DEAD_LETTERS = Counter(
    "midoffice_push_dead_letters_total",
    "Deliveries moved to dead letters (an alert is logged for each).",
    ["target_kind", "reason"],
)
ATTEMPT_SECONDS = Histogram(
    "midoffice_push_attempt_seconds",
    "Duration of one delivery attempt (HTTP request, auth included).",
    ["target_kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BREAKER_OPEN = Gauge(
    "midoffice_push_breaker_open", "1 while the target's circuit breaker is open.", ["target"]
)


def kind(target: str) -> str:
    """The bounded label of a target: ``abonnement`` or ``mijnoverheid:<route>``."""
    return target if target.startswith("mijnoverheid") else target.partition(":")[0]
