"""Every setting autokpi reads from the environment, in one place: its name, type,
default and what it does. Read a setting with ``get(NAME)``; a value that cannot work
(a time zone that is not an IANA name, a number that is not one) raises ``SettingError``
naming the variable, the value and what it should be, before anything uses it.

The README's settings table is generated from ``SETTINGS`` (``python -m core.settings``),
and a test keeps the two equal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import UserFacingError


class SettingError(UserFacingError):
    """A setting whose value cannot work; the message names it and says what it takes."""


def _time_zone(value: str) -> str:
    if "/" not in value and value not in ("UTC", "GMT"):
        raise ValueError("an IANA time zone name such as Europe/Moscow")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("an IANA time zone name such as Europe/Moscow") from None
    return value


def _positive_number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("a number") from None
    if number <= 0:
        raise ValueError("a number above 0")
    return number


def _text(value: str) -> str:
    return value


def _date_or_empty(value: str):
    if not value:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("a date as YYYY-MM-DD") from None


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    doc: str
    parse: Callable[[str], object] = _text


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting(
            "AUTOKPI_PBX_TIMEZONE",
            "Europe/Moscow",
            "The time zone the PBX writes its local times in (Asterisk writes local time).",
            _time_zone,
        ),
        Setting(
            "AUTOKPI_CRM_TIMEZONE",
            "",
            "The time zone of CRM and plan times written without an offset (XLSX cells, "
            "`15.10.2026 09:59`); empty: the PBX's.",
            lambda v: _time_zone(v) if v else v,
        ),
        Setting(
            "AUTOKPI_DATA_FROM",
            "",
            "Calls and deals dated before this day (YYYY-MM-DD) are quarantined; empty: a year "
            "before the first plan month (no limit without plans). After tomorrow is always out.",
            _date_or_empty,
        ),
        Setting(
            "AUTOKPI_FRESHNESS_DAYS",
            "3",
            "Call records or deals older than this many days are worth a warning.",
            _positive_number,
        ),
    ]
}


def get(name: str):
    """The setting's value from the environment (or its default), parsed and checked."""
    setting = SETTINGS[name]
    raw = os.environ.get(name)
    value = setting.default if raw is None or raw == "" else raw
    try:
        return setting.parse(value)
    except ValueError as error:
        raise SettingError(f"{name}={value!r} cannot work: it must be {error}") from None


def crm_timezone() -> str:
    return get("AUTOKPI_CRM_TIMEZONE") or get("AUTOKPI_PBX_TIMEZONE")
