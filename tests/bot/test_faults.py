"""What the real Telegram does to the bot, played by the fake Bot API: 429s, timeouts, late button
answers, messages gone before their edit, edited messages, albums, groups."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.chat import Chair, answers_of, make_engine
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.images import jpeg
from tests.support.telegram import RunningBot, TelegramChair

TO_STAFF_TOTAL = ["/start", "红星机械厂", "1", "1", "1", "2025", "1", "跳过", "跳过"]  # then 职工总数, then 退休


@pytest.fixture
async def bot(fake, database):  # type: ignore[no-untyped-def]
    running = RunningBot(fake, make_engine(database), album_quiet=0.3)
    await running.start()
    yield running
    await running.stop()


async def _at_staff_total(chair: TelegramChair) -> None:
    for text in TO_STAFF_TOTAL:
        await chair.say(text)
    assert "职工" in chair.question and "退休" not in chair.question


async def _answer_until(bot: RunningBot, chair: TelegramChair, question_id: str) -> None:
    """Straight to a question through the engine, then its message on Telegram."""
    quick = Chair(bot.application.bot_data["engine"], chair.chat_id)
    await quick.send("/start")
    await quick.answer_until(question_id)
    await chair.say("/status")


async def _stored(chair: TelegramChair, database) -> dict:  # type: ignore[no-untyped-def]
    return await answers_of(Chair(make_engine(database), chair.chat_id))


async def test_a_429_is_waited_out_and_the_reply_arrives_once(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    fake.too_many_requests("sendMessage", retry_after=1)
    await chair.say("甲厂")
    assert not any("请稍后再试" in t for t in chair.texts)
    assert len(chair.received) == 1 and chair.question.startswith("【基本情况】第 2/")


async def test_a_lost_reply_is_never_called_unprocessed_and_a_repeat_is_not_stored(  # type: ignore[no-untyped-def]
    fake: FakeBotAPI, bot: RunningBot, database, caplog
) -> None:
    chair = TelegramChair(fake, bot)
    await _at_staff_total(chair)
    fake.hang("sendMessage")  # the reply to "86" times out
    await chair.say("86")
    assert chair.received == []  # no 请稍后再试: the answer was saved
    assert "reply lost" in caplog.text and "86" not in [r.getMessage() for r in caplog.records]
    await chair.say("86")  # the chair, seeing nothing, sends it again
    assert "之前的回答已经保存" in chair.texts[0] and "退休" in chair.question
    assert "retirees_total" not in await _stored(chair, database)
    await chair.say("20")
    stored = await _stored(chair, database)
    assert (stored["staff_total"], stored["retirees_total"]) == (86, 20)


async def test_after_a_lost_reply_a_command_works_as_usual(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await _at_staff_total(chair)
    fake.fail("sendMessage", 502, "Bad Gateway")
    await chair.say("86")
    await chair.say("返回")
    assert "之前的回答已经保存" not in chair.texts[0] and "职工" in chair.question
    await chair.say("87")  # the flag is cleared: an answer is an answer again
    assert "已记录" in chair.texts[0] and "退休" in chair.question


async def test_a_tap_whose_query_is_too_old_is_applied(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    await chair.say("甲厂")
    fake.query_too_old()
    await chair.press("企业")
    assert chair.question.startswith("【基本情况】第 3/")
    assert not any("请稍后再试" in t for t in chair.texts)


async def test_a_tick_whose_message_was_deleted_gets_the_question_anew(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await _answer_until(bot, chair, "train_topics")
    label = next(label for label, data in chair.keyboard.items() if data.startswith("t|"))
    fake.message_gone()
    await chair.press(label)
    assert len(chair.received) == 1 and chair.received[0].method == "sendMessage"
    assert f"✅ {label}" in chair.received[0].buttons()


async def test_an_edited_message_says_how_to_change_an_answer(fake: FakeBotAPI, bot: RunningBot, database) -> None:  # type: ignore[no-untyped-def]
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    await chair.say("甲厂")
    sent = next(u["message"]["message_id"] for u in reversed(fake.delivered)
                if u.get("message", {}).get("text") == "甲厂")
    await chair._exchange(lambda: fake.edit_text(chair.chat_id, sent, "乙厂"))
    assert "修改" in chair.texts[0] and chair.question.startswith("【基本情况】第 2/")
    assert (await _stored(chair, database))["unit_name"] == "甲厂"


async def test_an_album_is_one_batch_with_one_reply(fake: FakeBotAPI, bot: RunningBot, database) -> None:  # type: ignore[no-untyped-def]
    chair = TelegramChair(fake, bot)
    await _answer_until(bot, chair, "culture_photo")
    ids = fake.send_album(chair.chat_id, [jpeg() for _ in range(5)], caption="迎新春趣味运动会")
    mark = len(fake.sent)
    for update_id in ids:
        await bot.wait(update_id)
    await asyncio.sleep(0.1)
    replies = [s for s in fake.sent[mark:] if s.chat_id == chair.chat_id]
    assert len(replies) == 1
    assert "收到 5 张照片" in (replies[0].text or "") and "保留了前 3 张" in (replies[0].text or "")
    assert len((await _stored(chair, database))["culture_photo"]) == 3


async def test_an_album_where_no_photo_is_asked_gets_one_reply(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    ids = fake.send_album(chair.chat_id, [jpeg() for _ in range(3)])
    mark = len(fake.sent)
    for update_id in ids:
        await bot.wait(update_id)
    await asyncio.sleep(0.1)
    replies = [s for s in fake.sent[mark:] if s.chat_id == chair.chat_id]
    assert len(replies) == 1 and "不需要照片" in (replies[0].text or "")


async def test_a_group_is_refused_once_and_left(fake: FakeBotAPI, bot: RunningBot) -> None:
    last = 0
    for _ in range(5):
        last = fake.send_text(-100300, "/start", chat_type="supergroup")
    await bot.wait(last)
    assert len([s for s in fake.sent if s.chat_id == -100300]) == 1
    assert [params["chat_id"] for method, params in fake.calls if method == "leaveChat"] == [-100300]


async def test_the_allow_list_comes_before_answering_a_query_or_downloading_a_photo(  # type: ignore[no-untyped-def]
    fake: FakeBotAPI, database
) -> None:
    running = RunningBot(fake, make_engine(database), allowed_user_ids=frozenset({1}))
    await running.start()
    try:
        chair = TelegramChair(fake, running)
        await chair.tap("c|unit_type|1|enterprise")
        await chair.photo(jpeg())
        methods = [method for method, _ in fake.calls]
        assert "answerCallbackQuery" not in methods and "getFile" not in methods
        assert chair.texts == [chair.texts[0]] and "管理员" in chair.texts[0]
    finally:
        await running.stop()
