"""Albums: photos sent at once arrive as one update each, sharing a `media_group_id`; PTB has no handler
for them. They are taken as one batch, so the chair gets one reply saying what was kept.

The update processor notes each part as it arrives (`arrived`), before the part waits for its chat's
lock, so the parts are known while an earlier update of the chat is still being handled. The handler of
an album's first part then waits (`collect`) until no new part came for `quiet` seconds and takes them
all; the handlers of the other parts find their part taken and do nothing. A part arriving after the
batch was taken starts a batch of its own.
"""

from __future__ import annotations

import asyncio

from telegram import Message, Update


class _Album:
    __slots__ = ("grew", "parts")

    def __init__(self) -> None:
        self.parts: list[Message] = []
        self.grew = asyncio.Event()


def _key(message: Message) -> tuple[int, int]:
    return message.chat_id, message.message_id


class Albums:
    def __init__(self, quiet: float = 1.0) -> None:
        self.quiet = quiet
        self._open: dict[tuple[int, str], _Album] = {}  # (chat, media group) → the batch still taking parts
        self._parts: dict[tuple[int, int], _Album] = {}  # a noted part whose handler has not run yet

    def arrived(self, update: Update) -> None:
        message = update.message
        if message is None or message.media_group_id is None:
            return
        group = (message.chat_id, message.media_group_id)
        album = self._open.get(group)
        if album is None:
            album = self._open[group] = _Album()
        album.parts.append(message)
        album.grew.set()
        self._parts[_key(message)] = album

    async def collect(self, message: Message) -> list[Message]:
        """The parts of the message's batch, in the order sent, once no more arrive; empty when the
        message is a part that another handler's batch took."""
        album = self._parts.pop(_key(message), None)
        if album is None:
            return [message]  # never noted: on its own
        if _key(album.parts[0]) != _key(message):
            return []
        while True:
            album.grew.clear()
            try:
                await asyncio.wait_for(album.grew.wait(), self.quiet)
            except TimeoutError:
                break
        group = (message.chat_id, message.media_group_id or "")
        if self._open.get(group) is album:
            del self._open[group]
        return sorted(album.parts, key=lambda part: part.message_id)
