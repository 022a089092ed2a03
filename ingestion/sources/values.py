"""Values as exports really write them, read into one spelling per type.

Russian Excel and 1C write ``1 234,50`` (a space or a no-break space between thousands, a
comma before kopecks), ``01.10.2026`` and ``15.10.2026 9:59``; other systems write
``1,234.50`` and ISO dates. Each is parsed by the column's type at load and written to the
raw table in one spelling (``1234.50``, ``2026-10-01``, ``2026-10-15T09:59:00+03:00``), so
staging's casts never meet a value they cannot read. A value that does not parse raises
``ValueProblem`` with what was expected; the row goes to quarantine naming file, line,
column and value.

Some values read two ways alone: ``1,500`` (1500, or 1.5 with a decimal comma) and
``05/10/2026`` (5 October, or 10 May as English US Excel writes it). A file is written by
one program, so such a value is read as the file's other values show (``conventions_of``);
where none shows it, it is refused with both readings (``Ambiguous``) rather than guessed,
since a guess could pay a thousand times over or credit a deal to another month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

# column types a table may declare (ingestion/sources/tabular.py TableSpec.types)
TYPES = ("decimal", "integer", "date", "month", "datetime", "flag")
# yes/no as exports write it: Russian Excel saves TRUE and FALSE as ИСТИНА and ЛОЖЬ
_YES = {"true", "t", "1", "yes", "y", "да", "д", "истина", "+", "x", "х", "✓", "✔"}
_NO = {"false", "f", "0", "no", "n", "нет", "н", "ложь", "-", "–", "—"}
_FLAG = "yes or no (true/false, 1/0, да/нет, ИСТИНА/ЛОЖЬ; empty is no)"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")  # thousands: spaces of every kind, Swiss '
_GROUPED = {mark: re.compile(rf"\d{{1,3}}(\{mark}\d{{3}})+") for mark in (",", ".")}
# the rouble as Excel's currency formats write it: after the number (Russian), before it
# (English: ₽1,234.50); another currency is no number here, so such a row is quarantined
_CURRENCY = re.compile(r"(?i)^\s*(₽|rub)\s*|\s*(₽|руб\.?|р\.|rub)\s*$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_ONLY = re.compile(r"^(?:(\d{4})-(\d{1,2})|(\d{1,2})[./](\d{4}))$")
# "декабрь 2026", "Декабрь 2026 г.", "дек.26", "December 2026", "Dec-26" (Excel's mmm-yy)
_NAMED_MONTH = re.compile(r"^([^\W\d_]+)\.?[\s-]*(\d{4}|\d{2})(?:\s*г(?:\.|ода?)?)?$")
_MONTH_WORDS = [  # each month's names and abbreviations, Russian (nominative, genitive) and English
    "январь января янв january jan", "февраль февраля фев февр february feb",
    "март марта мар march mar", "апрель апреля апр april apr", "май мая may",
    "июнь июня июн june jun", "июль июля июл july jul", "август августа авг august aug",
    "сентябрь сентября сен сент september sep sept", "октябрь октября окт october oct",
    "ноябрь ноября ноя нояб november nov", "декабрь декабря дек december dec",
]  # fmt: skip
_MONTH_NAMES = {word: number for number, words in enumerate(_MONTH_WORDS, 1) for word in words.split()}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")  # 05/10/2026: day or month first?


class ValueProblem(ValueError):
    """A value that is not what its column holds; the message says what was expected."""


class Ambiguous(ValueProblem):
    """A value that reads two ways, and nothing else in its file says which."""


@dataclass(frozen=True)
class Conventions:
    """How one file writes what a value alone may not tell, from the values that do: the
    decimal mark of ``1,500`` (``,`` or ``.``) and whether ``05/10/2026`` is day first
    (``month_first`` False) or month first, as English (US) Excel writes it. None: no
    value in the file shows it (or they disagree). A file is written by one program."""

    decimal_mark: str | None = None
    month_first: bool | None = None


def configured_conventions() -> Conventions:
    """What to read where a file shows nothing: AUTOKPI_DECIMAL_MARK, AUTOKPI_SLASHED_DATES."""
    from core import settings

    mark = {"comma": ",", "point": "."}.get(settings.get("AUTOKPI_DECIMAL_MARK"))
    order = {"day-first": False, "month-first": True}.get(settings.get("AUTOKPI_SLASHED_DATES"))
    return Conventions(mark, order)


def conventions_of(cells: Iterable[tuple[str, object]], default: Conventions = Conventions()) -> Conventions:
    """The conventions a file's typed cells (column kind, value) show; ``default`` (the
    settings) where they show none. What a file shows wins over a setting."""
    marks, orders = set(), set()
    for kind, value in cells:
        if not isinstance(value, str) or value.startswith("="):
            continue  # a typed XLSX cell, or a formula (written in English whatever the locale)
        if kind in ("decimal", "integer"):
            marks.add(decimal_mark_shown(value))
        elif kind in ("date", "datetime", "month"):
            orders.add(month_first_shown(value))
    marks.discard(None)
    orders.discard(None)
    return Conventions(
        marks.pop() if len(marks) == 1 else default.decimal_mark if not marks else None,
        orders.pop() if len(orders) == 1 else default.month_first if not orders else None,
    )


def month_first_shown(text: str) -> bool | None:
    """Whether a slashed date shows its order: ``25/10/2026`` day first (False),
    ``10/25/2026`` month first (True); ``05/10/2026``, a dotted or an ISO date do not."""
    m = _SLASHED.match(re.split(r"[ T]", text.strip(), maxsplit=1)[0])
    if not m:
        return None
    first, second = int(m[1]), int(m[2])
    return False if first > 12 >= second else True if second > 12 >= first else None


_AMBIGUOUS = re.compile(r"[1-9]\d{0,2}([.,])\d{3}")  # 1,500 / 150.000: thousands or a decimal mark?
_NUMBER = "a number (e.g. 1234.50 or 1 234,50)"


_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # the minus sign and the en dash of typeset reports


def _signed(text: str) -> tuple[bool, str]:
    """Whether a written amount is negative (``-1 234,50``, ``(1 234,50 ₽)``, ``-₽1,234.50``),
    and its digits and marks without the sign or the rouble."""
    raw = _CURRENCY.sub("", text.strip().translate(_MINUS))
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, _CURRENCY.sub("", raw[1:-1])
    if raw[:1] in ("-", "+"):
        negative, raw = negative or raw[0] == "-", _CURRENCY.sub("", raw[1:])
    return negative, raw.strip()


def _bare(text: str) -> str:
    return _signed(text)[1]


def decimal_mark_shown(text: str) -> str | None:
    """The decimal mark one written number shows beyond doubt (``,`` or ``.``), else None:
    ``1 234,50``, ``0,5``, ``1.234,5`` and ``1,234,567`` show one; ``1,500`` and ``1234`` do not."""
    raw = _bare(text)
    marks = [c for c in raw if c in ",."]
    if not marks:
        return None
    if len(set(marks)) == 2:
        return marks[-1]  # the later mark is the decimal one
    mark = marks[0]
    if len(marks) > 1:
        return "." if mark == "," else ","  # one mark written again groups thousands
    if _SPACES.search(raw) or not _AMBIGUOUS.fullmatch(raw):
        return mark  # spaces group the thousands, or the mark cannot be grouping (0,500 / 1,5 / 1234,500)
    return None


def parse_decimal(text: str, decimal_mark: str | None = None) -> str:
    """``1 234,50`` / ``1,234.50`` / ``1234.5`` / ``-0,5`` → ``1234.50`` … as written, no rounding.

    ``1,500`` or ``150.000`` is 1500 / 150000 where thousands are grouped with that mark and
    1.5 / 150 where it is the decimal one: it is read by ``decimal_mark`` (the file's, from
    ``conventions_of``) and refused without one, since a guess could pay a thousand times over."""
    negative, raw = _signed(text)
    if m := _AMBIGUOUS.fullmatch(raw):
        mark = m[1]
        if decimal_mark is None:
            grouped, decimal = raw.replace(mark, ""), raw.replace(mark, ".")
            decimal = decimal.rstrip("0").rstrip(".")
            raise Ambiguous(
                f"a number whose decimal mark is clear: {raw} is {grouped} if '{mark}' groups thousands and "
                f"{decimal} if it is the decimal mark, and no other number in the file shows which; "
                f"write it as {grouped} or {decimal.replace('.', ',')} and send the file again (or say "
                "which with AUTOKPI_DECIMAL_MARK)"
            )
        raw = raw.replace(mark, "") if decimal_mark != mark else raw
    raw = _SPACES.sub("", raw)
    if "," in raw and "." in raw:  # the later mark is the decimal one, the other groups thousands
        thousands = "," if raw.rfind(".") > raw.rfind(",") else "."
        whole, _, fraction = raw.rpartition("." if thousands == "," else ",")
        if not _GROUPED[thousands].fullmatch(whole):
            raise ValueProblem(_NUMBER)
        raw = whole.replace(thousands, "") + "." + fraction
    elif raw.count(",") > 1 or raw.count(".") > 1:  # 1,234,567 / 1.234.567: thousands only
        mark = "," if "," in raw else "."
        if not _GROUPED[mark].fullmatch(raw):
            raise ValueProblem(_NUMBER)
        raw = raw.replace(mark, "")
    else:
        raw = raw.replace(",", ".")  # Russian: the comma is the decimal mark
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", raw):
        raise ValueProblem(_NUMBER)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueProblem(_NUMBER) from None
    return format(-value if negative else value, "f")


def parse_flag(text: str) -> str:
    """``да``, ``ИСТИНА``, ``Y``, ``1``, ``+`` → ``true``; ``нет``, ``ЛОЖЬ``, ``0`` → ``false``.
    Anything else is refused: read as "no", a misspelt "yes" would quietly drop a product
    from the priority products a bonus pays on."""
    word = text.strip().lower()
    if word in _YES:
        return "true"
    if word in _NO:
        return "false"
    raise ValueProblem(_FLAG)


def parse_integer(text: str, decimal_mark: str | None = None) -> str:
    """A whole number; ``1,500`` in a file that shows no decimal mark is 1500, its one whole reading."""
    if decimal_mark is None and (m := _AMBIGUOUS.fullmatch(_bare(text))):
        decimal_mark = "." if m[1] == "," else ","
    value = Decimal(parse_decimal(text, decimal_mark))
    if value != value.to_integral_value():
        raise ValueProblem("a whole number")
    return str(int(value))


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def parse_date(text: str, month_first: bool | None = False) -> str:
    """``2026-10-01``, ``01.10.2026``, ``1.10.26`` or the date of a date-time → ``2026-10-01``.
    ``05/10/2026`` is read day first or month first by ``month_first`` (the file's, from
    ``conventions_of``), and refused with both readings when it is None."""
    raw = text.strip()
    day_part = re.split(r"[ T]", raw, maxsplit=1)[0]
    slashed = _SLASHED.match(day_part)
    if slashed and month_first is None:
        first, second, year = int(slashed[1]), int(slashed[2]), _year(slashed[3])
        if first != second and first <= 12 and second <= 12:
            day_first, month_first_ = date(year, second, first), date(year, first, second)
            raise Ambiguous(
                f"a date whose order is clear: {day_part} is {day_first:%d.%m.%Y} read day first and "
                f"{month_first_:%d.%m.%Y} read month first, and no other date in the file shows "
                f"which; write it as {day_first.isoformat()} or {month_first_.isoformat()} and send "
                "the file again (or say which with AUTOKPI_SLASHED_DATES)"
            )
    try:
        if m := _ISO_DATE.match(day_part):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if slashed and month_first:
            return date(_year(slashed[3]), int(slashed[1]), int(slashed[2])).isoformat()
        if m := _DMY.match(day_part):
            return date(_year(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:
        raise ValueProblem("a date that exists (e.g. 2026-10-01 or 01.10.2026)") from None
    raise ValueProblem("a date (e.g. 2026-10-01 or 01.10.2026)")


def parse_month(text: str, month_first: bool | None = False) -> str:
    """``2026-10``, ``10.2026``, ``октябрь 2026`` / ``окт.26`` / ``Oct-26``, or any date of
    the month → ``2026-10-01``."""
    raw = text.strip()
    if (m := _NAMED_MONTH.match(raw)) and (month := _MONTH_NAMES.get(m[1].lower())):
        year = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
        return date(year, month, 1).isoformat()
    if m := _MONTH_ONLY.match(raw):
        year, month = (m[1], m[2]) if m[1] else (m[4], m[3])
        if 1 <= int(month) <= 12:
            return date(int(year), int(month), 1).isoformat()
        raise ValueProblem("a month (e.g. 2026-10 or 10.2026)")
    try:
        return date.fromisoformat(parse_date(raw, month_first)).replace(day=1).isoformat()
    except Ambiguous:
        raise
    except ValueProblem:
        raise ValueProblem("a month (e.g. 2026-10, 10.2026, октябрь 2026 or 01.10.2026)") from None


def parse_datetime(text: str, zone: str, month_first: bool | None = False) -> str:
    """An ISO date-time with or without an offset, or ``15.10.2026 09:59[:00]`` (or
    ``10/15/2026 9:59 AM``, the date read as ``parse_date`` does): a time without an offset
    is the source's local time (``zone``) → ISO with the offset."""
    raw = text.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        parts = re.split(r"[ T]+", raw, maxsplit=1)
        day = date.fromisoformat(parse_date(parts[0], month_first))
        if len(parts) == 1:
            parsed = datetime.combine(day, time())
        else:
            m = _TIME.match(parts[1])
            if not m:
                raise ValueProblem("a date and time (e.g. 2026-10-15 09:59 or 15.10.2026 09:59)") from None
            hour = int(m[1])
            if m[5]:  # 12 AM is midnight, 12 PM noon
                if not 1 <= hour <= 12:
                    raise ValueProblem("a time that exists (hours 1–12 before AM or PM)") from None
                hour = hour % 12 + (12 if m[5].lower() == "p" else 0)
            try:
                clock = time(hour, int(m[2]), int(m[3] or 0), int((m[4] or "0").ljust(6, "0")))
            except ValueError:
                raise ValueProblem("a time that exists (hours 0–23, minutes 0–59)") from None
            parsed = datetime.combine(day, clock)
    return as_local(parsed, zone).isoformat()


def as_local(value: datetime, zone: str) -> datetime:
    """A date-time with its offset: one without is the source's local time."""
    return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(zone))


def normalise(value, kind: str, zone: str, file: Conventions = Conventions(month_first=False)) -> str | None:
    """A cell (text, or a typed XLSX value) in the one spelling of ``kind``; None stays None.
    ``file``: the conventions of the cell's file (``conventions_of``), for ``1,500`` and
    ``05/10/2026``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        if kind == "flag":
            return "true" if value else "false"
        raise ValueProblem(f"a {kind}, not yes/no")
    if kind == "flag":
        if isinstance(value, (int, float, Decimal)) and value in (0, 1):
            return "true" if value else "false"
        if not isinstance(value, str):
            raise ValueProblem(_FLAG)
        return parse_flag(value)
    if isinstance(value, datetime):  # an XLSX cell: typed already
        if kind == "datetime":
            return as_local(value, zone).isoformat()
        value = value.date()
    if isinstance(value, date):
        if kind in ("date", "datetime"):
            return (
                value.isoformat()
                if kind == "date"
                else as_local(datetime.combine(value, time()), zone).isoformat()
            )
        if kind == "month":
            return value.replace(day=1).isoformat()
        raise ValueProblem(f"a {kind}, not a date")
    if isinstance(value, (int, float, Decimal)):
        if kind in ("decimal", "integer"):
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if not number.is_finite():
                raise ValueProblem("a finite number")
            return parse_integer(format(number, "f")) if kind == "integer" else format(number, "f")
        raise ValueProblem(f"a {kind}, not a number")
    text = str(value)
    if kind == "decimal":
        return parse_decimal(text, file.decimal_mark)
    if kind == "integer":
        return parse_integer(text, file.decimal_mark)
    if kind == "date":
        return parse_date(text, file.month_first)
    if kind == "month":
        return parse_month(text, file.month_first)
    return parse_datetime(text, zone, file.month_first)
