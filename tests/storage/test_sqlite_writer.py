"""SQLite statements run on the event loop's thread: nothing that can wait for long may run there."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import storage.driver
import storage.repository
from storage.database import create_engine
from storage.migrate import upgrade_async
from tests.support.chat import Chair, answers_of, make_engine


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> AsyncIterator[Path]:
    path = tmp_path / "writer.db"
    await upgrade_async(f"sqlite+aiosqlite:///{path}")
    yield path


async def _ticks_while(work: asyncio.Future, every: float = 0.01) -> int:
    """How many times the loop got to run something else while `work` was going on."""
    ticks = 0
    while not work.done():
        await asyncio.sleep(every)
        ticks += 1
    return ticks


async def test_another_writer_holding_the_file_does_not_stall_other_work(sqlite_file: Path) -> None:
    database = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    chair = Chair(make_engine(database))
    other_process = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        await chair.send("/start")
        other_process.execute("BEGIN IMMEDIATE")  # e.g. `union-summary purge` in the middle of its work
        answer = asyncio.ensure_future(chair.send("甲厂"))
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, other_process.execute, "COMMIT")
        ticks = await _ticks_while(answer)
        await answer
        assert ticks >= 10  # the loop ran other work for the whole 0.3 s the lock was held
        assert chair.prompt.question_id == "unit_type"
        assert await answers_of(chair) == {"unit_name": "甲厂"}
    finally:
        other_process.close()
        await database.dispose()


async def test_a_lock_never_released_fails_the_answer_and_keeps_nothing(
    sqlite_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.driver, "LOCK_WAIT_SECONDS", 0.2)
    database = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    chair = Chair(make_engine(database))
    other_process = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        await chair.send("/start")
        other_process.execute("BEGIN IMMEDIATE")
        answer = asyncio.ensure_future(chair.send("甲厂"))
        ticks = await _ticks_while(answer)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await answer
        assert ticks >= 5
        other_process.execute("ROLLBACK")
        await chair.send("/status")
        assert chair.prompt.question_id == "unit_name"
        assert await answers_of(chair) == {}
    finally:
        other_process.close()
        await database.dispose()


async def test_the_log_is_copied_into_the_database_as_answers_come_in(
    sqlite_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own checkpoint is off for the chat units (it would fsync on the loop); theirs keeps the
    log from growing with every answer."""
    monkeypatch.setattr(storage.repository, "CHECKPOINT_EVERY", 10)
    database = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    engine = make_engine(database)
    log = Path(f"{sqlite_file}-wal")
    try:
        sizes = []
        for chat_id in range(1, 31):
            chair = Chair(engine, chat_id=chat_id)
            await chair.send("/start")
            await chair.send(f"第{chat_id}厂")
            await engine.store.finish_background_work()  # type: ignore[attr-defined]
            sizes.append(log.stat().st_size)
        assert await answers_of(chair) == {"unit_name": "第30厂"}
        # 60 answers, six log pages or so each, would be about 360 pages without checkpoints.
        assert max(sizes[-10:]) < 120 * 4 * 1024
        assert max(sizes[-10:]) <= max(sizes[:10]) * 2
    finally:
        await database.dispose()
