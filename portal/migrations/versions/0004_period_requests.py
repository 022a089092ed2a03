"""Finance's requests to close or reopen a month from the portal, and what the run did.

The portal never writes the warehouse (a run may hold it): a request waits here, and the
next ``autokpi run`` performs it before it builds (orchestration/period_requests.py),
appending its outcome. Both tables are append-only.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from portal.append_only import refuse_changes

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "period_requests",
        sa.Column("request_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("requested_at", sa.DateTime, nullable=False),
        sa.Column("requested_by", sa.String, nullable=False),  # the login
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("action", sa.String, nullable=False),  # close, reopen
        sa.Column("reason", sa.String, nullable=True),  # required to reopen
    )
    op.create_table(
        "period_request_outcomes",
        sa.Column("request_id", sa.Integer, sa.ForeignKey("period_requests.request_id"), primary_key=True),
        sa.Column("done_at", sa.DateTime, nullable=False),
        sa.Column("outcome", sa.String, nullable=False),  # done, refused
        sa.Column("message", sa.String, nullable=False),
    )
    for table in ("period_requests", "period_request_outcomes"):
        refuse_changes(op, table, "period requests and their outcomes are append-only")
