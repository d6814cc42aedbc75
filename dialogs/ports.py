"""What the engine needs from storage and from the document maker. storage/ and templates/ implement these."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class ReportState:
    id: int
    kind: str
    status: str  # "draft" or "done"
    cursor: str  # a question id, or "review" / "done"
    resume_to: str | None  # where to return after an edit
    version: int
    pending: list[str] | None = None  # options ticked so far on an open multiple choice
    defaults: dict[str, Any] = field(default_factory=dict)  # carried-over facts to confirm


class ChatChanged(Exception):
    """Another unit changed the chat after this one read it without the chat's lock. Nothing of this unit
    was kept; the event is to be handled again, in an exclusive unit."""


class ChatUnit(Protocol):
    """One chat's data in one unit of work: what it writes is kept whole or not at all, and only if no
    other unit changed the chat meanwhile (see ChatStore.unit)."""

    duplicate: bool
    """The update the unit was opened for was processed before: apply nothing."""

    menu: str | None
    """The chair's open menu (edit, reports, a confirmation), if any."""

    async def set_menu(self, menu: str | None) -> None: ...

    async def current_report(self) -> ReportState | None: ...

    async def create_report(self, kind: str, cursor: str, defaults: dict[str, Any] | None = None) -> ReportState:
        """A new report, made the chair's current one."""

    async def save_report(self, report: ReportState) -> None:
        """Persist cursor, status, resume point and pending selection, bumping the version."""

    async def reports(self) -> list[ReportState]:
        """This chair's reports, oldest first."""

    async def open_report(self, report_id: int) -> ReportState | None:
        """Make one of this chair's reports the current one; None if it isn't theirs."""

    async def delete_report(self, report_id: int) -> bool:
        """Delete one of this chair's reports with its answers; False if it isn't theirs."""

    async def answers(self, report_id: int) -> dict[str, Any]:
        """Answered questions of a report: id → value (None for a skipped question)."""

    async def save_answer(self, report_id: int, question_id: str, value: Any) -> None: ...

    async def delete_everything(self) -> None:
        """Remove the chair and every report, answer and photo of theirs."""

    async def add_photo(self, report_id: int, question_id: str, data: bytes, caption: str | None) -> int:
        """Store one photo of a report; returns its id."""

    async def photos(self, report_id: int) -> dict[int, tuple[bytes, str | None]]:
        """A report's photos: id → (image bytes, caption)."""


class ChatStore(Protocol):
    def unit(self, chat_id: int, update_id: int | None = None,
             exclusive: bool = False) -> AbstractAsyncContextManager[ChatUnit]:
        """A transaction for one event of one chat: committed on normal exit, rolled back on error.

        `update_id`, if given, is recorded as processed; `duplicate` tells whether it already was. A store
        may let a unit read without the chat's lock and check at commit that nobody changed the chat
        meanwhile, raising ChatChanged if someone did; an `exclusive` unit holds the lock throughout and
        never raises it.
        """


class DocumentMaker(Protocol):
    def preview(self, answers: dict[str, Any]) -> str: ...

    def filename(self, answers: dict[str, Any]) -> str: ...

    def document(self, answers: dict[str, Any], photos: dict[int, bytes]) -> bytes:
        """The DOCX; `photos` holds the images that photo answers refer to by id."""

    def phrases(self, answers: dict[str, Any]) -> dict[str, str]:
        """Unit-type vocabulary for question texts ({staff}, {self}, …)."""
