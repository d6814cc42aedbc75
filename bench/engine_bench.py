"""Engine per answer (load + validate + transition + commit + next prompt) against a floor of one bare
`transitions` trigger plus one insert-and-commit on the same database; and how it scales with stored reports."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, text, update
from sqlalchemy.engine import make_url
from transitions import Machine

from bench.common import RefusedAnswer, Row, chair_script, median, percentile, saved_prefix
from dialogs.engine import Engine
from dialogs.events import Notice, Text
from dialogs.ports import ChatRef
from storage.database import create_engine
from storage.migrate import upgrade_async
from storage.models import Answer, Chair, Report
from storage.repository import SqlChatStore
from templates.maker import SummaryMaker

# A chair's first answers, each taken by the bot and moving it to the next question.
ANSWERS = chair_script(15)


async def reset_database(url: str) -> None:
    """An empty, migrated database: the SQLite file removed, or PostgreSQL's public schema recreated."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{parsed.database}{suffix}").unlink(missing_ok=True)
    database = create_engine(url)
    async with database.begin() as connection:
        if database.dialect.name == "postgresql":
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    await database.dispose()
    await upgrade_async(url)


async def _engine_per_answer(url: str, chats: int, first_chat: int = 1) -> list[float]:
    database = create_engine(url)
    store = SqlChatStore(database)
    engine = Engine(store, SummaryMaker(), today=lambda: date(2026, 1, 10))
    timings = []
    update_ids = itertools.count(first_chat * 1000)
    saved = saved_prefix()
    try:
        for chat_id in range(first_chat, first_chat + chats):
            chat = ChatRef("telegram", chat_id)
            await engine.handle(chat, Text("/start"), update_id=next(update_ids))
            for answer in ANSWERS:
                start = time.perf_counter()
                replies = await engine.handle(chat, Text(answer), update_id=next(update_ids))
                timings.append(time.perf_counter() - start)
                if not any(isinstance(r, Notice) and r.text.startswith(saved) for r in replies):
                    raise RefusedAnswer(f"engine bench: {answer!r} was not taken: {replies}")
    finally:
        await database.dispose()
    return timings


async def _floor(url: str, count: int) -> list[float]:
    """One bare transitions trigger plus one insert-and-commit, on the same database and driver."""
    database = create_engine(url)
    metadata = MetaData()
    table = Table("bench_floor", metadata, Column("id", Integer, primary_key=True), Column("value", String(40)))
    async with database.begin() as connection:
        await connection.run_sync(metadata.drop_all)
        await connection.run_sync(metadata.create_all)

    class Model:
        pass

    machine = Machine(model=None, states=["a", "b"], transitions=[["go", "a", "b"], ["go", "b", "a"]],
                      initial="a", auto_transitions=False)
    model = Model()
    machine.add_model(model)
    timings = []
    try:
        for i in range(count):
            start = time.perf_counter()
            model.go()  # type: ignore[attr-defined]
            async with database.begin() as connection:
                await connection.execute(insert(table).values(value=str(i)))
            timings.append(time.perf_counter() - start)
    finally:
        async with database.begin() as connection:
            await connection.run_sync(metadata.drop_all)
        await database.dispose()
    return timings


async def _fill(url: str, reports: int) -> None:
    """Stored reports of other chairs, each with a few answers, inserted in bulk."""
    database = create_engine(url)
    ids = itertools.count(1_000_000)
    batch = 5000
    async with database.begin() as connection:
        for start in range(0, reports, batch):
            size = min(batch, reports - start)
            chairs = [{"id": next(ids), "source": "telegram", "chat_id": 10_000_000 + start + i} for i in range(size)]
            await connection.execute(insert(Chair), chairs)
            await connection.execute(insert(Report), [
                {"id": c["id"], "chair_id": c["id"], "kind": "annual", "status": "draft", "cursor": "staff_total",
                 "version": 4} for c in chairs])
            await connection.execute(insert(Answer), [
                {"report_id": c["id"], "question_id": q, "value": v} for c in chairs
                for q, v in (("unit_name", "某厂"), ("unit_type", "ent"), ("period", "year"), ("year", 2025))])
            await connection.execute(update(Chair).where(Chair.id >= chairs[0]["id"])
                                     .values(current_report_id=Chair.id))
    # Measure the steady state of a database that has grown over months, not the aftermath of a bulk
    # load: fold the write-ahead log back (SQLite) or write it out (PostgreSQL), and refresh the
    # planner's statistics (both).
    dialect = database.dialect.name
    if dialect != "sqlite":
        async with database.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.exec_driver_sql("VACUUM ANALYZE")
            # Write the bulk load's dirty pages out now, not while the per-answer figure is measured.
            await connection.exec_driver_sql("CHECKPOINT")
    await database.dispose()
    if dialect == "sqlite":
        with sqlite3.connect(make_url(url).database) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.execute("ANALYZE")


async def run(urls: dict[str, str], scale: bool) -> list[Row]:
    rows = []
    for name, url in urls.items():
        await reset_database(url)
        await _engine_per_answer(url, 5, first_chat=900)  # warm caches and connections
        timings = await _engine_per_answer(url, 60)
        floor = median(await _floor(url, 900)) * 1000
        rows.append(Row("engine", f"per answer, median ({name})", median(timings) * 1000, floor, "ms",
                        notes="floor: a bare transitions trigger + insert-and-commit"))
        rows.append(Row("engine", f"per answer, p99 ({name})", percentile(timings, 0.99) * 1000, None, "ms",
                        "≤ 25 ms"))
        if not scale:
            continue
        per_scale = {}
        for stored in (10, 10_000, 100_000):
            await reset_database(url)
            await _fill(url, stored)
            await _engine_per_answer(url, 5, first_chat=900)  # warm, as for the first figure
            per_scale[stored] = median(await _engine_per_answer(url, 40)) * 1000
        rows.append(Row("scale", f"per answer, 100k vs 10 reports ({name})", per_scale[100_000], per_scale[10],
                        "ms", "≤ 1.2× (flat)", notes=f"10k: {per_scale[10_000]:.3f} ms",
                        extra={str(k): v for k, v in per_scale.items()}))
    return rows


if __name__ == "__main__":
    from bench.common import print_table

    print_table(asyncio.run(run({"sqlite": "sqlite+aiosqlite:////tmp/bench.db"}, scale=False)))
