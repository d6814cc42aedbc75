"""A reply that could not be sent after the answer was saved: the chat's next answer may repeat it, so it
is answered with where the chair is, not applied; commands work as usual. Edited messages are not answers."""

from __future__ import annotations

from sqlalchemy import func, select

from dialogs.events import Album, Edited, Photo, Toggle
from storage.models import Chair as ChairRow
from tests.support.chat import Chair, answers_of, make_engine
from tests.support.images import jpeg

TO_STAFF_TOTAL = ["/start", "红星机械厂", "1", "1", "1", "2025", "1", "跳过", "跳过"]


async def _at_staff_total(database) -> Chair:  # type: ignore[no-untyped-def]
    chair = Chair(make_engine(database))
    for text in TO_STAFF_TOTAL:
        await chair.send(text)
    assert chair.prompt.question_id == "staff_total"
    return chair


async def test_the_answer_after_a_lost_reply_is_not_stored_but_shows_the_question(database) -> None:  # type: ignore[no-untyped-def]
    chair = await _at_staff_total(database)
    await chair.send("86")
    await chair.engine.reply_lost(chair.chat)
    await chair.send("86")  # the same answer again: the chair never saw it was taken
    assert "之前的回答已经保存" in chair.notices[0] and chair.prompt.question_id == "retirees_total"
    assert "retirees_total" not in await answers_of(chair)
    await chair.send("20")  # the flag went with that one reply
    assert (await answers_of(chair))["retirees_total"] == 20


async def test_a_tick_after_a_lost_reply_is_not_undone(database) -> None:  # type: ignore[no-untyped-def]
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.answer_until("train_topics")
    key = chair.prompt.options[0].key
    await chair.send(Toggle(key, "train_topics", chair.prompt.version))
    await chair.engine.reply_lost(chair.chat)
    await chair.send(Toggle(key, "train_topics", chair.prompt.version))
    assert chair.prompt.selected == (key,)


async def test_a_command_after_a_lost_reply_works_as_usual(database) -> None:  # type: ignore[no-untyped-def]
    chair = await _at_staff_total(database)
    await chair.send("86")
    await chair.engine.reply_lost(chair.chat)
    await chair.send("返回")
    assert chair.prompt.question_id == "staff_total" and not chair.notices
    await chair.send("87")
    assert (await answers_of(chair))["staff_total"] == 87


async def test_a_lost_reply_after_forgetting_keeps_nothing(database) -> None:  # type: ignore[no-untyped-def]
    chair = await _at_staff_total(database)
    await chair.send("/forget")
    await chair.send("1")
    await chair.engine.reply_lost(chair.chat)
    async with database.connect() as connection:
        assert (await connection.execute(select(func.count()).select_from(ChairRow))).scalar_one() == 0


async def test_an_edited_message_is_not_an_answer(database) -> None:  # type: ignore[no-untyped-def]
    chair = await _at_staff_total(database)
    await chair.send(Edited())
    assert "修改" in chair.notices[0] and chair.prompt.question_id == "staff_total"


async def test_an_album_keeps_what_the_question_has_room_for(database) -> None:  # type: ignore[no-untyped-def]
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.answer_until("culture_photo")
    await chair.send(Photo(jpeg(), "三八节健步走"))
    await chair.send(Album(tuple(Photo(jpeg(), "迎新春" if n == 0 else None) for n in range(4))))
    assert "收到 4 张照片" in " ".join(chair.notices) and "保留了前 2 张" in " ".join(chair.notices)
    stored = (await answers_of(chair))["culture_photo"]
    assert [caption for _, caption in stored] == ["三八节健步走", "迎新春", None]
    assert chair.prompt.question_id == "culture_photo"  # the last one may still get a caption
