"""JSON columns are decoded with orjson, and with the stdlib where orjson refuses what the
stdlib writer may have stored."""

from __future__ import annotations

import json
import math

from midoffice.db import json_loads


def test_json_columns_decode_like_the_stdlib() -> None:
    document = {"kenmerken": [{"kenmerk": "é", "bron": "x"}], "verlenging": None, "n": 1.5}
    assert json_loads(json.dumps(document)) == document
    assert json_loads(json.dumps(document).encode()) == document


def test_what_orjson_refuses_is_still_read() -> None:
    written = json.dumps({"big": 2**70, "nan": math.nan, "inf": math.inf})
    value = json_loads(written)
    assert value["big"] == 2**70 and math.isnan(value["nan"]) and value["inf"] == math.inf
