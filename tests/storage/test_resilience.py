"""Two replicas at once, and the database going away for a moment."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from dialogs.events import Choice, Text, Toggle
from storage.database import create_engine
from storage.repository import SqlChatStore
from tests.support.chat import Chair, answers_of, make_engine

ROUNDS = 100


async def test_two_replicas_never_lose_a_tick(database_url: str) -> None:
    """Two devices ticking options on one multiple choice at the same moment, through two engines."""
    first_db, second_db = create_engine(database_url), create_engine(database_url)
    replica_a, replica_b = make_engine(first_db), make_engine(second_db)
    chair = Chair(replica_a)
    try:
        await chair.send("/start")
        await chair.answer_until("train_topics")
        keys = [o.key for o in chair.prompt.options]
        for round_number in range(ROUNDS):
            first, second = keys[round_number % 3], keys[3 + round_number % 3]
            await asyncio.gather(
                replica_a.handle(chair.chat_id, Toggle(first, "train_topics")),
                replica_b.handle(chair.chat_id, Toggle(second, "train_topics")),
            )
            state = await replica_b.handle(chair.chat_id, Text("/status"))
            prompt = state[-1]
            assert set(prompt.selected) == {first, second}, (round_number, prompt.selected)
            await asyncio.gather(
                replica_b.handle(chair.chat_id, Toggle(first, "train_topics")),
                replica_a.handle(chair.chat_id, Toggle(second, "train_topics")),
            )
        final = (await replica_a.handle(chair.chat_id, Text("/status")))[-1]
        assert final.selected == ()
    finally:
        await first_db.dispose()
        await second_db.dispose()


async def test_a_double_tap_on_two_replicas_applies_once(database_url: str) -> None:
    first_db, second_db = create_engine(database_url), create_engine(database_url)
    replica_a, replica_b = make_engine(first_db), make_engine(second_db)
    try:
        for round_number in range(ROUNDS // 2):
            chair = Chair(replica_a, chat_id=10_000 + round_number)
            await chair.send("/start")
            await chair.send("甲厂")
            tap = Choice(("school",), "unit_type", chair.prompt.version)
            results = await asyncio.gather(replica_a.handle(chair.chat_id, tap), replica_b.handle(chair.chat_id, tap))
            stale = [r for r in results if any("过期" in getattr(x, "text", "") for x in r)]
            assert len(stale) == 1, results  # one tap applied, the other told and shown the current question
            assert (await answers_of(chair))["unit_type"] == "school"
            assert {r[-1].question_id for r in results} == {"period"}
    finally:
        await first_db.dispose()
        await second_db.dispose()


async def test_the_database_away_for_a_moment(postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    proxy, database = postgres_behind_proxy
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.send("甲厂")
    await proxy.down()
    with pytest.raises((OSError, Exception)) as failure:  # the front door turns this into 请稍后再试
        await chair.send(Choice(("ent",), "unit_type"))
    assert not isinstance(failure.value, AssertionError)
    await proxy.up()
    await chair.send("/status")  # recovers by itself: the pool drops dead connections
    assert chair.prompt.question_id == "unit_type"
    assert await answers_of(chair) == {"unit_name": "甲厂"}  # nothing half-written
    await chair.send(Choice(("ent",), "unit_type"))
    assert chair.prompt.question_id == "period"


async def test_a_database_restart_while_nobody_writes_costs_no_answer(postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    """The pooled connection died while the bot was idle: the next answer goes through on a new one."""
    proxy, database = postgres_behind_proxy
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.send("甲厂")
    await proxy.down()
    await proxy.up()
    await chair.send(Choice(("ent",), "unit_type"))
    assert chair.prompt.question_id == "period"
    assert await answers_of(chair) == {"unit_name": "甲厂", "unit_type": "ent"}


async def test_the_health_check_after_a_restart_while_idle(postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    proxy, database = postgres_behind_proxy
    store = make_engine(database).store
    assert await store.reachable()  # type: ignore[attr-defined]
    await proxy.down()
    await proxy.up()
    assert await store.reachable()  # type: ignore[attr-defined]  # the pooled connection was dead
    await proxy.down()
    assert not await store.reachable()  # type: ignore[attr-defined]


async def test_a_unit_that_fails_after_writing_keeps_nothing(database) -> None:  # type: ignore[no-untyped-def]
    store = SqlChatStore(database)
    with pytest.raises(RuntimeError):
        async with store.unit(1, update_id=10) as unit:
            await unit.set_menu("reports")
            await unit.flush()  # the write has reached the database
            raise RuntimeError("the engine failed")
    async with store.unit(2, update_id=11):
        pass  # the next unit, most likely on the same pooled connection, commits
    async with store.unit(1, update_id=10) as unit:
        assert unit.menu is None
        assert not unit.duplicate  # the redelivered update is applied


async def _wait_in_unit(store: SqlChatStore, exclusive: bool) -> None:
    """An exclusive unit waits for the chair's lock as it opens; one that read without it, as it writes."""
    async with store.unit(1, exclusive=exclusive) as unit:
        await unit.set_menu("edit")


@pytest.mark.parametrize("exclusive", [True, False], ids=["exclusive", "unlocked"])
async def test_a_unit_cancelled_while_waiting_for_the_chair_leaves_no_transaction_open(
    postgres_behind_proxy, exclusive: bool,  # type: ignore[no-untyped-def]
) -> None:
    _proxy, database = postgres_behind_proxy
    store = SqlChatStore(database)
    async with store.unit(1):
        pass
    async with database.connect() as other_replica:
        await other_replica.execute(text("SELECT id FROM chairs WHERE chat_id = 1 FOR UPDATE"))
        waiting = asyncio.ensure_future(_wait_in_unit(store, exclusive))
        await asyncio.sleep(0.2)
        assert not waiting.done()
        waiting.cancel()  # e.g. the bot shutting down
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await other_replica.rollback()
    async with database.connect() as connection:
        open_transactions = (await connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%'"))).scalar()
    assert open_transactions == 0
    async with store.unit(1) as unit:
        assert unit.menu is None  # the cancelled unit kept nothing
    async with store.unit(1, update_id=12) as unit:
        await unit.set_menu("reports")
    async with store.unit(1) as unit:
        assert unit.menu == "reports"
