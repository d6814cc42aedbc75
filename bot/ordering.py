"""Updates of different chats are handled side by side; the updates of one chat, one at a time, in order.

With PTB's default (one update at a time) every chair waits for every other chair's database commit
and reply. Running updates concurrently overlaps those waits, but a chair who taps twice must still
have the taps applied in the order they were made.

Order holds because PTB starts one task per update in arrival order, its semaphore and asyncio's
locks wake waiters first come, first served, and each task takes its chat's lock before any other wait.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class _ChatLock:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """At most `max_concurrent_updates` updates in flight, never two of the same chat."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, _ChatLock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        entry = self._chats.get(chat.id)
        if entry is None:
            entry = self._chats[chat.id] = _ChatLock()
        entry.users += 1
        try:
            async with entry.lock:
                await coroutine
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._chats[chat.id]  # a chat with nothing in flight keeps no lock

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
