"""A database that goes away for a moment, a unit that fails or is cancelled halfway, a process killed
with SIGKILL: nothing committed is lost, nothing half-written is kept, and the store recovers by itself."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from dialogs.ports import ChatChanges, ChatRef, ReportState
from storage.database import create_engine
from storage.models import Answer, ProcessedUpdate
from storage.repository import SqlChatStore

CHAT = ChatRef("telegram", 1)
ROOT = Path(__file__).resolve().parents[2]


def _new_report(*answers: tuple[str, object]) -> ChatChanges:
    return ChatChanges(reports=[ReportState(None, "annual", "draft", "unit_name", None, 0)],
                       answers=[(None, question_id, value) for question_id, value in answers])


async def _answer(store: SqlChatStore, question_id: str, value: object, update_id: int | None = None) -> None:
    async with store.unit(CHAT, update_id) as unit:
        report_id = unit.snapshot.current_report_id
        await unit.apply(ChatChanges(current_report_id=report_id, answers=[(report_id, question_id, value)]))


async def _answers(store: SqlChatStore) -> dict:
    async with store.unit(CHAT) as unit:
        return unit.snapshot.current.answers  # type: ignore[union-attr]


async def test_the_database_away_for_a_moment(postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    proxy, database = postgres_behind_proxy
    store = SqlChatStore(database)
    async with store.unit(CHAT) as unit:
        await unit.apply(_new_report(("unit_name", "甲厂")))
    await proxy.down()
    with pytest.raises(Exception) as failure:  # the front door turns this into 请稍后再试
        await _answer(store, "unit_type", "ent", update_id=5)
    assert not isinstance(failure.value, AssertionError)
    await proxy.up()
    assert await _answers(store) == {"unit_name": "甲厂"}  # recovers by itself; nothing half-written
    await _answer(store, "unit_type", "ent", update_id=5)  # the redelivery is applied
    assert await _answers(store) == {"unit_name": "甲厂", "unit_type": "ent"}


async def test_a_database_restart_while_nobody_writes_costs_no_answer(postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    """The pooled connection died while the bot was idle: pool_pre_ping replaces it before the unit."""
    proxy, database = postgres_behind_proxy
    store = SqlChatStore(database)
    async with store.unit(CHAT) as unit:
        await unit.apply(_new_report(("unit_name", "甲厂")))
    await proxy.down()
    await proxy.up()
    await _answer(store, "unit_type", "ent")
    assert await _answers(store) == {"unit_name": "甲厂", "unit_type": "ent"}


async def test_the_health_check_after_a_restart_while_idle(postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    proxy, database = postgres_behind_proxy
    store = SqlChatStore(database)
    assert await store.reachable()
    await proxy.down()
    await proxy.up()
    assert await store.reachable()  # the pooled connection was dead
    await proxy.down()
    assert not await store.reachable()


async def test_a_unit_that_fails_after_writing_keeps_nothing(database) -> None:  # type: ignore[no-untyped-def]
    store = SqlChatStore(database)
    with pytest.raises(RuntimeError):
        async with store.unit(CHAT, update_id=10) as unit:
            await unit.apply(_new_report(("unit_name", "甲厂")))  # the writes have reached the database
            raise RuntimeError("the engine failed")
    async with store.unit(ChatRef("telegram", 2), update_id=11) as unit:
        await unit.apply(ChatChanges(menu="edit"))  # the next unit, most likely on the same connection, commits
    async with store.unit(CHAT, update_id=10) as unit:
        assert (unit.snapshot.duplicate, unit.snapshot.reports) == (False, [])  # the redelivery is applied


async def _hold_the_chat(database_url: str, holding: asyncio.Event, release: asyncio.Event) -> None:
    database = create_engine(database_url)
    try:
        async with SqlChatStore(database).unit(CHAT):
            holding.set()
            await release.wait()
    finally:
        await database.dispose()


async def test_a_unit_cancelled_while_waiting_for_the_chat_leaves_no_transaction_open(database_url: str) -> None:
    database = create_engine(database_url)
    store = SqlChatStore(database)
    holding, release = asyncio.Event(), asyncio.Event()
    try:
        async with store.unit(CHAT):
            pass
        other_replica = asyncio.ensure_future(_hold_the_chat(database_url, holding, release))
        await holding.wait()
        waiting = asyncio.ensure_future(_answer(store, "unit_name", "甲厂", update_id=12))
        await asyncio.sleep(0.2)
        assert not waiting.done()
        waiting.cancel()  # e.g. the bot shutting down
        # The other replica lets go meanwhile. (On SQLite the cancelled unit ends only once its BEGIN IMMEDIATE
        # returns, which is when the lock comes free or busy_timeout runs out.)
        asyncio.get_running_loop().call_later(0.2, release.set)
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await other_replica
        if database.dialect.name == "postgresql":
            async with database.connect() as connection:
                open_transactions = (await connection.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state LIKE 'idle in transaction%'"))).scalar()
            assert open_transactions == 0
        async with asyncio.timeout(5):  # no connection of the cancelled unit still holds the database
            async with store.unit(CHAT, update_id=12) as unit:
                assert not unit.snapshot.duplicate  # the cancelled unit kept nothing
                await unit.apply(ChatChanges(menu="reports"))
            async with store.unit(CHAT) as unit:
                assert unit.snapshot.menu == "reports"
    finally:
        release.set()
        await database.dispose()


# A process that answers as fast as it can and prints each update id once its unit has committed.
WRITER = """
import asyncio, sys
from dialogs.ports import ChatChanges, ChatRef, ReportState
from storage.database import create_engine
from storage.repository import SqlChatStore

async def main():
    store = SqlChatStore(create_engine(sys.argv[1]))
    chat = ChatRef("telegram", 1)
    async with store.unit(chat) as unit:
        await unit.apply(ChatChanges(reports=[ReportState(None, "annual", "draft", "q0", None, 0)]))
    for update_id in range(1, 100_000):
        async with store.unit(chat, update_id) as unit:
            state = unit.snapshot.current.state
            state.cursor, state.version = f"q{update_id}", update_id
            await unit.apply(ChatChanges(current_report_id=state.id, reports=[state],
                                         answers=[(state.id, f"q{update_id}", update_id)]))
        print(update_id, flush=True)

asyncio.run(main())
"""


async def test_a_killed_process_loses_nothing_it_committed(database_url: str) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WRITER, database_url, cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout is not None
    acknowledged = 0
    try:
        async with asyncio.timeout(60):
            while acknowledged < 150:
                acknowledged = int(await process.stdout.readline())
        await asyncio.sleep(random.uniform(0, 0.05))  # somewhere inside a later unit
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    database = create_engine(database_url)
    try:
        async with database.connect() as connection:
            claimed = (await connection.execute(select(func.max(ProcessedUpdate.update_id)))).scalar_one()
            answers = (await connection.execute(select(func.count()).select_from(Answer))).scalar_one()
        assert claimed >= acknowledged
        assert answers == claimed  # each update's answer, and only whole units
        async with SqlChatStore(database).unit(CHAT) as unit:
            state = unit.snapshot.current.state  # type: ignore[union-attr]
            assert (state.cursor, state.version) == (f"q{claimed}", claimed)
    finally:
        await database.dispose()
