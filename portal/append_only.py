"""Append-only tables: the database itself refuses to change or delete their rows, whoever
connects (the portal, a script, someone at the SQL prompt), so the access log, disputes and
period requests are an audit trail. The migrations call ``refuse_changes`` for each such
table; the trigger's language is the one thing the two engines do not share."""

from __future__ import annotations

# PostgreSQL: one trigger function for every append-only table, raising the table's own
# message as an integrity violation (SQLSTATE 23000), as SQLite's raise(abort) is one
_POSTGRES_REFUSE_CHANGE = """
create or replace function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception using message = tg_argv[0], errcode = '23000';
end
$$
"""


def refuse_changes(op, table: str, message: str) -> None:
    """Triggers on ``table`` that abort every update and delete (and, on PostgreSQL, a
    truncate) with ``message``, which must hold no quote."""
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(
                f"create trigger {table}_no_{event} before {event} on {table} "
                f"begin select raise(abort, '{message}'); end"
            )
        return
    op.execute(_POSTGRES_REFUSE_CHANGE)
    op.execute(
        f"create trigger {table}_no_change before update or delete on {table} "
        f"for each row execute function refuse_change('{message}')"
    )
    op.execute(
        f"create trigger {table}_no_truncate before truncate on {table} "
        f"for each statement execute function refuse_change('{message}')"
    )
