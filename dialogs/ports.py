"""What the engine needs from storage and from the document maker. storage/ and templates/ implement these.

One event of one chat is one unit of work: the unit loads the chat once (`ChatSnapshot`), the interview
decides on that plain data and returns `ChatChanges`, and the unit writes them, all in one transaction
that holds the chat's lock from the start, so two events of one chat never interleave.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class ChatRef:
    """A chat as a front door knows it: which front door, and the chat's id there. Two front doors may
    share the database without their chat or update ids colliding."""

    source: str
    chat_id: int


@dataclass
class ReportState:
    id: int | None  # None: a report this event creates
    kind: str
    status: str  # "draft" or "done"
    cursor: str  # a question id, or "review" / "done"
    resume_to: str | None  # where to return after an edit
    version: int  # raised on every change of position, so buttons of an older prompt are stale
    pending: list[str] | None = None  # options ticked so far on an open multiple choice
    defaults: dict[str, Any] = field(default_factory=dict)  # carried-over facts to confirm


@dataclass
class StoredReport:
    state: ReportState
    answers: dict[str, Any]  # question id → value (None for a skipped question)


@dataclass
class ChatSnapshot:
    """Everything an event may decide on, read at the start of its unit."""

    duplicate: bool  # the update was processed before: decide nothing, only show where the chair is
    menu: str | None  # the chair's open menu (edit, reports, a confirmation), if any
    current_report_id: int | None
    reports: list[StoredReport]  # the chair's reports with their answers, oldest first
    # The replies to the chat's last event were not delivered: an answer now may repeat the saved one.
    reply_lost: bool = False
    # A later update of this chat was applied already (on another replica): decide nothing, only refuse.
    out_of_order: bool = False

    @property
    def current(self) -> StoredReport | None:
        return next((r for r in self.reports if r.state.id == self.current_report_id), None)


@dataclass(frozen=True)
class NewPhoto:
    report_id: int | None  # None: the report this event creates
    question_id: str
    key: str  # chosen by the engine; the photo answer's value refers to it
    data: bytes = field(repr=False)
    caption: str | None = None


@dataclass
class ChatChanges:
    """What one event writes. Chair-level fields hold their final values; the rest are the rows to write."""

    menu: str | None = None
    current_report_id: int | None = None  # ignored when `reports` holds a new report, which becomes current
    reports: list[ReportState] = field(default_factory=list)  # positions to save; at most one with id None
    answers: list[tuple[int | None, str, Any]] = field(default_factory=list)  # (report id, question id, value)
    photos: list[NewPhoto] = field(default_factory=list)
    deleted_reports: list[int] = field(default_factory=list)
    forget: bool = False  # remove the chair and every report, answer and photo of theirs
    reply_lost: bool = False  # the chat's flag after this event: any handled event clears it

    @classmethod
    def keeping(cls, snapshot: ChatSnapshot) -> ChatChanges:
        """No change yet: the chair-level fields as they were loaded (a lost reply is cleared: this event
        is the chat's next contact)."""
        return cls(menu=snapshot.menu, current_report_id=snapshot.current_report_id)


class ChatUnit(Protocol):
    snapshot: ChatSnapshot
    """The chat as it was when the unit began (a new chat: no menu, no reports)."""

    async def apply(self, changes: ChatChanges) -> None:
        """Write the changes; they are committed, whole, when the unit ends without error."""

    async def photo_data(self, report_id: int) -> dict[str, bytes]:
        """A report's photos: key → image bytes (read only when a document is made)."""


class ChatStore(Protocol):
    def unit(self, chat: ChatRef, update_id: int | None = None) -> AbstractAsyncContextManager[ChatUnit]:
        """One event of one chat: the chat's lock is taken first, then `update_id` (if given) is recorded as
        processed and the chat is loaded. Committed on normal exit, rolled back on error.

        With an `update_id`, `apply` also records it as the newest applied to the chat; an update older than
        the newest one applied (recently: Telegram may number afresh after a week of silence) is loaded as
        `out_of_order` and must not be applied."""


class DocumentMaker(Protocol):
    def preview(self, answers: dict[str, Any]) -> str: ...

    def filename(self, answers: dict[str, Any]) -> str: ...

    def document(self, answers: dict[str, Any], photos: dict[str, bytes]) -> bytes:
        """The DOCX; `photos` holds the images that photo answers refer to by key."""

    def gaps(self, answers: dict[str, Any]) -> list[str]:
        """What a summary too thin to hand in still needs (section titles); empty when it has enough."""

    def phrases(self, answers: dict[str, Any]) -> dict[str, str]:
        """Unit-type vocabulary for question texts ({staff}, {self}, …)."""
