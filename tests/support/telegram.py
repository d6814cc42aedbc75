"""Running the real PTB Application against the fake Bot API, and a chair who talks to it."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.telegram import TelegramSettings, build_application
from dialogs.engine import Engine
from tests.support.fake_bot_api import FakeBotAPI, Sent

TOKEN = "123456:TEST-TOKEN-not-a-secret"


class RunningBot:
    """One Application (one process, as far as the bot can tell) polling the fake server."""

    def __init__(self, fake: FakeBotAPI, engine: Engine, **settings: object) -> None:
        self.fake = fake
        self.settings = TelegramSettings(token=TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url,
                                         **settings)  # type: ignore[arg-type]
        self.application: Application = build_application(self.settings, engine=engine)
        self.processed: dict[int, asyncio.Event] = defaultdict(asyncio.Event)
        # Runs after the bot's own handler for the same update: the update has been fully handled.
        self.application.add_handler(TypeHandler(Update, self._handled), group=99)

    async def _handled(self, update: Update, _context: object) -> None:
        self.processed[update.update_id].set()

    async def start(self, polling: bool = True) -> None:
        await self.application.initialize()
        await self.application.post_init(self.application)  # type: ignore[misc]
        await self.application.start()
        if polling:
            await self.application.updater.start_polling(poll_interval=0, timeout=1)  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self.application.updater and self.application.updater.running:
            await self.application.updater.stop()
        await self.application.stop()
        await self.application.shutdown()

    async def wait(self, update_id: int, timeout: float = 20) -> None:
        await asyncio.wait_for(self.processed[update_id].wait(), timeout)


class TelegramChair:
    def __init__(self, fake: FakeBotAPI, bot: RunningBot, chat_id: int = 5001) -> None:
        self.fake, self.bot, self.chat_id = fake, bot, chat_id
        self.received: list[Sent] = []

    async def _exchange(self, queue) -> list[Sent]:  # type: ignore[no-untyped-def]
        mark = len(self.fake.sent)
        update_id = queue()
        await self.bot.wait(update_id)
        self.received = [s for s in self.fake.sent[mark:] if s.chat_id == self.chat_id]
        return self.received

    async def say(self, text: str) -> list[Sent]:
        return await self._exchange(lambda: self.fake.send_text(self.chat_id, text))

    async def tap(self, data: str, message_id: int | None = None) -> list[Sent]:
        return await self._exchange(lambda: self.fake.press(self.chat_id, data, message_id))

    async def press(self, label: str) -> list[Sent]:
        """Press the button with this label on the newest message that has it."""
        for sent in reversed(self.fake.sent):
            if sent.chat_id == self.chat_id and label in sent.buttons():
                return await self.tap(sent.buttons()[label], sent.message_id)
        raise AssertionError(f"no button {label!r}; last keyboard: {self.keyboard}")

    async def photo(self, data: bytes, caption: str | None = None) -> list[Sent]:
        return await self._exchange(lambda: self.fake.send_photo(self.chat_id, data, caption))

    async def document(self, data: bytes, caption: str | None = None, mime_type: str = "image/jpeg") -> list[Sent]:
        return await self._exchange(lambda: self.fake.send_document(self.chat_id, data, mime_type, caption=caption))

    async def other(self, kind: str) -> list[Sent]:
        return await self._exchange(lambda: self.fake.send_other(self.chat_id, kind))

    @property
    def texts(self) -> list[str]:
        return [s.text or "" for s in self.received]

    @property
    def question(self) -> str:
        """The question in the newest message received, without the notices that came with it."""
        text = self.texts[-1] if self.received else ""
        return text[text.index("【"):] if "【" in text else ""

    @property
    def last(self) -> Sent:
        return [s for s in self.fake.sent if s.chat_id == self.chat_id][-1]

    @property
    def keyboard(self) -> dict[str, str]:
        mine = [s for s in self.fake.sent if s.chat_id == self.chat_id and s.keyboard]
        return mine[-1].buttons() if mine else {}
