"""SQLite statements run on the event loop's thread: nothing that can wait for long may run there."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import storage.driver
import storage.repository
from dialogs.engine import Engine
from dialogs.events import Choice
from storage.database import create_engine
from storage.migrate import upgrade_async
from tests.support.chat import Chair, answers_of, make_engine

PAGE = 4096 + 24  # a page and its frame header in the log


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


async def _answer_at_once(engine: Engine, chats: range, in_flight: int = 8) -> None:
    """Chairs answering without pause, `in_flight` at a time as the bot handles them, so units commit while
    a checkpoint runs."""
    waiting = iter(chats)

    async def answer_next_chairs() -> None:
        for chat_id in waiting:
            chair = Chair(engine, chat_id=chat_id)
            await chair.send("/start")
            await chair.send(f"第{chat_id}厂")
            await chair.send(Choice(("ent",), "unit_type"))

    await asyncio.gather(*(answer_next_chairs() for _ in range(in_flight)))


async def test_the_log_stays_small_while_chairs_answer_at_once(
    sqlite_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.repository, "CHECKPOINT_EVERY", 20)
    monkeypatch.setattr(storage.repository, "LOG_PAGES_LIMIT", 200)
    database = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    engine = make_engine(database)
    log = Path(f"{sqlite_file}-wal")
    try:
        await _answer_at_once(engine, range(1, 301))  # the units never pause for long
        assert await answers_of(Chair(engine, chat_id=300)) == {"unit_name": "第300厂", "unit_type": "ent"}
        # 900 answers write about 3 600 pages to the log; it levels off at 300-400 pages.
        assert log.stat().st_size < 800 * PAGE
    finally:
        await engine.store.finish_background_work()  # type: ignore[attr-defined]
        await database.dispose()


async def test_sqlite_copies_nothing_by_itself_inside_a_unit(
    sqlite_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its automatic checkpoint (every 1 000 pages) would fsync inside a COMMIT, on the loop's thread."""
    monkeypatch.setattr(storage.repository, "CHECKPOINT_EVERY", 10**9)
    database = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
    try:
        await _answer_at_once(make_engine(database), range(1, 121))
        # About 1 450 pages: SQLite by itself would have copied the log and started it afresh at 1 000.
        assert Path(f"{sqlite_file}-wal").stat().st_size > 1_200 * PAGE
    finally:
        await database.dispose()
