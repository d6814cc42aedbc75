"""Two events of one chat never interleave, whether they run in one process or on two replicas (two
engines on one PostgreSQL database, or on one SQLite file)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from dialogs.ports import ChatChanges, ChatRef, ReportState
from storage.database import create_engine
from storage.repository import SqlChatStore

CHAT = ChatRef("telegram", 1)


@pytest.fixture
async def two_replicas(database_url: str) -> AsyncIterator[tuple[SqlChatStore, SqlChatStore]]:
    first, second = create_engine(database_url), create_engine(database_url)
    yield SqlChatStore(first), SqlChatStore(second)
    await first.dispose()
    await second.dispose()


async def _tick(store: SqlChatStore, option: str, update_id: int) -> None:
    """A tick on a multiple choice, decided on the snapshot: what a lost update would lose."""
    async with store.unit(CHAT, update_id) as unit:
        current = unit.snapshot.current
        assert current is not None
        ticked = set(current.state.pending or []) ^ {option}
        current.state.pending = sorted(ticked)
        await asyncio.sleep(0)  # let the other replica's unit run, were it not held at the lock
        await unit.apply(ChatChanges(current_report_id=current.state.id, reports=[current.state]))


async def test_ticks_on_two_replicas_at_once_are_never_lost(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    async with here.unit(CHAT) as unit:
        await unit.apply(ChatChanges(reports=[ReportState(None, "annual", "draft", "train_topics", None, 0)]))
    options = [f"o{n}" for n in range(20)]
    await asyncio.gather(*(_tick(here if n % 2 else there, option, n) for n, option in enumerate(options)))
    async with there.unit(CHAT) as unit:
        assert sorted(unit.snapshot.current.state.pending) == sorted(options)  # type: ignore[union-attr, arg-type]


async def test_a_unit_waits_for_the_chats_unit_on_the_other_replica(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    async with here.unit(CHAT):
        pass
    async with here.unit(CHAT, update_id=1) as first:
        second = asyncio.ensure_future(_read_menu(there))
        await asyncio.sleep(0.3)
        assert not second.done()  # held at the chair's lock
        await first.apply(ChatChanges(menu="edit"))
    assert await second == "edit"  # it began after the first committed, and saw its change


async def _read_menu(store: SqlChatStore) -> str | None:
    async with store.unit(CHAT, update_id=2) as unit:
        return unit.snapshot.menu


async def test_a_redelivery_on_two_replicas_at_once_is_applied_once(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    applied: list[bool] = []

    async def deliver(store: SqlChatStore) -> None:
        async with store.unit(CHAT, update_id=77) as unit:
            applied.append(not unit.snapshot.duplicate)
            if not unit.snapshot.duplicate:
                await unit.apply(ChatChanges(reports=[ReportState(None, "annual", "draft", "unit_name", None, 0)]))

    await asyncio.gather(deliver(here), deliver(there))
    assert sorted(applied) == [False, True]
    async with here.unit(CHAT) as unit:
        assert len(unit.snapshot.reports) == 1  # one 新建, one report


async def test_other_chats_do_not_wait_on_postgresql(postgres_url: str) -> None:
    database = create_engine(postgres_url)
    store = SqlChatStore(database)
    try:
        async with store.unit(CHAT), asyncio.timeout(5), store.unit(ChatRef("telegram", 2)) as other:
            await other.apply(ChatChanges(menu="reports"))
    finally:
        await database.dispose()
