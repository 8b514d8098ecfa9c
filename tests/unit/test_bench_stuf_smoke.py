"""Fast checks of the StUF intake benchmark's helpers (the benchmark itself:
``python -m bench.stuf_intake``)."""

from __future__ import annotations

from pathlib import Path

from bench.stats import Measurement
from bench.stuf_intake import (
    BEGIN,
    END,
    parse_loop,
    report,
    template,
    translation_loop,
    write,
    zgw_body,
)
from bench.stuf_intake import message as stuf_message


def test_messages_have_the_sizes_and_are_each_a_new_zaak(tmp_path: Path) -> None:
    for size in (5 * 1024, 20 * 1024):
        text = template(size)
        assert size <= len(text.encode()) < size + 1024
        first, second = stuf_message(text, 1), stuf_message(text, 1)
        assert first != second and b"bench-" in first
    raw = parse_loop([stuf_message(template(5 * 1024), 0)], 0.05)
    assert raw.successes > 0
    translated = translation_loop([stuf_message(template(5 * 1024), 0)], 0.05)
    assert translated.successes > 0
    zgw = Measurement(1.0, [0.02] * 5)
    table = report([("5 KB", 5151, Measurement(1.0, [0.01] * 10), raw, translated, zgw)], 4)
    assert "| 5.0 | 20.0 |" in table
    body = zgw_body(template(5 * 1024))
    assert body["zaak"]["identificatie"] == "0392-2020-0000027" and len(body["rollen"]) >= 1
    assert "| 5 KB | 5151 | 10.0 |" in table
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n")
    write("figures", doc)
    write("again", doc)
    assert doc.read_text().count(BEGIN) == 1 and f"{BEGIN}\nagain\n{END}" in doc.read_text()
