"""The PBX's times read by Arrow without Arrow's roll-over (core/pbx_times.py)."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from core.pbx_times import moments


def test_a_time_no_clock_shows_is_no_time_and_a_real_one_keeps_its_unit():
    text = [
        "2026-02-30 10:00:00",
        "2026-03-02 10:00:00",
        "2026-11-31 23:59:59",
        "2024-02-29 10:00:00",
        "x",
        None,
    ]
    expected = [None, datetime(2026, 3, 2, 10), None, datetime(2024, 2, 29, 10), None, None]
    assert moments(pa.array(text)).to_pylist() == expected
    chunked = moments(pa.chunked_array([pa.array(text[:3]), pa.array(text[3:])]), unit="us")
    assert chunked.type == pa.timestamp("us") and chunked.to_pylist() == expected
