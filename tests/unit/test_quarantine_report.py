"""How `autokpi quarantine` prints a row: the value shortened, what it should be whole."""

from __future__ import annotations

import pytest

from orchestration.quarantine_report import _row_reason


def test_a_long_value_is_shortened_and_what_to_do_is_kept_whole():
    cut_line = "'" + "x" * 300 + "'"
    expected = "a number (e.g. 1234.50 or 1 234,50); correct it in the file and send it again"
    said = _row_reason("revenue_plan", f"{cut_line}: expected {expected}")
    assert said.startswith("revenue_plan='xxx") and "…" in said
    assert said.endswith(f": expected {expected}")
    assert len(said) < 60 + len("revenue_plan=") + len(": expected ") + len(expected) + 1


def test_a_short_value_without_an_expectation_is_printed_as_it_is():
    assert _row_reason("disposition", "PERHAPS") == "disposition=PERHAPS"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("ANSWERED\t", "disposition='ANSWERED\\t'"),  # the tab that got it quarantined, visible
        (" BUSY", "disposition=' BUSY'"),
        ("ОТВЕЧЕН", "disposition=ОТВЕЧЕН"),  # an ordinary value as it is, Cyrillic too
    ],
)
def test_a_value_is_shown_with_what_cannot_be_seen_written_out(value, shown):
    assert _row_reason("disposition", value) == shown
