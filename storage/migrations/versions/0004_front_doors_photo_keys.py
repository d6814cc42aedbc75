"""Chats and updates keyed by front door; photos referred to by a key; no chair version

Revision ID: 0004
Revises: 0003

Every chat and update so far came through Telegram, but for the terminal's chat 0. A photo's key was its
id until now. The chair's version and the photo's Telegram file id are no longer used.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite keeps 0001's unique constraint on chairs.chat_id unnamed; this names it so that batch mode can
# drop it (Alembic's "Dropping Unnamed or Named Foreign Key Constraints" / naming_convention recipe).
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _source_column() -> sa.Column:
    # The default only fills the rows there are; it goes again below, so every front door names itself.
    return sa.Column("source", sa.String(length=20), nullable=False, server_default="telegram")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    old_unique = "uq_chairs_chat_id" if sqlite else "chairs_chat_id_key"
    with op.batch_alter_table("chairs", naming_convention=SQLITE_NAMES if sqlite else None) as batch_op:
        batch_op.add_column(_source_column())
        batch_op.drop_constraint(old_unique, type_="unique")
        batch_op.drop_column("version")
    # The terminal interview always used chat id 0, which Telegram never gives: that chair is the console's.
    chairs = sa.table("chairs", sa.column("source", sa.String()), sa.column("chat_id", sa.BigInteger()))
    op.execute(chairs.update().where(chairs.c.chat_id == 0).values(source="console"))
    with op.batch_alter_table("chairs") as batch_op:
        batch_op.alter_column("source", server_default=None)
        batch_op.create_unique_constraint("uq_chairs_source_chat_id", ["source", "chat_id"])

    # A new primary key: the table is made again, the same way on both databases.
    op.create_table(
        "processed_updates_by_source",
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("source", "update_id", name="pk_processed_updates"),
    )
    old = sa.table("processed_updates", sa.column("update_id"), sa.column("processed_at"))
    new = sa.table("processed_updates_by_source", sa.column("source"), sa.column("update_id"),
                   sa.column("processed_at"))
    op.execute(new.insert().from_select(
        ["source", "update_id", "processed_at"],
        sa.select(sa.literal("telegram"), old.c.update_id, old.c.processed_at)))
    op.drop_table("processed_updates")
    op.rename_table("processed_updates_by_source", "processed_updates")

    with op.batch_alter_table("photos") as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=64), nullable=True))
    photos = sa.table("photos", sa.column("id", sa.Integer()), sa.column("key", sa.String()))
    op.execute(photos.update().values(key=sa.cast(photos.c.id, sa.String())))
    with op.batch_alter_table("photos") as batch_op:
        batch_op.alter_column("key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index("ix_photos_key", ["key"], unique=True)
        batch_op.drop_column("file_id")


def downgrade() -> None:
    with op.batch_alter_table("photos") as batch_op:
        batch_op.add_column(sa.Column("file_id", sa.String(length=200), nullable=True))
        batch_op.drop_index("ix_photos_key")
        batch_op.drop_column("key")
    sqlite = op.get_bind().dialect.name == "sqlite"
    # Updates of other front doors cannot be told apart from Telegram's without the source: they go.
    op.create_table(
        "processed_updates_telegram",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name="pk_processed_updates_telegram"),
    )
    old = sa.table("processed_updates", sa.column("source"), sa.column("update_id"), sa.column("processed_at"))
    new = sa.table("processed_updates_telegram", sa.column("update_id"), sa.column("processed_at"))
    op.execute(new.insert().from_select(["update_id", "processed_at"], sa.select(
        old.c.update_id, old.c.processed_at).where(old.c.source == "telegram")))
    op.drop_table("processed_updates")
    op.rename_table("processed_updates_telegram", "processed_updates")
    with op.batch_alter_table("chairs") as batch_op:
        batch_op.drop_constraint("uq_chairs_source_chat_id", type_="unique")
        batch_op.drop_column("source")
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_unique_constraint("uq_chairs_chat_id" if sqlite else "chairs_chat_id_key", ["chat_id"])
