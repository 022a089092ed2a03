"""int_call_kpis_daily is rebuilt by day: the days whose calls changed, the days before them
within the callback window, every day when its settings changed, and a day left with no call
goes. Whatever it picks, its rows are those a full rebuild makes."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.warehouse import dbt_on, query

pytestmark = pytest.mark.e2e
KPIS = "intermediate.int_call_kpis_daily"
ROWS = f"select * exclude (built_at) from {KPIS} order by all"


def _returned_missed_call(warehouse) -> tuple[str, object]:
    """A missed call from a known number that nobody returned, of a day with days after it:
    its id and day."""
    return query(
        warehouse,
        """
        select missed.call_id, missed.local_date
        from intermediate.int_calls as missed
        where
            missed.is_missed and missed.client_phone_e164 is not null
            and hour(missed.started_at_local) between 5 and 18
            and missed.local_date < (select max(local_date) - 3 from intermediate.int_calls)
            and not exists (
                select 1 from intermediate.int_calls as later
                where later.client_phone_e164 = missed.client_phone_e164 and later.is_answered
                    and later.started_at > missed.started_at
                    and later.started_at <= missed.started_at + interval 30 hour
            )
            -- and the only missed call of its number then, so the callback returns it alone
            and not exists (
                select 1 from intermediate.int_calls as other
                where other.client_phone_e164 = missed.client_phone_e164 and other.is_missed
                    and other.call_id != missed.call_id
                    and abs(datediff('hour', other.started_at, missed.started_at)) <= 30
            )
        order by missed.local_date desc, missed.call_id
        limit 1
        """,
    )[0]


def _day_sums(warehouse, column: str) -> dict:
    return dict(query(warehouse, f"select local_date, sum({column}) from {KPIS} group by 1"))


def test_a_callback_the_next_day_a_call_withdrawn_and_a_day_emptied_equal_a_full_rebuild(demo_run, tmp_path):
    warehouse = tmp_path / "autokpi.duckdb"
    shutil.copyfile(demo_run[1], warehouse)
    missed_id, missed_day = _returned_missed_call(warehouse)
    days = [
        d
        for (d,) in query(warehouse, "select distinct local_date from intermediate.int_call_facts order by 1")
    ]
    last_day, some_day = days[-1], days[len(days) // 3]
    called_back = _day_sums(warehouse, "missed_called_back")[missed_day]
    calls_before = _day_sums(warehouse, "calls_total + calls_internal")
    with duckdb.connect(str(warehouse)) as con:
        (built,) = con.execute(f"select max(built_at) + interval 1 second from {KPIS}").fetchone()
        answered = con.execute(
            "select min(call_id) from intermediate.int_calls where is_answered and direction = 'outbound'"
        ).fetchone()[0]
        # the number answered 20 hours after the missed call: the next day, as a later run
        # of int_calls and int_call_facts leaves a new call
        for table in ("int_calls", "int_call_facts"):
            con.execute(
                f"""
                insert into intermediate.{table}
                select * replace (
                    'callback-next-day' as call_id,
                    (select started_at + interval 20 hour from intermediate.int_calls where call_id = $missed)
                        as started_at,
                    (select cast(started_at_local + interval 20 hour as date) from intermediate.int_calls
                     where call_id = $missed) as local_date,
                    cast($built as timestamp) as built_at
                )
                from intermediate.{table} where call_id = $answered
                """,
                {"missed": missed_id, "answered": answered, "built": built},
            )
        con.execute(
            "update intermediate.int_calls set client_phone_e164 = (select client_phone_e164 "
            "from intermediate.int_calls where call_id = ?) where call_id = 'callback-next-day'",
            [missed_id],
        )
        # a call withdrawn from a day, and every call of the last day
        for table in ("int_calls", "int_call_facts"):
            con.execute(
                f"delete from intermediate.{table} where call_id = "
                f"(select min(call_id) from intermediate.int_call_facts where local_date = ?)",
                [some_day],
            )
            con.execute(f"delete from intermediate.{table} where local_date = ?", [last_day])

    done = dbt_on(warehouse, ["run", "--select", "int_call_kpis_daily"], tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]

    assert _day_sums(warehouse, "missed_called_back")[missed_day] == called_back + 1
    calls_now = _day_sums(warehouse, "calls_total + calls_internal")
    assert calls_now[some_day] == calls_before[some_day] - 1
    assert last_day not in calls_now
    rebuilt = query(warehouse, f"select count(distinct local_date) from {KPIS} where built_at >= ?", [built])
    assert 0 < rebuilt[0][0] <= 9 < len(calls_now)  # three changed days, each with two before
    by_day = query(warehouse, ROWS)

    done = dbt_on(warehouse, ["run", "--select", "int_call_kpis_daily", "--full-refresh"], tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]
    assert query(warehouse, ROWS) == by_day

    # another callback window and service level count every day again, as a full rebuild would
    settings = ["--vars", "{callback_window_hours: 48, service_level_seconds: 30}"]
    done = dbt_on(warehouse, ["run", "--select", "int_call_kpis_daily", *settings], tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]
    recounted = query(warehouse, ROWS)
    assert recounted != by_day
    done = dbt_on(
        warehouse, ["run", "--select", "int_call_kpis_daily", "--full-refresh", *settings], tmp_path
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert query(warehouse, ROWS) == recounted
