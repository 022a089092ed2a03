"""Exact quotients for DuckDB, which divides decimals in double precision.

The bonus chain's rule (README, "The bonus"): every quotient is rounded half away from
zero to ``QUOTIENT_PLACES`` decimal places; sums and products are exact; paid amounts are
rounded half up to 0.01. PostgreSQL and Spark divide numerics exactly in SQL (the dbt
macro ``exact_divide``); DuckDB's ``/`` on two DECIMALs returns a DOUBLE (15–16 digits),
so on DuckDB the macro calls ``exact_divide`` registered here, through dbt-duckdb's
plugin hook (``plugins:`` in ``dbt_project/profiles.yml``).
"""

from __future__ import annotations

import decimal

from dbt.adapters.duckdb.plugins import BasePlugin

QUOTIENT_PLACES = 12
# wide enough for any operand the models pass (DECIMAL(38, 18)): no digit is lost
_CONTEXT = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_UP)
_QUANTUM = decimal.Decimal(1).scaleb(-QUOTIENT_PLACES)


def exact_quotient(numerator: decimal.Decimal | None, denominator: decimal.Decimal | None):
    """numerator / denominator rounded half away from zero; None for a zero or missing operand."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return _CONTEXT.divide(numerator, denominator).quantize(_QUANTUM, context=_CONTEXT)


def register(connection) -> None:
    """Register ``exact_divide(DECIMAL(38,18), DECIMAL(38,18)) -> DECIMAL(38,12)``."""
    import duckdb

    operand = duckdb.decimal_type(38, 18)
    connection.create_function(
        "exact_divide",
        exact_quotient,
        [operand, operand],
        duckdb.decimal_type(38, QUOTIENT_PLACES),
        null_handling="special",
        side_effects=False,
    )


class Plugin(BasePlugin):
    """dbt-duckdb calls this on every connection it opens."""

    def configure_connection(self, conn) -> None:
        register(conn)
