"""The interview engine: one event of one chat in, replies out, state kept only in storage.

Load, decide, apply: the storage unit loads the chat once (holding the chat's lock), the interview
decides on that plain data, and the unit writes the changes, all in one transaction. Replies are
returned only after the commit, so nothing a chair was told is ever lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date

from dialogs.answers import AnswerError
from dialogs.bank import Bank, load_bank
from dialogs.events import Album, Document, Event, Photo, Reply
from dialogs.interview import REPORT_KIND, Interview
from dialogs.ports import ChatChanges, ChatRef, ChatStore, DocumentMaker
from dialogs.turn import DocumentDue


class Engine:
    def __init__(
        self,
        store: ChatStore,
        maker: DocumentMaker,
        bank: Bank | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.maker = maker
        self.interview = Interview(bank or load_bank(REPORT_KIND), maker, today)

    @property
    def bank(self) -> Bank:
        return self.interview.bank

    async def handle(self, chat: ChatRef, event: Event, update_id: int | None = None) -> list[Reply]:
        """Apply `event` to the chat's stored interview; an already-seen `update_id` changes nothing."""
        if isinstance(event, Photo):
            event = await _page_ready(event)
        elif isinstance(event, Album):
            # One after the other: a batch of camera photos decoded at once would multiply the peak memory.
            event = Album(tuple([await _page_ready(photo) for photo in event.photos]))
        async with self.store.unit(chat, update_id) as unit:
            if unit.snapshot.duplicate:
                # Applied before; its replies may have been lost in a crash, so show where the chair is now.
                return self.interview.resume(unit.snapshot)
            if unit.snapshot.out_of_order:
                # A later message of the chat was applied first (another replica): this one may have been
                # meant for an earlier question, so it is not stored anywhere.
                return self.interview.out_of_order(unit.snapshot)
            turn, decision = self.interview.decide(unit.snapshot, event)
            await unit.apply(turn.changes)
            due = next((d for d in decision if isinstance(d, DocumentDue)), None)
            photos = await unit.photo_data(due.report_id) if due else {}
        # The document is made after the commit, holding no lock, and off the event loop: other chats go on.
        return [await self._document(d, photos) if isinstance(d, DocumentDue) else d for d in decision]

    async def reply_lost(self, chat: ChatRef) -> None:
        """The replies to the chat's last event could not be sent (its changes are committed): the chat's
        next answer is not applied, as it may repeat the saved one; the chair is shown where they are."""
        async with self.store.unit(chat) as unit:
            snapshot = unit.snapshot
            if not snapshot.reports and snapshot.menu is None:
                # Nothing stored (the chair's data was just forgotten): the unit's new chair row goes again.
                await unit.apply(ChatChanges(forget=True))
                return
            changes = ChatChanges.keeping(snapshot)
            changes.reply_lost = True
            await unit.apply(changes)

    async def _document(self, due: DocumentDue, photos: dict[str, bytes]) -> Document:
        return Document(due.filename, await asyncio.to_thread(self.maker.document, due.answers, photos))


async def _page_ready(photo: Photo) -> Photo:
    """The photo checked and made page-sized before the chat is touched: decoding a camera photo takes long
    enough that it must hold neither the chat's lock nor the event loop."""
    from dialogs.photos import accept_photo  # Pillow loads with the first photo, not at start-up

    try:
        return Photo(await accept_photo(photo.data), photo.caption)
    except AnswerError as error:
        return Photo(b"", photo.caption, refusal=str(error))
