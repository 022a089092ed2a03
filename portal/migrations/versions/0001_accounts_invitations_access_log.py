"""Accounts, one-time invitations, and the append-only access log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from portal.append_only import refuse_changes

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("login", sa.String, primary_key=True),
        sa.Column("employee_id", sa.String, nullable=True),  # a directory person, else a portal role
        sa.Column("portal_role", sa.String, nullable=True),  # finance, admin
        sa.Column("password_hash", sa.String, nullable=True),  # argon2; none until an invitation is used
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "invitations",
        sa.Column("token_hash", sa.String, primary_key=True),  # sha256 of the link's token
        sa.Column("login", sa.String, sa.ForeignKey("accounts.login"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("login", sa.String, nullable=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("subject", sa.String, nullable=False),
        sa.Column("client", sa.String, nullable=False),
    )
    refuse_changes(op, "access_log", "the access log is append-only")
