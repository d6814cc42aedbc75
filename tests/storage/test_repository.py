"""The chat store on SQLite and PostgreSQL, through the unit API: the snapshot an event decides on, and
the changes it writes, in one transaction."""

from __future__ import annotations

import pytest

from dialogs.ports import ChatChanges, ChatRef, NewPhoto, ReportState
from storage.database import create_engine
from storage.repository import SqlChatStore

CHAT = ChatRef("telegram", 7)


@pytest.fixture
async def store(database_url):  # type: ignore[no-untyped-def]
    engine = create_engine(database_url)
    yield SqlChatStore(engine)
    await engine.dispose()


def draft(cursor: str = "unit_name", report_id: int | None = None, version: int = 0) -> ReportState:
    return ReportState(id=report_id, kind="annual", status="draft", cursor=cursor, resume_to=None, version=version)


async def start_report(store: SqlChatStore, chat: ChatRef = CHAT, **answers: object) -> int:
    """A new report for the chat, with answers; its id."""
    async with store.unit(chat) as unit:
        changes = ChatChanges(reports=[draft()], answers=[(None, q, v) for q, v in answers.items()])
        await unit.apply(changes)
    return changes.reports[0].id  # type: ignore[return-value]


async def test_a_new_chat_starts_empty(store: SqlChatStore) -> None:
    async with store.unit(CHAT, update_id=1) as unit:
        snapshot = unit.snapshot
    assert (snapshot.duplicate, snapshot.menu, snapshot.current_report_id, snapshot.reports) == (False, None, None, [])
    assert snapshot.current is None


async def test_a_new_report_becomes_current_with_its_answers_and_photos(store: SqlChatStore) -> None:
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(
            menu="edit", reports=[draft("staff_total", version=3)],
            answers=[(None, "unit_name", "红星机械厂"), (None, "photos", ["k1", "k2"])],
            photos=[NewPhoto(None, "photos", "k1", b"one", "运动会"), NewPhoto(None, "photos", "k2", b"two")]))
    async with store.unit(CHAT) as unit:
        snapshot = unit.snapshot
        current = snapshot.current
        assert current is not None and current.state.id == snapshot.current_report_id
        assert (current.state.cursor, current.state.version, current.state.status) == ("staff_total", 3, "draft")
        assert current.answers == {"unit_name": "红星机械厂", "photos": ["k1", "k2"]}
        assert snapshot.menu == "edit"
        assert await unit.photo_data(current.state.id) == {"k1": b"one", "k2": b"two"}


async def test_answers_are_upserted_and_skips_stored_as_none(store: SqlChatStore) -> None:
    report_id = await start_report(store, members=80, festivals=["spring", "autumn"], health_check=None)
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(current_report_id=report_id, answers=[(report_id, "members", 81)]))
    async with store.unit(CHAT) as unit:
        assert unit.snapshot.current.answers == {  # type: ignore[union-attr]
            "members": 81, "festivals": ["spring", "autumn"], "health_check": None}


async def test_positions_are_saved_as_given(store: SqlChatStore) -> None:
    report_id = await start_report(store)
    position = draft("period", report_id, version=5)
    position.resume_to, position.pending, position.defaults = "review", ["a", "b"], {"unit_type": "school"}
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(current_report_id=report_id, reports=[position]))
    async with store.unit(CHAT) as unit:
        assert unit.snapshot.current.state == position  # type: ignore[union-attr]


async def test_reports_come_oldest_first_and_the_current_one_is_chosen_by_the_chair(store: SqlChatStore) -> None:
    first = await start_report(store, unit_name="甲")
    second = await start_report(store, unit_name="乙")
    async with store.unit(CHAT) as unit:
        assert [r.state.id for r in unit.snapshot.reports] == [first, second]
        assert unit.snapshot.current_report_id == second
        await unit.apply(ChatChanges(current_report_id=first))
    async with store.unit(CHAT) as unit:
        assert unit.snapshot.current.answers == {"unit_name": "甲"}  # type: ignore[union-attr]


async def test_a_deleted_report_goes_with_its_answers_and_photos(store: SqlChatStore) -> None:
    kept = await start_report(store, unit_name="甲")
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(reports=[draft()], answers=[(None, "photos", ["k"])],
                                     photos=[NewPhoto(None, "photos", "k", b"jpeg")]))
    async with store.unit(CHAT) as unit:
        doomed = unit.snapshot.current_report_id  # type: ignore[assignment]
        await unit.apply(ChatChanges(current_report_id=kept, deleted_reports=[doomed]))
    async with store.unit(CHAT) as unit:
        assert [r.state.id for r in unit.snapshot.reports] == [kept]
        assert await unit.photo_data(doomed) == {}


async def test_forget_removes_the_chair_and_everything_of_theirs(store: SqlChatStore) -> None:
    other = ChatRef("telegram", 8)
    await start_report(store, unit_name="甲")
    others_report = await start_report(store, other, unit_name="乙")
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(forget=True, menu="edit", answers=[(None, "x", 1)]))  # nothing else written
    async with store.unit(CHAT) as unit:
        assert (unit.snapshot.menu, unit.snapshot.reports) == (None, [])
    async with store.unit(other) as unit:
        assert [r.state.id for r in unit.snapshot.reports] == [others_report]


async def test_a_failed_event_leaves_nothing_behind_not_even_its_update(store: SqlChatStore) -> None:
    report_id = await start_report(store)
    with pytest.raises(RuntimeError):
        async with store.unit(CHAT, update_id=10) as unit:
            await unit.apply(ChatChanges(menu="edit", current_report_id=report_id,
                                         reports=[draft("members", report_id, 1)], answers=[(report_id, "members", 5)]))
            raise RuntimeError("crash between the write and the reply")
    async with store.unit(CHAT, update_id=10) as unit:
        assert not unit.snapshot.duplicate  # the redelivered update will be applied
        assert unit.snapshot.menu is None
        assert unit.snapshot.current.answers == {}  # type: ignore[union-attr]
        assert unit.snapshot.current.state.cursor == "unit_name"  # type: ignore[union-attr]


async def test_an_update_is_claimed_once_per_front_door(store: SqlChatStore) -> None:
    async with store.unit(CHAT, update_id=500) as unit:
        assert not unit.snapshot.duplicate
    async with store.unit(CHAT, update_id=500) as unit:
        assert unit.snapshot.duplicate
    async with store.unit(ChatRef("console", 7), update_id=500) as unit:
        assert not unit.snapshot.duplicate  # another front door numbers its updates on its own


async def test_chats_are_told_apart_by_front_door_and_id(store: SqlChatStore) -> None:
    await start_report(store, unit_name="甲")
    for chat in (ChatRef("telegram", 8), ChatRef("console", 7)):
        async with store.unit(chat) as unit:
            assert unit.snapshot.reports == []


async def test_a_unit_cannot_reach_another_chairs_report(store: SqlChatStore) -> None:
    others = await start_report(store, ChatRef("telegram", 8))
    async with store.unit(ChatRef("telegram", 8)) as unit:
        await unit.apply(ChatChanges(current_report_id=others, photos=[NewPhoto(others, "photos", "k", b"x")]))
    async with store.unit(CHAT) as unit:
        await unit.apply(ChatChanges(reports=[draft("hijacked", others)], deleted_reports=[others]))
        assert await unit.photo_data(others) == {}
    async with store.unit(ChatRef("telegram", 8)) as unit:
        assert [r.state.cursor for r in unit.snapshot.reports] == ["unit_name"]
