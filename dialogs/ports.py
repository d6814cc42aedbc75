"""What the engine needs from storage and from the document maker. storage/ and templates/ implement these."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class ReportState:
    id: int
    kind: str
    status: str  # "draft" or "done"
    cursor: str  # a question id, or "review" / "done"
    resume_to: str | None  # where to return after an edit
    version: int


class ChatUnit(Protocol):
    """One chat's data inside one transaction; the chat's row is locked for its duration."""

    async def claim_update(self, update_id: int) -> bool:
        """Record the update as processed; False if it already was."""

    async def current_report(self) -> ReportState | None: ...

    async def create_report(self, kind: str, cursor: str) -> ReportState: ...

    async def save_report(self, report: ReportState) -> None:
        """Persist cursor, status and resume point, bumping the version."""

    async def answers(self, report_id: int) -> dict[str, Any]:
        """Answered questions of a report: id → value (None for a skipped question)."""

    async def save_answer(self, report_id: int, question_id: str, value: Any) -> None: ...


class ChatStore(Protocol):
    def unit(self, chat_id: int) -> AbstractAsyncContextManager[ChatUnit]:
        """A transaction for one event of one chat: committed on normal exit, rolled back on error."""


class DocumentMaker(Protocol):
    def preview(self, answers: dict[str, Any]) -> str: ...

    def filename(self, answers: dict[str, Any]) -> str: ...

    def document(self, answers: dict[str, Any]) -> bytes: ...

    def phrases(self, answers: dict[str, Any]) -> dict[str, str]:
        """Unit-type vocabulary for question texts ({staff}, {self}, …)."""
