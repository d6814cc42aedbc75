"""Chair menus, pending multi-choice selections and carried-over defaults

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chairs") as batch_op:
        batch_op.add_column(sa.Column("menu", sa.String(length=60), nullable=True))
    with op.batch_alter_table("reports") as batch_op:
        batch_op.add_column(sa.Column("pending", sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column("defaults", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch_op:
        batch_op.drop_column("defaults")
        batch_op.drop_column("pending")
    with op.batch_alter_table("chairs") as batch_op:
        batch_op.drop_column("menu")
