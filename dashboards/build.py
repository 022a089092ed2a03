"""Write the dashboard site from the marts: ``python -m dashboards.build`` (or
``make dashboards``; the Dagster asset ``dashboards/site`` runs it after every build).

The site goes to ``<warehouse folder>/site`` (``AUTOKPI_SITE`` to change), one folder per
language with a switch on every page; ``index.html`` at the top opens the default
language (``AUTOKPI_SITE_LANG``, ``ru``). Every page works from ``file://``: plotly.js is
copied beside the pages. Statements are self-contained files, one per employee and
month, so each can be sent to its owner alone. The Statements and Bonus pages have a
page per month (``statements-2026-11.html``; ``statements.html`` is the newest month), so a
page stays the size of one month however long the history (all months of 1,000 employees
on one page: 27 MB after four months); each month's section is rendered again only when
its rows change (``.month-sections`` in the site folder), so a daily run renders the open
month.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from call_quality.checklist import ITEMS
from core import settings
from core.private_files import file_name, inside, replace_folder, share
from dashboards import charts
from dashboards.data import SiteData
from dashboards.i18n import LABELS, LANGUAGES, Formatter

SITE_ENV = "AUTOKPI_SITE"
LANG_ENV = "AUTOKPI_SITE_LANG"
PER_EMPLOYEE_FILES_ENV = "AUTOKPI_SITE_PER_EMPLOYEE_FILES"
PAGES = ["index", "calls", "alerts", "quality", "bonus", "statements"]
MONTHLY_PAGES = ("bonus", "statements")  # a page per month, the newest also under the page's name
STATIC = Path(__file__).parent / "static"
TALK_METRICS = {"talk_minutes", "avg_talk_seconds"}
# the statements and bonus pages' months as rendered, kept in the site folder: a month whose
# rows are the same is not rendered again (a closed month never changes; an open one changes daily)
SECTIONS_CACHE = ".month-sections"
_SECTION_SOURCES = (
    "templates/statements_month.html", "templates/statement_kpi_cells.html", "templates/bonus_month.html",
    "i18n.py",
)  # fmt: skip


def docs_page_for(warehouse: Path) -> Path:
    """Where ``autokpi docs`` writes dbt's documentation page for this warehouse."""
    return warehouse.parent / "dbt-docs" / "static_index.html"


def site_dir_for(warehouse: Path) -> Path:
    return Path(os.environ.get(SITE_ENV) or warehouse.parent / "site").resolve()


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dashboards", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["file_name"] = file_name  # links name a statement's file as build_site wrote it
    return env


def names_of(data: SiteData) -> dict:
    names = {k: v["department_name"] for k, v in data.departments.items()}
    names.update({k: v["full_name"] for k, v in data.employees.items()})
    return names


def _alert_marks(alerts: list[dict], metrics: set[str], employees: dict) -> set:
    """(department, day) pairs with a daily alert on one of ``metrics``: drawn on the charts."""
    return {
        (a["department_id"] or employees.get(a["employee_id"], {}).get("department_id"), a["period_start"])
        for a in alerts
        if a["period_grain"] == "day" and a["metric"] in metrics
    }


def _adjustments_by_payout(data: SiteData) -> dict:
    """(month paid in, employee) → the corrections of closed months paid then."""
    adjustments: dict = {}
    for a in data.adjustments:
        adjustments.setdefault((a["paid_in_month"], a["employee_id"]), []).append(a)
    return adjustments


def statement_groups(data: SiteData) -> list[dict]:
    """One statement per employee and month: its KPI rows, its bonus row (for the gate and
    the multiplier) and the corrections of closed months paid with it."""
    bonus = {(b["month"], b["employee_id"]): b for b in data.bonus}
    adjustments = _adjustments_by_payout(data)
    groups: dict = {}
    for row in data.statements:
        key = (row["month"], row["employee_id"])
        groups.setdefault(
            key,
            {
                "month": row["month"],
                "employee_id": row["employee_id"],
                "head": row,
                "bonus": bonus.get(key, {}),
                "adjustments": adjustments.get(key, []),
                "kpis": [],
            },
        )
        groups[key]["kpis"].append(row)
    return list(groups.values())


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


@dataclass(frozen=True)
class MonthSection:
    """One month of the statements or bonus page in one language, rendered from
    ``<page>_month.html``; ``key`` hashes all it is made from."""

    page: str
    lang: str
    month: date
    key: str


def month_sections(data: SiteData, names: dict, per_employee_files: bool) -> list[MonthSection]:
    """Every month's section of the statements and bonus pages, the statements first, newest
    month first. Its key: the month's rows as the database hashes them (``month_digests``:
    a bonus row's run time, ``computed_at``, left out, so a month whose figures did not
    change keeps its section), the names and options it shows, the language's labels and
    the code that formats them. No row is read for it: a build reads the rows of the
    months it renders only (at 10 M calls hashing every month's rows in Python took 0.45 s
    of each build, reading them 0.7 s)."""
    made_from = _digest((names, per_employee_files, data.kpi_names))
    sources = b"".join((Path(__file__).parent / source).read_bytes() for source in _SECTION_SOURCES)
    sections = []
    for page in ("statements", "bonus"):
        for month in sorted((m for p, m in data.month_digests if p == page), reverse=True):
            rows = data.month_digests[page, month]
            for lang in LANGUAGES:
                made = f"{page}|{lang}|{month}|{rows}|{made_from}|{LABELS[lang]!r}".encode() + sources
                sections.append(MonthSection(page, lang, month, hashlib.sha256(made).hexdigest()))
    return sections


def section_context(section: MonthSection, data: SiteData, groups: list[dict]) -> dict:
    """What a month's section is rendered with: its month's statements, or its month's bonus
    rows (without their run time) and the corrections paid with them."""
    month = section.month
    if section.page == "statements":  # groups keep the employees' order
        shown = ("month", "employee_id", "head", "kpis")
        return {"month_groups": [{k: g[k] for k in shown} for g in groups if g["month"] == month]}
    adjustments = _adjustments_by_payout(data)
    rows = [{k: v for k, v in b.items() if k != "computed_at"} for b in data.bonus if b["month"] == month]
    paid = {
        b["employee_id"]: adjustments[month, b["employee_id"]]
        for b in rows
        if (month, b["employee_id"]) in adjustments
    }
    return {"rows": rows, "adjustments": paid}


def month_file(page: str, month: date) -> str:
    """The file of one month of a monthly page: ``statements-2026-11.html``."""
    return f"{page}-{month:%Y-%m}.html"


def _cached_sections(out_dir: Path, keys: set[str]) -> dict[str, str]:
    """The sections a previous build rendered that this one needs, read before the site
    folder is emptied."""
    cache = out_dir / SECTIONS_CACHE
    found = {}
    for key in keys:
        path = cache / f"{key}.html"
        if path.is_file() and not path.is_symlink():
            found[key] = path.read_text(encoding="utf-8")
    return found


def build_site(
    warehouse: Path,
    out_dir: Path | None = None,
    default_lang: str | None = None,
    per_employee_files: bool | None = None,
) -> Path:
    """Write the whole site; returns its top ``index.html``.

    The site is for heads and finance: the month's statements in one table. One file per
    employee and month (to mail each to its owner) only with ``per_employee_files``
    (default ``AUTOKPI_SITE_PER_EMPLOYEE_FILES``): anyone who can open the folder reads them
    all, so a person reads their own in the portal instead."""
    out_dir = out_dir or site_dir_for(warehouse)
    default_lang = default_lang or settings.get(LANG_ENV)
    if per_employee_files is None:
        per_employee_files = settings.get(PER_EMPLOYEE_FILES_ENV)
    data = SiteData.load(warehouse, monthly_rows=False)
    env = _environment()
    names = names_of(data)
    css = (STATIC / "site.css").read_text(encoding="utf-8")
    sections = month_sections(data, names, per_employee_files)
    rendered = _cached_sections(out_dir, {section.key for section in sections})
    # the rows of the months to render (of every month for a file per statement)
    to_render = {section.month for section in sections if section.key not in rendered}
    data.load_monthly_rows(warehouse, None if per_employee_files else to_render)
    groups = statement_groups(data)
    adjustments = _adjustments_by_payout(data)
    replace_folder(out_dir)
    (out_dir / "static").mkdir()
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    shutil.copyfile(plotly_js, out_dir / "static" / "plotly.min.js")  # modes from the umask
    for name in ("site.css", "site.js"):
        shutil.copyfile(STATIC / name, out_dir / "static" / name)
    # dbt's documentation (`autokpi docs` writes it beside the warehouse) travels with the site
    dbt_docs = docs_page_for(warehouse)
    if dbt_docs.is_file():
        (out_dir / "dbt-docs").mkdir()
        shutil.copyfile(dbt_docs, out_dir / "dbt-docs" / "index.html")

    for lang in LANGUAGES:
        labels, fmt = LABELS[lang], Formatter(lang)
        other = next(x for x in LANGUAGES if x != lang)
        common = {"L": labels, "fmt": fmt, "data": data, "names": names, "lang": lang, "other": other,
                  "pages": PAGES, "items": ITEMS, "static": "../static",
                  "dbt_docs": dbt_docs.is_file(), "per_employee_files": per_employee_files}  # fmt: skip
        departments = [r for r in data.plan_progress if r["level"] == "department"]
        people = [r for r in data.plan_progress if r["level"] == "employee"]
        figures = {
            "index": {
                "plan_departments": charts.plan_progress(departments, labels, names, "chart-plan-depts"),
                "plan_employees": charts.plan_progress(people, labels, names, "chart-plan-employees"),
                "revenue": charts.daily_lines(
                    data.sales_daily, "sales_date", "revenue", names, "chart-revenue", lang=lang
                ),
                "calls": charts.daily_lines(
                    data.calls_daily, "period_start", "calls_total", names, "chart-calls", lang=lang
                ),
            },
            "calls": {
                "missed": charts.daily_lines(
                    data.calls_daily, "period_start", "missed_rate", names, "chart-missed",
                    _alert_marks(data.alerts, {"missed_rate"}, data.employees), lang=lang,
                ),
                "talk": charts.daily_lines(
                    data.calls_daily, "period_start", "avg_talk_seconds", names, "chart-talk",
                    _alert_marks(data.alerts, TALK_METRICS, data.employees), lang=lang,
                ),
            },
            "quality": {
                "rates": charts.pass_rates(data.quality_monthly, ITEMS, labels, names, "chart-quality"),
            },
        }  # fmt: skip
        lang_dir = out_dir / lang
        lang_dir.mkdir()
        by_page: dict[str, list[dict]] = {}  # each month's file, month and section, newest first
        for section in (s for s in sections if s.lang == lang):
            if section.key not in rendered:
                rendered[section.key] = env.get_template(f"{section.page}_month.html").render(
                    L=labels, fmt=fmt, names=names, lang=lang, per_employee_files=per_employee_files,
                    kpi_names=data.kpi_names, month=section.month, **section_context(section, data, groups),
                )  # fmt: skip
            by_page.setdefault(section.page, []).append(
                {"file": month_file(section.page, section.month), "month": section.month,
                 "section": Markup(rendered[section.key])}
            )  # fmt: skip
        evidence = {c["call_id"]: json.loads(c["evidence"] or "{}") for c in data.worst_calls}
        for page in PAGES:
            months = by_page.get(page, [])
            files = [(f"{page}.html", months[:1])]
            if page in MONTHLY_PAGES:
                files += [(month["file"], [month]) for month in months]
            for file, shown in files:
                html = env.get_template(f"{page}.html").render(
                    **common, page=page, file=file, charts=figures.get(page, {}), groups=groups,
                    adjustments=adjustments, evidence=evidence, months=months,
                    shown=shown[0]["file"] if shown else None, sections=[m["section"] for m in shown],
                )  # fmt: skip
                (lang_dir / file).write_text(html, encoding="utf-8")
        for group in groups if per_employee_files else ():
            # an id from the data never chooses where a file goes (../ and all)
            folder = lang_dir / "statements" / f"{group['month']:%Y-%m}"
            target = inside(out_dir, folder / f"{file_name(group['employee_id'])}.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            html = env.get_template("statement.html").render(**common, group=group, css=css)
            target.write_text(html, encoding="utf-8")
    cache = out_dir / SECTIONS_CACHE
    cache.mkdir()
    for section in sections:
        (cache / f"{section.key}.html").write_text(rendered[section.key], encoding="utf-8")
    top = out_dir / "index.html"
    start = f"{default_lang}/index.html"
    top.write_text(
        f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={start}">'
        f'<a href="{start}">autokpi</a>\n',
        encoding="utf-8",
    )
    share(out_dir)
    return top


def main() -> int:
    from core.paths import warehouse_from_env

    parser = argparse.ArgumentParser(description="Write the dashboard site from the marts.")
    parser.add_argument(
        "--warehouse", type=Path, default=None, help="DuckDB file (default AUTOKPI_WAREHOUSE)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="site folder (default <warehouse folder>/site)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="language the top page opens")
    parser.add_argument(
        "--per-employee-files",
        action="store_true",
        default=None,
        help="also write one statement file per employee and month, to mail each to its owner",
    )
    args = parser.parse_args()
    warehouse = (args.warehouse or warehouse_from_env()).resolve()
    top = build_site(warehouse, args.out, args.lang, args.per_employee_files)
    print(f"dashboards: {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
