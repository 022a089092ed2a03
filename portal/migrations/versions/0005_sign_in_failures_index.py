"""Failed sign-ins are counted from the access log (portal/rate_limit.py), by login and by
client address: two indexes, so counting them reads a few rows however long the log grows.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_index("access_log_by_login", "access_log", ["action", "login", "at"])
    op.create_index("access_log_by_client", "access_log", ["action", "client", "at"])
