"""Operator commands: stats, purge of abandoned drafts, a report's export."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from dialogs.ports import ChatChanges, ChatRef, NewPhoto, ReportState
from storage.admin import purge, report, stats
from storage.models import Report
from storage.repository import SqlChatStore

CHAT = ChatRef("telegram", 1)


def _report(status: str) -> ReportState:
    return ReportState(None, "annual", status, "unit_name", None, 0)


async def test_purge_removes_abandoned_drafts_and_keeps_finished_reports(database) -> None:  # type: ignore[no-untyped-def]
    store = SqlChatStore(database)
    async with store.unit(CHAT, update_id=1) as unit:
        await unit.apply(ChatChanges(reports=[_report("done")], answers=[(None, "unit_name", "甲厂")]))
    async with store.unit(CHAT, update_id=2) as unit:
        await unit.apply(ChatChanges(reports=[_report("draft")], answers=[(None, "photos", ["k"])],
                                     photos=[NewPhoto(None, "photos", "k", b"jpeg")]))
    assert (await stats(database))["reports_started"] == 2
    assert await purge(database, older_than=timedelta(seconds=-60)) == {"reports": 1, "processed_updates": 2}
    async with store.unit(CHAT) as unit:
        assert [r.state.status for r in unit.snapshot.reports] == ["done"]
        assert unit.snapshot.current_report_id is None  # the purged draft was the current one
    assert await stats(database) == {"chairs": 1, "reports_started": 1, "reports_finished": 1,
                                     "answers_by_question": {"unit_name": 1}}


async def test_purge_waits_for_a_unit_of_the_drafts_chat(database) -> None:  # type: ignore[no-untyped-def]
    """A unit that loaded a draft writes its answer whole; the purge then sees the draft as fresh."""
    store = SqlChatStore(database)
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(reports=[_report("draft")]))
    async with database.begin() as connection:  # untouched for two days
        await connection.execute(update(Report).values(updated_at=datetime.now(UTC) - timedelta(days=2)))
    async with store.unit(CHAT) as unit:
        report_id = unit.snapshot.current_report_id
        purging = asyncio.ensure_future(purge(database, older_than=timedelta(days=1)))
        await asyncio.sleep(0.3)
        assert not purging.done()
        current = unit.snapshot.current.state  # type: ignore[union-attr]
        await unit.apply(ChatChanges(current_report_id=report_id, reports=[current],
                                     answers=[(report_id, "unit_name", "甲厂")]))
    assert (await purging)["reports"] == 0
    assert await report(database, report_id) == ({"unit_name": "甲厂"}, {})  # type: ignore[arg-type]


async def test_export_finds_photos_by_key(database) -> None:  # type: ignore[no-untyped-def]
    store = SqlChatStore(database)
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(reports=[_report("done")], answers=[(None, "photos", ["a1"])],
                                     photos=[NewPhoto(None, "photos", "a1", b"jpeg", "运动会")]))
    async with store.unit(CHAT) as unit:
        report_id = unit.snapshot.current_report_id
    assert await report(database, report_id) == ({"photos": ["a1"]}, {"a1": b"jpeg"})  # type: ignore[arg-type]
    assert await report(database, 10_000) is None
