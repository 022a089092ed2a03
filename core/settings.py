"""Every setting autokpi reads from the environment, in one place: its name, type,
default and what it does. Read a setting with ``get(NAME)``; a value that cannot work
(a time zone that is not an IANA name, a number that is not one) raises ``SettingError``
naming the variable, the value and what it should be, before anything uses it.

The README's settings table is generated from ``SETTINGS`` (``python -m core.settings --write``),
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


def _whole_number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError("a whole number above 0")
    return int(value)


def _memory_size(value: str) -> str:
    """A size DuckDB's memory_limit takes, asked of DuckDB itself (an in-memory database)."""
    import duckdb

    try:
        duckdb.connect(config={"memory_limit": value}).close()
    except duckdb.Error:
        raise ValueError("a size such as 2GB or 512MB") from None
    return value


def _yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in {"yes", "true", "1", "on"}:
        return True
    if word in {"no", "false", "0", "off", ""}:
        return False
    raise ValueError("yes or no")


def _speaker_roles(value: str) -> dict[str, str]:
    """``0=agent,1=client`` → {"0": "agent", "1": "client"}: a transcript's own speaker labels."""
    roles = {}
    for pair in (p for p in value.split(",") if p.strip()):
        label, sep, role = pair.partition("=")
        if not sep or not label.strip() or role.strip().lower() not in ("agent", "client"):
            raise ValueError("labels with their role, such as 0=agent,1=client")
        roles[label.strip().lower()] = role.strip().lower()
    return roles


def _one_of(*choices: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in choices:
            raise ValueError("one of " + ", ".join(choices))
        return value

    return parse


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    doc: str
    parse: Callable[[str], object] = _text
    group: str = "Folders"


def _settings(group: str, *items: Setting) -> list[Setting]:
    return [Setting(s.name, s.default, s.doc, s.parse, group) for s in items]


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        *_settings(
            "Folders",
            Setting("AUTOKPI_INBOX", "var/inbox", "The inbox folder the exports are read from."),
            Setting("AUTOKPI_WAREHOUSE", "var/warehouse/autokpi.duckdb", "The DuckDB warehouse file."),
            Setting(
                "AUTOKPI_EXPORTS", "", "Where the finance exports go; empty: `exports/` beside the warehouse."
            ),
            Setting(
                "AUTOKPI_SITE", "", "Where the dashboard site goes; empty: `site/` beside the warehouse."
            ),
            Setting(
                "AUTOKPI_SHARE_GROUP",
                "",
                "A group whose members may read what a run writes (site, exports, warehouse): "
                "0640 files and 0750 folders; empty: only the user who runs autokpi (0600, 0700).",
            ),
            Setting(
                "AUTOKPI_SCHEME_DIR",
                "dbt_project/scheme",
                "The KPI scheme's folder (kpi_scheme.csv, bonus_base.csv, …); read, never written.",
            ),
        ),
        *_settings(
            "Time and data",
            Setting(
                "AUTOKPI_PBX_TIMEZONE",
                "Europe/Moscow",
                "The time zone the PBX writes its local times in (Asterisk writes local time; `UTC` where "
                "cdr.conf has usegmtime=yes).",
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
                "AUTOKPI_DECIMAL_MARK",
                "",
                "How a CRM, directory or plans file's `1,500` or `150.000` reads when no other number "
                "in it shows the decimal mark: `comma` (1.5, Russian) or `point` (1500, English); empty: "
                "such a number is quarantined with both readings.",
                _one_of("", "comma", "point"),
            ),
            Setting(
                "AUTOKPI_SLASHED_DATES",
                "",
                "How such a file's `05/10/2026` reads when no other date in it shows the order: "
                "`day-first` or `month-first` (English US Excel); empty: it is quarantined with both "
                "readings.",
                _one_of("", "day-first", "month-first"),
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
        ),
        *_settings(
            "Site",
            Setting(
                "AUTOKPI_SITE_LANG",
                "ru",
                "The language the site's `index.html` opens in.",
                _one_of("ru", "en"),
            ),
            Setting(
                "AUTOKPI_SITE_PER_EMPLOYEE_FILES",
                "no",
                "`yes`: the site also writes one statement file per employee and month "
                "(`site/<lang>/statements/<YYYY-MM>/<employee_id>.html`), to send each to its owner "
                "by mail; `no`: the site, for heads and finance, shows the month's statements in one "
                "table and each person reads their own in the portal (`autokpi run --per-employee-files` "
                "sets `yes` for one run).",
                _yes_no,
            ),
        ),
        *_settings(
            "Call quality",
            Setting(
                "AUTOKPI_SCORING_WORKERS",
                "",
                "Processes scoring transcripts; empty: one per CPU. A run with 5,000 or fewer to score "
                "scores them in its own process.",
                lambda v: _whole_number(v) if v else None,
            ),
            Setting(
                "AUTOKPI_STT_MODEL",
                "",
                "A faster-whisper (CTranslate2) model folder already on disk: turns recordings into "
                "transcripts (`pip install '.[stt]'`); empty: off.",
            ),
            Setting(
                "AUTOKPI_STT_COMMAND",
                "",
                "Instead of a model: a command writing whisper.cpp's JSON to `{out}.json` from `{audio}`.",
            ),
            Setting(
                "AUTOKPI_STT_LANGUAGE",
                "ru",
                "The checklist language the transcripts get.",
                _one_of("ru", "en"),
            ),
            Setting(
                "AUTOKPI_STT_AGENT_CHANNEL",
                "0",
                "Which channel of a stereo recording is the agent's.",
                _one_of("0", "1"),
            ),
            Setting(
                "AUTOKPI_TRANSCRIPT_SPEAKERS",
                "",
                "Transcripts whose speech-to-text tool labels speakers its own way: each label with its "
                "role, e.g. `0=agent,1=client` (a stereo recording's channels); empty: `agent` and "
                "`client`, and the names call-analytics tools give them (`Оператор`, `operator`, "
                "`менеджер`, `Клиент`, `customer`, `абонент`, …). A file with lines set aside for their "
                "labels is read again after a change.",
                _speaker_roles,
            ),
        ),
        *_settings(
            "Personal data",
            Setting(
                "AUTOKPI_PHONE_KEY",
                "",
                "The key customers' phone numbers are pseudonymised with (README, Personal data); "
                "empty: the key file's.",
            ),
            Setting(
                "AUTOKPI_RETENTION_DAYS",
                "",
                "Raw call rows, transcripts and quarantined lines of closed months older than this "
                "many days are deleted after each load; empty: kept.",
                lambda v: _whole_number(v) if v else None,
            ),
            Setting(
                "AUTOKPI_PHONE_KEY_FILE",
                "",
                "The file of that key, generated (0600) on first use; empty: `var/phone.key`. "
                "Keep it apart from the warehouse.",
            ),
        ),
        *_settings(
            "Portal",
            Setting(
                "AUTOKPI_PORTAL_URL",
                "http://127.0.0.1:8080",
                "The portal's address as people reach it: invitation links start with it; "
                "an `https://` address makes the session cookie Secure.",
            ),
            Setting(
                "AUTOKPI_PORTAL_SECRET",
                "",
                "The key session cookies are signed with; empty: a new one each time the portal "
                "starts (everyone signs in again after a restart). Never written to disk or logs.",
            ),
            Setting(
                "AUTOKPI_PORTAL_SESSION_HOURS",
                "8",
                "How long a sign-in lasts.",
                _positive_number,
            ),
            Setting(
                "AUTOKPI_PORTAL_INVITATION_DAYS",
                "7",
                "How long an invitation link (`autokpi invite`) stays valid.",
                _whole_number,
            ),
            Setting(
                "AUTOKPI_PORTAL_OIDC_ISSUER",
                "",
                "The company's OpenID Connect provider (its issuer URL): people may sign in with their "
                "company account; empty: passwords only.",
            ),
            Setting("AUTOKPI_PORTAL_OIDC_CLIENT_ID", "", "The portal's client id at that provider."),
            Setting(
                "AUTOKPI_PORTAL_OIDC_CLIENT_SECRET",
                "",
                "The portal's client secret at that provider; never written to disk or logs.",
            ),
            Setting(
                "AUTOKPI_PORTAL_OIDC_LOGIN_CLAIM",
                "preferred_username",
                "The claim of the provider's ID token that holds the person's employee id "
                "(or their portal login).",
            ),
            Setting(
                "AUTOKPI_PORTAL_LEAVER_GRACE_DAYS",
                "30",
                "Days after the directory's leave date during which someone who left may still "
                "sign in to read their statements; 0: none.",
                lambda v: 0 if v == "0" else _whole_number(v),
            ),
        ),
        *_settings(
            "Targets",
            Setting(
                "DBT_TARGET",
                "duckdb",
                "Where the warehouse lives: `duckdb` (a file) or `postgres` (a server, the `PG*` settings).",
                _one_of("duckdb", "postgres"),
            ),
            Setting("PGHOST", "127.0.0.1", "The PostgreSQL server's host."),
            Setting("PGPORT", "5432", "The PostgreSQL server's port.", _whole_number),
            Setting("PGUSER", "autokpi", "The PostgreSQL user."),
            Setting("PGPASSWORD", "", "The PostgreSQL user's password; never written to logs or messages."),
            Setting("PGDATABASE", "autokpi", "The PostgreSQL database."),
            Setting(
                "PGCONNECT_TIMEOUT",
                "10",
                "Seconds to wait for the PostgreSQL server to answer a connection (libpq's own "
                "variable; dbt's profile reads it too).",
                _whole_number,
            ),
            Setting(
                "AUTOKPI_LOCAL_PG_PORT",
                "55432",
                "The port of the PostgreSQL server `make postgres` starts for the demo's postgres target; "
                "the tests' server takes it too, or a free one while another server holds it.",
                _whole_number,
            ),
            Setting(
                "PGPASSFILE",
                "",
                "libpq's password file; `make postgres` writes the private server's "
                "(`var/local-postgres.pgpass`, 0600) and points this at it.",
            ),
            Setting(
                "AUTOKPI_DUCKDB_MEMORY_LIMIT",
                "2GB",
                "DuckDB's memory cap for every connection (dbt's too); past it DuckDB spills to disk.",
                _memory_size,
            ),
            Setting(
                "AUTOKPI_SPARK_DIR",
                "spark",
                "The Spark target's warehouse and metastore folder (`make test-spark`).",
            ),
            Setting(
                "DBT_LOG_LEVEL_FILE",
                "none",
                "dbt's own: the level of the log file of the dbt autokpi starts. `debug` keeps a run's "
                "as `logs/dbt-<run>.log` beside the warehouse (every statement: for a bug report).",
                _one_of("none", "debug", "info", "warn", "error"),
            ),
        ),
        *_settings(
            "Tests",
            Setting(
                "AUTOKPI_LOCAL_PG_NO_FSYNC",
                "0",
                "1: the private PostgreSQL server runs without fsync (tests: their data is thrown away).",
                lambda v: _one_of("0", "1")(v) == "1",
            ),
            Setting(
                "AUTOKPI_ORACLE_EXAMPLES",
                "2",
                "How many generated companies the bonus oracle test builds on DuckDB (one on PostgreSQL).",
                _whole_number,
            ),
        ),
    ]
}
# set by autokpi itself for dbt's process, or read by dlt's own configuration: not for users
INTERNAL = {
    "AUTOKPI_SCHEME_SEEDS": "the scheme's copy dbt reads as seeds (orchestration/dbt_project.py)",
    "AUTOKPI_DBT_FORK_SERVER": "the socket of the run's dbt fork server (orchestration/dbt_entry.py)",
    "AUTOKPI__API_SOURCES": "dlt's configuration of the enabled API sources (README, Live sources)",
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


def check_all() -> None:
    """Every setting's value, checked before a run uses any: the first that cannot work
    stops it with its sentence (a time zone that is not one never reaches SQL)."""
    for name in SETTINGS:
        get(name)


def raw(name: str) -> str:
    """The setting's text as given, else its default (for paths and names)."""
    return os.environ.get(name) or SETTINGS[name].default


def markdown_table() -> str:
    """The README's settings table, grouped."""
    lines = ["| Setting | Default | What it does |", "|---|---|---|"]
    group = None
    for setting in SETTINGS.values():
        if setting.group != group:
            group = setting.group
            lines.append(f"| **{group}** | | |")
        default = f"`{setting.default}`" if setting.default else ""
        lines.append(f"| `{setting.name}` | {default} | {setting.doc} |")
    return "\n".join(lines)


README_START = "<!-- settings table: python -m core.settings -->"
README_END = "<!-- end of settings table -->"


def readme_with_table(text: str) -> str:
    """The README's text with its settings table replaced by the current one."""
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_START}\n{markdown_table()}\n{README_END}{tail}"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if sys.argv[1:] == ["--write"]:
        readme = Path(__file__).resolve().parent.parent / "README.md"
        readme.write_text(readme_with_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(markdown_table())
