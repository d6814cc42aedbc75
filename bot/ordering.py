"""Updates of different chats are handled side by side; the updates of one chat, one at a time, in order.

With PTB's default (one update at a time) every chair waits for every other chair's database commit
and reply. Running updates concurrently overlaps those waits, but a chair who taps twice must still
have the taps applied in the order they were made.

Order holds because PTB starts one task per update in arrival order, and asyncio's locks wake waiters
first come, first served; each task takes its chat's lock before any other wait.

A shared slot is taken only after the chat's lock. Were it the other way round (PTB's own bound around
the chat's lock), a chat with many updates queued would fill every slot with updates that only wait for
their own chat, and every other chair would wait behind them. So PTB's bound is set high enough to
never be the one that waits, and this processor's own `slots` bound the work actually in progress.
A chat may queue only so many updates: beyond `chat_queue_limit`, its newest are dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

# PTB's own bound: only a guard against an unbounded number of tasks; the per-chat limit keeps us far below.
PTB_BOUND = 100_000


class _ChatLock:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """At most `slots` updates in progress, never two of the same chat, at most `chat_queue_limit` per chat.

    `on_arrival` sees every update as it arrives, before it waits for its chat: what the front door
    must know at once (the parts of an album) even while an earlier update of the chat is handled."""

    def __init__(self, slots: int, chat_queue_limit: int = 50,
                 on_arrival: Callable[[Update], None] | None = None) -> None:
        super().__init__(PTB_BOUND)
        self.slots = asyncio.BoundedSemaphore(slots)
        self.chat_queue_limit = chat_queue_limit
        self.on_arrival = on_arrival
        self._chats: dict[int, _ChatLock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self.slots:
                await coroutine
            return
        entry = self._chats.get(chat.id)
        if entry is None:
            entry = self._chats[chat.id] = _ChatLock()
        if entry.users >= self.chat_queue_limit:
            # One chat flooding must not grow memory without bound; a chair never has this many in flight.
            log.warning("update %s dropped: its chat already has %d updates queued",
                        getattr(update, "update_id", None), entry.users)
            if asyncio.iscoroutine(coroutine):
                coroutine.close()  # never started: nothing to undo
            return
        if self.on_arrival is not None and isinstance(update, Update):
            self.on_arrival(update)
        entry.users += 1
        try:
            async with entry.lock, self.slots:
                await coroutine
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._chats[chat.id]  # a chat with nothing in flight keeps no lock

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
