"""Disputes of a statement's number and their answers, append-only.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from portal.append_only import refuse_changes

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "disputes",
        sa.Column("dispute_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("opened_by", sa.String, nullable=False),  # the login
        sa.Column("employee_id", sa.String, nullable=False),  # whose statement
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("kpi_code", sa.String, nullable=False),
        sa.Column("fact_id", sa.String, nullable=True),  # the deal line or call it concerns
        sa.Column("comment", sa.String, nullable=False),
    )
    op.create_table(
        "dispute_answers",
        sa.Column("dispute_id", sa.Integer, sa.ForeignKey("disputes.dispute_id"), primary_key=True),
        sa.Column("answered_at", sa.DateTime, nullable=False),
        sa.Column("answered_by", sa.String, nullable=False),
        sa.Column("decision", sa.String, nullable=False),  # accepted, rejected
        sa.Column("correction_kind", sa.String, nullable=True),  # move_deal_line
        sa.Column("to_employee_id", sa.String, nullable=True),
        sa.Column("reason", sa.String, nullable=False),
    )
    for table in ("disputes", "dispute_answers"):
        refuse_changes(op, table, "disputes and their answers are append-only")
