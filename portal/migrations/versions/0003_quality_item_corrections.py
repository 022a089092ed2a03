"""An accepted dispute may pass one checklist item of a graded call: the item it passes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    # adding a column is no update of a row: the append-only triggers stay as they are
    op.add_column("dispute_answers", sa.Column("quality_item", sa.String, nullable=True))
