"""Smoke test of bench.pip_lezen's pure parts (run the benchmark: ``python -m bench.pip_lezen``)."""

from __future__ import annotations

import random

from autorisaties.rights import Visibility
from bench.burger_lezen import BSN
from bench.pip_lezen import _rows, _sql, section
from burgerzaken import queries


def test_seed_rows_give_the_citizen_every_nth_zaak_with_statussen_and_documents() -> None:
    rows = _rows(0, 20, 10, random.Random(1))
    assert len(rows["burgerzaak"]) == 20
    assert sum(1 for row in rows["burgerzaak_betrokkene"] if row[3] == BSN) == 2
    assert len(rows["burgerzaak_status"]) == 2 * 3 + 18
    assert {row[2] for row in rows["burgerdocument"]} == {"openbaar", "vertrouwelijk"}


def test_the_baseline_runs_the_gateways_statements_and_the_section_renders() -> None:
    sql = _sql(queries.zaken_query("bsn", BSN, Visibility(everything=True), 0, 100))
    assert "count(*) OVER ()" in sql and BSN in sql and "LIMIT 100" in sql
    figures = [0.001 * n for n in range(1, 101)]
    text = section({"total": 1000, "count": 10, "documents": 10, "seed_seconds": 1.0,
                    "baseline": figures, "confirmed": figures, "background": figures,
                    "repeats": 100, "load": (1.0, 1.0, 1.0)})  # fmt: skip
    assert "| gateway, record confirmed before the answer (default) |" in text
