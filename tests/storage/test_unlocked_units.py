"""PostgreSQL units that read without the chair's lock: another replica's change in between is never
overwritten, and the event is handled again on top of it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest

from dialogs.events import Choice, Prompt, Text
from dialogs.ports import ChatChanged, ReportState
from storage.admin import purge
from storage.database import create_engine
from storage.repository import SqlChatStore, SqlChatUnit
from tests.support.chat import Chair, answers_of, make_engine


@pytest.fixture
async def two_replicas(postgres_url: str) -> AsyncIterator[tuple[SqlChatStore, SqlChatStore]]:
    first, second = create_engine(postgres_url), create_engine(postgres_url)
    yield SqlChatStore(first), SqlChatStore(second)
    await first.dispose()
    await second.dispose()


async def _chair_with_a_report(store: SqlChatStore, chat_id: int) -> ReportState:
    async with store.unit(chat_id) as unit:
        return await unit.create_report("annual", "unit_name")


@pytest.mark.parametrize("exclusive", [False, True], ids=["other unlocked", "other exclusive"])
async def test_a_write_after_another_replicas_is_refused_whole(two_replicas, exclusive: bool) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    report = await _chair_with_a_report(here, 1)
    with pytest.raises(ChatChanged):
        async with here.unit(1, update_id=20) as late:
            async with there.unit(1, update_id=21, exclusive=exclusive) as early:
                await early.save_answer(report.id, "unit_name", "乙厂")
            await late.save_answer(report.id, "unit_name", "甲厂")
            await late.set_menu("edit")
    async with here.unit(1, update_id=20) as unit:
        assert not unit.duplicate  # the refused unit did not claim its update either
        assert unit.menu is None
        assert await unit.answers(report.id) == {"unit_name": "乙厂"}


async def test_a_unit_that_needs_the_lock_after_another_replica_wrote_is_refused(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    first = await _chair_with_a_report(here, 2)
    with pytest.raises(ChatChanged):
        async with here.unit(2, update_id=30) as late:
            await late.set_menu("reports")
            async with there.unit(2) as early:
                await early.save_answer(first.id, "unit_name", "乙厂")
            await late.create_report("annual", "unit_name")  # needs the lock
    async with here.unit(2) as unit:
        assert [r.id for r in await unit.reports()] == [first.id]
        assert unit.menu is None


async def test_units_that_read_the_same_version_and_only_one_writes_both_commit(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    report = await _chair_with_a_report(here, 3)
    async with here.unit(3) as reading, there.unit(3, update_id=40) as writing:
        await writing.save_answer(report.id, "unit_name", "乙厂")
        assert await reading.answers(report.id) == {}  # it read before the answer, and writes nothing
    async with there.unit(3, update_id=40) as unit:
        assert unit.duplicate


async def test_a_unit_that_took_the_lock_is_seen_by_one_that_read_before_it(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    report = await _chair_with_a_report(here, 4)
    with pytest.raises(ChatChanged):
        async with here.unit(4, update_id=61) as late:
            async with there.unit(4, update_id=60) as early:  # read the same version as `late`
                await early.reports()  # takes the lock
                await early.save_answer(report.id, "unit_name", "乙厂")
            await late.save_answer(report.id, "unit_name", "甲厂")
    async with here.unit(4) as unit:
        assert await unit.answers(report.id) == {"unit_name": "乙厂"}


async def test_a_unit_that_took_the_lock_claims_its_update(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, _there = two_replicas
    await _chair_with_a_report(here, 5)
    async with here.unit(5, update_id=70) as unit:
        assert not unit.duplicate
        await unit.create_report("annual", "unit_name")  # takes the lock
    async with here.unit(5, update_id=70) as unit:
        assert unit.duplicate  # a redelivered 新建 would not make a second report


async def test_the_last_of_a_units_writes_to_one_row_holds(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, _there = two_replicas
    await _chair_with_a_report(here, 6)
    async with here.unit(6, update_id=80) as unit:
        report = await unit.current_report()
        await unit.save_answer(report.id, "unit_name", "甲厂")
        report.cursor = "unit_type"
        await unit.save_report(report)
        await unit.save_answer(report.id, "unit_name", "乙厂")
        report.cursor = "period"
        await unit.save_report(report)
    async with here.unit(6) as unit:
        report = await unit.current_report()
        assert report.cursor == "period"
        assert await unit.answers(report.id) == {"unit_name": "乙厂"}


async def test_a_purge_between_a_units_read_and_write_sends_it_round_again(two_replicas) -> None:  # type: ignore[no-untyped-def]
    here, there = two_replicas
    report = await _chair_with_a_report(here, 7)
    with pytest.raises(ChatChanged):
        async with here.unit(7, update_id=90) as unit:
            await purge(there.engine, older_than=timedelta(seconds=-60))  # every draft counts as abandoned
            await unit.save_answer(report.id, "unit_name", "甲厂")
            await unit.save_report(report)
    async with here.unit(7, update_id=90) as unit:
        assert not unit.duplicate
        assert unit.current_report_id is None and await unit.current_report() is None


async def test_the_engine_handles_a_changed_chat_again_exclusively(postgres_url: str) -> None:
    database = create_engine(postgres_url)
    try:
        engine = make_engine(database)
        store = engine.store
        asked: list[bool] = []

        class ChangedOnce:
            @asynccontextmanager
            async def unit(self, chat_id: int, update_id: int | None = None,
                           exclusive: bool = False) -> AsyncIterator[SqlChatUnit]:
                asked.append(exclusive)
                async with store.unit(chat_id, update_id, exclusive=exclusive) as unit:  # type: ignore[call-arg]
                    yield unit  # type: ignore[misc]
                    if len(asked) == 1:
                        raise ChatChanged

        chair = Chair(engine)
        await chair.send("/start")
        engine.store = ChangedOnce()
        await chair.send("甲厂", update_id=3)
        assert asked == [False, True]
        assert chair.prompt.question_id == "unit_type"
        assert (await answers_of(chair)) == {"unit_name": "甲厂"}
    finally:
        await database.dispose()


class PausedBeforeAnswering:
    """A replica whose units stop before they save an answer, until the test lets them go on."""

    def __init__(self, store: SqlChatStore) -> None:
        self.store = store
        self.paused = asyncio.Event()
        self.go_on = asyncio.Event()

    @asynccontextmanager
    async def unit(self, chat_id: int, update_id: int | None = None,
                   exclusive: bool = False) -> AsyncIterator[SqlChatUnit]:
        async with self.store.unit(chat_id, update_id, exclusive=exclusive) as unit:
            save_answer = unit.save_answer

            async def paused_save_answer(*args: Any) -> None:
                self.paused.set()
                await self.go_on.wait()
                await save_answer(*args)

            unit.save_answer = paused_save_answer  # type: ignore[method-assign]
            yield unit


async def test_two_replicas_answering_one_chair_at_once_act_one_after_the_other(postgres_url: str) -> None:
    first_db, second_db = create_engine(postgres_url), create_engine(postgres_url)
    try:
        slow, quick = make_engine(first_db), make_engine(second_db)
        chair = Chair(quick)
        await chair.send("/start")
        await chair.send("甲厂")
        assert chair.prompt.question_id == "unit_type"
        paused = PausedBeforeAnswering(slow.store)  # type: ignore[arg-type]
        slow.store = paused
        late = asyncio.ensure_future(slow.handle(chair.chat_id, Choice(("school",), "unit_type"), update_id=51))
        await paused.paused.wait()  # the slow replica has read the chair at unit_type and chosen 学校
        early = await quick.handle(chair.chat_id, Choice(("ent",), "unit_type"), update_id=52)
        assert early[-1].question_id == "period"  # type: ignore[union-attr]
        paused.go_on.set()
        replies = await late
        # Handled again after the other replica's answer: the 学校 button now belongs to an older question.
        assert any("过期" in getattr(reply, "text", "") for reply in replies)
        assert isinstance(replies[-1], Prompt) and replies[-1].question_id == "period"
        assert (await answers_of(chair)) == {"unit_name": "甲厂", "unit_type": "ent"}
        again = await quick.handle(chair.chat_id, Text("再发一次"), update_id=51)  # a redelivery of update 51
        assert [r.question_id for r in again if isinstance(r, Prompt)] == ["period"]
        assert (await answers_of(chair)) == {"unit_name": "甲厂", "unit_type": "ent"}
    finally:
        await first_db.dispose()
        await second_db.dispose()
