"""The migrations build exactly the schema the models describe, and carry existing data forward, on
SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import column, select, table, text

from dialogs.ports import ChatChanges, ChatRef
from storage.admin import report
from storage.database import create_engine
from storage.migrate import upgrade_async
from storage.models import Base, Chair, Photo
from storage.repository import SqlChatStore
from tests.conftest import reset_postgres


async def test_migrated_schema_matches_the_models(database) -> None:
    def differences(connection):  # type: ignore[no-untyped-def]
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)

    async with database.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_data_stored_at_0003_is_found_after_the_upgrade(database_url: str) -> None:
    """Chats and updates so far came through Telegram; a photo's key was its id."""
    if database_url.startswith("postgresql"):
        await reset_postgres(database_url)
    else:
        database_url = database_url.replace("test.db", "old.db")
    await upgrade_async(database_url, "0003")
    rows = {
        "chairs": [{"id": 1, "chat_id": 42, "current_report_id": 10, "menu": "edit", "version": 7},
                   {"id": 2, "chat_id": 0, "current_report_id": None, "menu": None, "version": 0}],  # the terminal
        "reports": [{"id": 10, "chair_id": 1, "kind": "annual", "status": "draft", "cursor": "period", "version": 3}],
        "answers": [{"report_id": 10, "question_id": "unit_name", "value": '"甲厂"'}],
        "photos": [{"id": 5, "report_id": 10, "question_id": "photos", "file_id": "AgAD", "data": b"jpeg"},
                   {"id": 6, "report_id": 10, "question_id": "photos", "file_id": "AgAE", "data": None}],
        "processed_updates": [{"update_id": 900}],
    }
    database = create_engine(database_url)
    try:
        async with database.begin() as connection:
            for name, values in rows.items():
                await connection.execute(table(name, *(column(key) for key in values[0])).insert(), values)
        await upgrade_async(database_url)

        async with database.connect() as connection:
            chairs = await connection.execute(select(Chair.source, Chair.chat_id).order_by(Chair.id))
            assert chairs.all() == [("telegram", 42), ("console", 0)]  # the terminal's chair is the console's now
            assert (await connection.execute(select(Photo.id, Photo.key).order_by(Photo.id))).all() == [
                (5, "5"), (6, "6")]
        store = SqlChatStore(database)
        async with store.unit(ChatRef("telegram", 42), update_id=900) as unit:
            snapshot = unit.snapshot
            assert snapshot.duplicate
            assert (snapshot.menu, snapshot.current_report_id) == ("edit", 10)
            assert snapshot.current.answers == {"unit_name": "甲厂"}  # type: ignore[union-attr]
            assert (snapshot.current.state.cursor, snapshot.current.state.version) == ("period", 3)  # type: ignore[union-attr]
            assert await unit.photo_data(10) == {"5": b"jpeg"}
            await unit.apply(ChatChanges.keeping(snapshot))
        assert await report(database, 10) == ({"unit_name": "甲厂"}, {"5": b"jpeg"})
        async with database.connect() as connection:
            ids = await connection.execute(text("SELECT source, update_id FROM processed_updates"))
            assert ids.all() == [("telegram", 900)]
    finally:
        await database.dispose()
