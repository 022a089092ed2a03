"""A raw check's failure as one sentence a person can act on: what is wrong, in which
file and line, with the value, and what to do. GX names a rule
(``expect_column_values_to_be_between``); the person who sent the file needs
``1 row has a quantity that is not above 0, e.g. 0 (crm/deal_lines.csv line 2): correct it
in the file and send it again``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    expectation: str
    column: str
    unexpected_count: int
    examples: list
    observed: object = None  # what a table-level expectation (a column's max) saw
    bounds: tuple = (None, None)
    sentence: str | None = None  # a rule between rows (quality/directory_rules.py), in words
    reference: str | None = None  # schema.table.column the values must be in (Suite.references)
    where: tuple = ()  # per example: its file and line, and what it resembles there, or ""
    places: tuple = ()  # per example: the file and line of its row ("crm/deals.csv line 3"), or ""
    allowed: tuple = ()  # the values a column may hold (a value set)
    strict: tuple = (False, False)  # a range's bounds excluded (above 0, not 0 or more)
    columns: tuple = ()  # the columns of a rule on several (a compound key, billsec ≤ duration)
    or_equal: bool = True  # a pair rule: A ≥ B rather than A > B
    read_as: str = ""  # what the column's text is read as ("a date and time"): no such value is none

    def __str__(self) -> str:
        if self.sentence:
            return self.sentence
        if self.reference and self.unexpected_count:
            return self._not_in_reference()
        if self.observed is not None and not self.unexpected_count:
            low, high = self.bounds
            if self.expectation == "expect_column_max_to_be_between" and low is not None:
                return (
                    f"the newest {self.column} is {_day(self.observed)}, before {_day(low)}: no new data "
                    "arrived lately (AUTOKPI_FRESHNESS_DAYS says how old is too old)"
                )
            return f"{self.expectation}({self.column}): {self.observed}, expected {low} to {high}"
        said = _ROW_SENTENCES.get(self.expectation)
        sentence = said(self) if said is not None and self.unexpected_count else None
        if sentence:
            return sentence
        rows = f"{self.unexpected_count} row{'s' if self.unexpected_count != 1 else ''}"
        return f"{self.expectation}({self.column}): {rows}, e.g. {self.examples}"

    def _not_in_reference(self) -> str:
        """Values another table does not have, with where they are and what they resemble
        there: 'Е0004' with a Cyrillic Е looks like E0004 and is no employee."""
        listed = _inbox_name(self.reference)
        one = self.unexpected_count == 1
        rows = f"{self.unexpected_count} row{'' if one else 's'} {'has' if one else 'have'}"
        shown = [
            f"{v!r} ({w})" if w else repr(v) for v, w in itertools.zip_longest(self.examples, self.where)
        ]
        examples = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
        them = "it" if one else "them"
        return (
            f"{rows} {self.column} not in {listed}, e.g. {examples}: write {them} as {listed} does, "
            f"or add {them} to {listed}"
        )

    # -- the words of each rule on rows ------------------------------------------------

    @property
    def _one(self) -> bool:
        return self.unexpected_count == 1

    def _rows_have(self) -> str:
        return f"{self.unexpected_count} row{' has' if self._one else 's have'}"

    def _examples(self, show=repr) -> str:
        """The examples with their file and line: ``0 (crm/deal_lines.csv line 2)``."""
        shown = [
            f"{show(v)} ({p})" if p else show(v)
            for v, p in itertools.zip_longest(self.examples[:3], self.places[:3], fillvalue="")
        ]
        return and_listed(shown)

    def _between(self) -> str:
        low, high = self.bounds
        strict_low, strict_high = self.strict
        above = f"above {_plain(low)}" if strict_low else f"{_plain(low)} or more"
        below = f"below {_plain(high)}" if strict_high else f"{_plain(high)} or less"
        need = above if high is None else below if low is None else f"{above} and {below}"
        it = "it" if self._one else "them"
        return (
            f"{self._rows_have()} a {self.column} that is not {need}, e.g. {self._examples(_plain)}: "
            f"correct {it} in the file and send it again"
        )

    def _not_null(self) -> str:
        places = and_listed([p for p in self.places[:3] if p])
        where = f", e.g. {places}" if places else ""
        if self.read_as:  # 2026-11-31 is no date: read as none
            return (
                f"{self._rows_have()} no {self.column}, or one that is not {self.read_as}{where}: "
                f"write {self.read_as} that exists and send the file again"
            )
        return f"{self._rows_have()} no {self.column}{where}: fill it in and send the file again"

    def _in_set(self) -> str | None:
        if not self.allowed:
            return None
        allowed = ", ".join(str(v) for v in self.allowed)
        it = "it" if self._one else "them"
        return (
            f"{self._rows_have()} a {self.column} that is none of {allowed}, e.g. {self._examples()}: "
            f"write {it} as one of these and send the file again"
        )

    def _shared(self) -> str:
        """Rows sharing a key: each value once, with the lines that hold it."""
        names = self.columns or (self.column,)
        key = " and ".join(names)
        lines: dict = {}
        for value, place in itertools.zip_longest(self.examples, self.places, fillvalue=""):
            lines.setdefault(_key_text(value, names), []).append(place)
        shown = [
            f"{value} ({_lines_of(places)})" if any(places) else value for value, places in lines.items()
        ]
        return (
            f"{self.unexpected_count} rows share a {key} with another row, e.g. {and_listed(shown[:3])}: "
            f"keep one row per {key}, or give each its own, and send the file again"
        )

    def _pair(self) -> str | None:
        if len(self.columns) != 2:
            return None
        a, b = self.columns
        relation = "above" if self.or_equal else "not below"
        shown = [
            f"{a} {_plain(v[0])} and {b} {_plain(v[1])}" + (f" ({p})" if p else "")
            for v, p in itertools.zip_longest(self.examples[:3], self.places[:3], fillvalue="")
            if isinstance(v, (tuple, list)) and len(v) == 2
        ]
        it = "it" if self._one else "them"
        return (
            f"{self._rows_have()} a {b} {relation} its {a}, e.g. {and_listed(shown)}: "
            f"correct {it} in the file and send it again"
        )


_ROW_SENTENCES = {
    "expect_column_values_to_be_between": Failure._between,
    "expect_column_values_to_not_be_null": Failure._not_null,
    "expect_column_values_to_be_in_set": Failure._in_set,
    "expect_column_values_to_be_unique": Failure._shared,
    "expect_compound_columns_to_be_unique": Failure._shared,
    "expect_column_pair_values_a_to_be_greater_than_b": Failure._pair,
}


def _plain(value) -> str:
    """A number as the file wrote it: 0, not 0.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def and_listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def _key_text(value, names: tuple) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{n} {value.get(n)}" for n in names) + ")"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(f"{n} {v}" for n, v in zip(names, value, strict=False)) + ")"
    return repr(value)


def _lines_of(places: list[str]) -> str:
    """``crm/deals.csv line 2`` and ``crm/deals.csv line 5`` → ``crm/deals.csv lines 2 and 5``."""
    pairs = [p.rpartition(" line ") for p in places if p]
    return lines_in_files((file, int(line)) for file, _, line in pairs)


def lines_in_files(places) -> str:
    """(file, line) pairs as a person reads them: ``directory/employees.csv lines 2 and 3;
    other.csv line 5`` (a file without a line: its name alone)."""
    by_file: dict[str, list[int]] = {}
    for file, line in places:
        by_file.setdefault(file, [])
        if line is not None:
            by_file[file].append(line)
    parts = []
    for file, lines in by_file.items():
        lines = sorted(lines)
        parts.append(
            file
            if not lines
            else f"{file} line{'s' if len(lines) > 1 else ''} {and_listed([str(n) for n in lines])}"
        )
    return "; ".join(parts)


def _inbox_name(reference: str) -> str:
    """raw_directory.employees.employee_id -> directory/employees: how the inbox names it."""
    schema, table, _ = reference.split(".")
    return f"{schema.removeprefix('raw_')}/{table}"


# Cyrillic letters drawn like Latin ones: an id typed on a Russian keyboard looks right
_CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсух", "ABEKMHOPCTXaeopcyx")


def resemblance(value: str, listed: list[str], reference: str, names: dict[str, str] | None = None) -> str:
    """What ``value`` resembles among the ``listed`` values of ``reference``: the same id
    with Cyrillic look-alike letters, or in other case or spacing, or (``names``: a person's
    name, folded by ``name_key``, to their ids: "E0004", or "E0004 and E0009" for namesakes)
    someone's name typed for their id; "" when nothing."""
    text = str(value)
    in_latin = text.translate(_CYRILLIC_LOOKALIKES)
    name = _inbox_name(reference)
    if in_latin != text and in_latin in listed:
        cyrillic = "".join(dict.fromkeys(c for c in text if c.translate(_CYRILLIC_LOOKALIKES) != c))
        letters = f"its {cyrillic!r} {'is' if len(cyrillic) == 1 else 'are'} Cyrillic"
        return f"{letters}: {name} has {in_latin}"
    folded = {v.strip().casefold(): v for v in listed}
    match = folded.get(in_latin.strip().casefold())
    if match is not None:
        return f"{name} has {match}"
    people = (names or {}).get(name_key(text))
    return f"{name} has that name for {people}" if people else ""


def name_key(text: str) -> str:
    """A person's name as typed, in one spelling: case, spaces and ё do not count."""
    return " ".join(str(text).replace("ё", "е").replace("Ё", "Е").split()).casefold()


def _day(value) -> str:
    return str(value)[:10] if value is not None else "nothing"
