"""What the site shows, read from the marts as they are: selections and orderings only,
every figure computed by dbt."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.warehouse import connect

# what each input gives, and the mart that is empty without it
INPUTS = {
    "calls": ("marts", "fct_calls"),
    "directory": ("marts", "dim_employee"),
    "deals": ("marts", "fct_sales_lines"),
    "plans": ("marts", "mart_plan_progress"),
    "transcripts": ("marts", "mart_call_quality"),
}


def _missing_inputs(con) -> list[str]:
    """Inputs whose models hold no rows (or were never built): the site names them."""
    return [
        name
        for name, (schema, table) in INPUTS.items()
        if not con.table_exists(schema, table)
        or not con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
    ]


def _rows(con, sql: str, params=None) -> list[dict]:
    result = con.execute(sql, params or [])
    return [dict(zip(result.columns, row, strict=True)) for row in result.fetchall()]


@dataclass
class SiteData:
    month: object = None  # the latest month with data
    data_through: object = None
    employees: dict = field(default_factory=dict)  # id -> row of dim_employee
    departments: dict = field(default_factory=dict)
    plan_progress: list = field(default_factory=list)
    sales_daily: list = field(default_factory=list)
    calls_daily: list = field(default_factory=list)  # department × day rows of mart_call_kpis
    rating: list = field(default_factory=list)
    alerts: list = field(default_factory=list)
    quality_monthly: list = field(default_factory=list)
    worst_calls: list = field(default_factory=list)
    bonus: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    adjustments: list = field(default_factory=list)  # rows of mart_bonus_adjustments
    kpi_names: dict = field(default_factory=dict)  # code -> {"ru": name, "en": name}
    missing: list = field(default_factory=list)  # inputs that never arrived (i18n MISSING codes)
    # ("statements" | "bonus", month) -> the month's rows of that page, hashed in the database
    month_digests: dict = field(default_factory=dict)

    @classmethod
    def load(cls, warehouse: Path, worst_calls: int = 12, monthly_rows: bool = True) -> SiteData:
        """What the site shows. Without ``monthly_rows`` the statements, bonus and adjustment
        rows are left for :meth:`load_monthly_rows` to read for the months a build renders,
        and each month's rows are only hashed (``month_digests``): at 10 M calls reading every
        month's statements into Python took 0.7 s of each build, more with every month kept."""
        with connect(warehouse) as con:
            data = cls()
            data.missing = _missing_inputs(con)
            # the latest month with a bonus, else with calls: an inbox of call records alone
            # has no bonus rows, and its site still shows its calls
            data.month = (
                con.execute("select max(month) from marts.mart_bonus_monthly").fetchone()[0]
                or con.execute("select max(month) from marts.mart_call_rating_monthly").fetchone()[0]
                or con.execute("select max(month_start) from marts.dim_date").fetchone()[0]
            )
            if data.month is None:
                return data
            month = [data.month]
            data.employees = {r["employee_id"]: r for r in _rows(con, "select * from marts.dim_employee")}
            data.departments = {
                r["department_id"]: r for r in _rows(con, "select * from marts.dim_department")
            }
            data.plan_progress = _rows(
                con,
                "select * from marts.mart_plan_progress where month = ? "
                "order by level desc, department_id, employee_id",
                month,
            )
            data.data_through = data.plan_progress[0]["data_through"] if data.plan_progress else None
            data.sales_daily = _rows(
                con,
                "select * from marts.mart_sales_daily where sales_date >= ? - interval '60 days' "
                "order by sales_date, department_id",
                month,
            )
            data.calls_daily = _rows(
                con,
                "select * from marts.mart_call_kpis where period_grain = 'day' and level = 'department' "
                "and period_start >= ? - interval '60 days' order by period_start, department_id",
                month,
            )
            data.rating = _rows(
                con,
                "select * from marts.mart_call_rating_monthly where month = ? "
                "order by department_id, rank_in_department nulls last, employee_id",
                month,
            )
            data.alerts = _rows(
                con,
                "select * from marts.mart_kpi_alerts where period_start >= ? "
                "order by period_start desc, severity, department_id, employee_id",
                month,
            )
            data.quality_monthly = _rows(
                con,
                "select * from marts.mart_call_quality_monthly where month = ? order by employee_id",
                month,
            )
            data.worst_calls = _rows(
                con,
                "select * from marts.mart_call_quality where local_date >= ? order by score, call_id limit ?",
                [data.month, worst_calls],
            )
            data.kpi_names = kpi_names(con)
            data.month_digests = _month_digests(con)
            if monthly_rows:
                data._read_monthly_rows(con, None)
            return data

    def load_monthly_rows(self, warehouse: Path, months: set | None) -> None:
        """The statements, bonus and adjustment rows of ``months`` (None: of every month)."""
        with connect(warehouse) as con:
            self._read_monthly_rows(con, months)

    def _read_monthly_rows(self, con, months: set | None) -> None:
        wanted = sorted(months or ())

        def of_months(column: str) -> tuple[str, list]:
            if months is None:
                return "", []
            if not wanted:
                return " where false", []
            return f" where {column} in ({', '.join('?' for _ in wanted)})", list(wanted)

        where, params = of_months("month")
        self.bonus = _rows(
            con,
            f"select * from marts.mart_bonus_monthly{where} order by month desc, department_id, employee_id",
            params,
        )
        self.statements = _rows(
            con,
            f"select * from marts.mart_bonus_statements{where} order by month, employee_id, kpi_code",
            params,
        )
        where, params = of_months("paid_in_month")
        self.adjustments = _rows(
            con,
            f"select * from marts.mart_bonus_adjustments{where} "
            "order by paid_in_month, employee_id, for_month",
            params,
        )


def kpi_names(con) -> dict[str, dict[str, str]]:
    """KPI code -> its name in each language, as its latest statement row gives them (a KPI
    renamed in the scheme has one name everywhere, whichever month a page or file shows)."""
    rows = con.execute(
        "select kpi_code, kpi_name_ru, kpi_name_en from ("
        " select kpi_code, kpi_name_ru, kpi_name_en, row_number() over ("
        "  partition by kpi_code order by month desc, employee_id desc) as newest"
        " from marts.mart_bonus_statements) as named where newest = 1 order by kpi_code"
    ).fetchall()
    return {code: {"ru": ru or code, "en": en or code} for code, ru, en in rows}


def _month_digests(con) -> dict:
    """(page, month) -> what its month section shows, hashed by the database: the month's
    statement rows; its bonus rows but their run time (``computed_at``), with the
    adjustments paid in it."""
    digests = {}
    statements = con.columns("marts", "mart_bonus_statements")
    by_month = con.content_hashes("marts", "mart_bonus_statements", statements, "month")
    for month, (count, total) in by_month.items():
        digests["statements", month] = f"{count}:{total}"
    bonus = [c for c in con.columns("marts", "mart_bonus_monthly") if c != "computed_at"]
    adjustments = con.columns("marts", "mart_bonus_adjustments")
    paid = con.content_hashes("marts", "mart_bonus_adjustments", adjustments, "paid_in_month")
    for month, (count, total) in con.content_hashes("marts", "mart_bonus_monthly", bonus, "month").items():
        digests["bonus", month] = f"{count}:{total}|{paid.get(month, (0, ''))}"
    return digests
