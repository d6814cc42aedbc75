"""The repository on SQLite and PostgreSQL: one transaction per event, answers one row per question."""

from __future__ import annotations

import pytest

from storage.database import create_engine
from storage.repository import SqlChatStore


@pytest.fixture
async def store(database_url):  # type: ignore[no-untyped-def]
    engine = create_engine(database_url)
    yield SqlChatStore(engine)
    await engine.dispose()


async def test_answers_are_upserted_and_skips_stored_as_none(store: SqlChatStore) -> None:
    async with store.unit(7) as unit:
        report = await unit.create_report("annual", "unit_name")
        await unit.save_answer(report.id, "members", 80)
        await unit.save_answer(report.id, "festivals", ["spring", "autumn"])
        await unit.save_answer(report.id, "health_check", None)
    async with store.unit(7) as unit:
        await unit.save_answer(report.id, "members", 81)
    async with store.unit(7) as unit:
        assert await unit.answers(report.id) == {"members": 81, "festivals": ["spring", "autumn"], "health_check": None}


async def test_a_failed_event_leaves_nothing_behind(store: SqlChatStore) -> None:
    async with store.unit(8) as unit:
        report = await unit.create_report("annual", "unit_name")
    with pytest.raises(RuntimeError):
        async with store.unit(8) as unit:
            await unit.save_answer(report.id, "members", 5)
            report.cursor = "members_female"
            await unit.save_report(report)
            raise RuntimeError("crash between the answer and the reply")
    async with store.unit(8) as unit:
        assert await unit.answers(report.id) == {}
        assert (await unit.current_report()).cursor == "unit_name"


async def test_updates_are_claimed_once_and_versions_grow(store: SqlChatStore) -> None:
    async with store.unit(9, update_id=500) as unit:
        assert not unit.duplicate
        report = await unit.create_report("annual", "unit_name")
        await unit.save_report(report)
        first_version = report.version
    async with store.unit(9, update_id=500) as unit:
        assert unit.duplicate
        current = await unit.current_report()
        await unit.save_report(current)
        assert current.version == first_version + 1


async def test_chats_do_not_see_each_other(store: SqlChatStore) -> None:
    async with store.unit(10) as unit:
        await unit.create_report("annual", "unit_name")
    async with store.unit(11) as unit:
        assert await unit.current_report() is None
