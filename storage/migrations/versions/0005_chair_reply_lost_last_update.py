"""A chair's lost reply and the newest update applied to the chat

Revision ID: 0005
Revises: 0004

`reply_lost`: the replies to the chat's last event could not be sent, so its next answer may repeat one
already saved. `last_update_id` / `last_update_at`: an update older than one already applied (another
replica took a later message of the chat first) is refused instead of stored on the wrong question.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chairs") as batch_op:
        batch_op.add_column(sa.Column("reply_lost", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("last_update_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("last_update_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chairs") as batch_op:
        batch_op.drop_column("last_update_at")
        batch_op.drop_column("last_update_id")
        batch_op.drop_column("reply_lost")
