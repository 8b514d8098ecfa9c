"""Prometheus metrics of the runtime (served per process when ``MIDOFFICE_METRICS_PORT`` is
set: :mod:`midoffice.metrics_server`)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

EVENTS_PROCESSED = Counter(
    "midoffice_events_processed_total",
    "Events a processor decided on, by outcome.",
    ["processor", "outcome"],
)
DEAD_LETTERS = Counter(
    "midoffice_dead_letters_total", "Events moved to a dead-letter topic.", ["processor"]
)
BATCH_SECONDS = Histogram(
    "midoffice_batch_seconds",
    "Time to process one consumed batch, from decode to offset commit.",
    ["processor"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
TRANSIENT_RETRIES = Counter(
    "midoffice_transient_retries_total",
    "Batches retried after a transient database or broker error.",
    ["processor"],
)
