"""Drive the engine like a chair would, on a real database."""

from __future__ import annotations

from datetime import date

from dialogs.engine import Engine
from dialogs.events import Event, Notice, Prompt, Reply, Text
from dialogs.ports import ChatRef
from storage.repository import SqlChatStore
from templates.maker import SummaryMaker

TODAY = date(2026, 1, 10)


def make_engine(database) -> Engine:  # type: ignore[no-untyped-def]
    return Engine(SqlChatStore(database), SummaryMaker(), today=lambda: TODAY)


class Chair:
    """One chat on one engine; keeps the last replies for assertions."""

    def __init__(self, engine: Engine, chat_id: int = 1001) -> None:
        self.engine = engine
        self.chat_id = chat_id
        self.chat = ChatRef("telegram", chat_id)
        self.replies: list[Reply] = []

    async def send(self, event: Event | str, update_id: int | None = None) -> list[Reply]:
        if isinstance(event, str):
            event = Text(event)
        self.replies = await self.engine.handle(self.chat, event, update_id=update_id)
        return self.replies

    async def answer_until(self, stop_at: str, typed: dict[str, str] | None = None) -> list[str]:
        """Answer whatever is asked, as the hospital chair would, until `stop_at` is the question; the ids of
        the questions answered or skipped on the way."""
        from tests.support.answers import HOSPITAL

        typed = HOSPITAL if typed is None else typed
        answered: list[str] = []
        for _ in range(200):
            current = self.prompt.question_id
            if current == stop_at:
                return answered
            await self.send(typed.get(current, "跳过"))
            answered.append(current)
        raise AssertionError(f"never reached {stop_at}")

    @property
    def prompt(self) -> Prompt:
        prompts = [r for r in self.replies if isinstance(r, Prompt)]
        assert prompts, f"no question in {self.replies}"
        return prompts[-1]

    @property
    def notices(self) -> list[str]:
        return [r.text for r in self.replies if isinstance(r, Notice)]


async def answers_of(chair: Chair) -> dict:
    """What is stored for the chair's current report."""
    async with chair.engine.store.unit(chair.chat) as unit:
        return unit.snapshot.current.answers
