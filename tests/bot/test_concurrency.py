"""Many chairs at once: their updates are handled side by side, each chair's own strictly in order."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.ordering import PerChatUpdateProcessor
from dialogs.engine import Engine
from tests.support.chat import Chair, answers_of, make_engine
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.telegram import RunningBot, TelegramChair

# Typed answers, each valid only at its own question: applied out of order, they would be refused or
# land on the wrong question.
TYPED = ["/start", "红星机械厂", "1", "1", "1", "2025", "1", "跳过", "跳过", "86", "20", "80"]
STORED = {"unit_name": "红星机械厂", "staff_total": 86, "retirees_total": 20, "members": 80}
CHAIRS = 3  # fewer chats than updates in flight, so a chat meets its own updates in the window


class Overlap:
    """Wraps the engine: how many updates were in its hands at once, overall and per chat."""

    def __init__(self, engine: Engine) -> None:
        self.inner_handle = engine.handle
        engine.handle = self.handle  # type: ignore[method-assign]
        self.now: Counter[object] = Counter()
        self.most_at_once = 0
        self.most_for_one_chat = 0

    async def handle(self, chat, event, update_id=None):  # type: ignore[no-untyped-def]
        self.now[chat] += 1
        self.most_at_once = max(self.most_at_once, sum(self.now.values()))
        self.most_for_one_chat = max(self.most_for_one_chat, self.now[chat])
        try:
            await asyncio.sleep(0.002)  # a slow moment (network, disk) in which other chats can move on
            return await self.inner_handle(chat, event, update_id)
        finally:
            self.now[chat] -= 1


async def test_chairs_typing_at_once_each_get_their_answers_in_order(fake: FakeBotAPI, database) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(database)
    overlap = Overlap(engine)
    running = RunningBot(fake, engine)
    assert isinstance(running.application.update_processor, PerChatUpdateProcessor)
    chats = [7000 + n for n in range(CHAIRS)]
    last_update = 0
    for text in TYPED:  # everything queued before the bot looks: one getUpdates batch, chats interleaved
        for chat_id in chats:
            last_update = fake.send_text(chat_id, text)
    await running.start()
    try:
        await running.wait(last_update, timeout=60)
        await asyncio.sleep(0.1)  # updates of other chats that were still in flight
    finally:
        await running.stop()

    assert overlap.most_at_once > 1, "updates of different chats should be handled side by side"
    assert overlap.most_for_one_chat == 1, "two updates of one chat must never be handled at once"
    for chat_id in chats:
        stored = await answers_of(Chair(make_engine(database), chat_id))
        assert {key: stored.get(key) for key in STORED} == STORED, chat_id
        questions = [s for s in fake.sent if s.chat_id == chat_id and "【" in (s.text or "")]
        assert len(questions) == len(TYPED)
        assert "其中女会员有多少人" in (questions[-1].text or "")


async def test_a_notice_and_the_next_question_arrive_as_one_message(fake: FakeBotAPI, database) -> None:  # type: ignore[no-untyped-def]
    running = RunningBot(fake, make_engine(database))
    await running.start()
    try:
        chair = TelegramChair(fake, running)
        await chair.say("/start")
        assert len(chair.received) == 1
        assert "工会总结助手" in chair.texts[0] and "【基本情况】第 1/" in chair.texts[0]
        await chair.say("甲厂")
        assert len(chair.received) == 1
        message = chair.received[0]
        assert message.text is not None and message.text.startswith("已记录：单位全称：甲厂")
        assert chair.question.startswith("【基本情况】第 2/")
        assert "企业" in message.buttons()  # the buttons sit under the message that asks
    finally:
        await running.stop()


async def test_a_chat_with_many_updates_queued_does_not_hold_up_another(fake: FakeBotAPI, database) -> None:  # type: ignore[no-untyped-def]
    """40 updates of one chat queued ahead of another chair's /start: the other chair is answered among the
    first, not after the flood (the chat lock used to be taken inside PTB's slots, which the flood filled)."""
    running = RunningBot(fake, make_engine(database))
    flooding, waiting = 7100, 7200
    for _ in range(40):
        fake.send_text(flooding, "/status")
    last = fake.send_text(waiting, "/start")
    await running.start()
    try:
        await running.wait(last, timeout=60)
        flood_answered_before = sum(1 for s in fake.sent if s.chat_id == flooding)
    finally:
        await running.stop()
    assert flood_answered_before < 10, f"the other chair waited for {flood_answered_before} of the 40"


async def test_one_chat_may_queue_only_so_many_updates(fake: FakeBotAPI, database, caplog) -> None:  # type: ignore[no-untyped-def]
    running = RunningBot(fake, make_engine(database), chat_queue_limit=5)
    for _ in range(12):
        fake.send_text(7300, "/status")
    await running.start()
    try:
        await running.wait(fake.send_text(7400, "/start"), timeout=60)
        await asyncio.sleep(0.2)  # what was still in flight for the flooding chat
    finally:
        await running.stop()
    answered = [s for s in fake.sent if s.chat_id == 7300]
    assert 5 <= len(answered) < 12
    assert "dropped" in caplog.text
