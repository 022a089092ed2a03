"""A transcript segment's time in seconds, from the forms speech-to-text tools write it in:
``65.2``, ``"65.2"``, ``"65,2"``, a duration as Google's and Yandex's JSON has it,
``"65.200s"``, or a clock time as subtitles have it, ``"00:01:05.200"`` or ``"01:05,2"``.
Read once at load (ingestion), so the scorer sees numbers."""

from __future__ import annotations

import math
import re

# [[hours:]minutes:]seconds, the seconds with a decimal point or comma; or seconds and "s"
_CLOCK = re.compile(r"(?:(?:(\d+):)?(\d+):)?(\d+(?:[.,]\d*)?|[.,]\d+)|(\d+(?:\.\d*)?|\.\d+)s")


def seconds(value) -> float:
    """``value`` as seconds; ValueError when it is none of the forms above (a negative
    number, minutes or seconds of 60 or more beside a larger unit, text, true/false)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise ValueError(value)
        return float(value)
    if not isinstance(value, str):
        raise ValueError(value)
    match = _CLOCK.fullmatch(value.strip())
    if match is None:
        raise ValueError(value)
    hours, minutes, secs, duration = match.groups()
    if duration is not None:
        return float(duration)
    total = float(secs.replace(",", "."))
    if minutes is not None:
        if total >= 60 or (hours is not None and int(minutes) >= 60):
            raise ValueError(value)
        total += 60 * int(minutes) + 3600 * int(hours or 0)
    return total


def seconds_or(value, otherwise):
    """``seconds(value)``, or ``otherwise`` when the value is none of its forms (or absent)."""
    if type(value) is float and value >= 0:  # as the load stores it
        return value
    if value is None or value == "":
        return otherwise
    try:
        return seconds(value)
    except ValueError:
        return otherwise
