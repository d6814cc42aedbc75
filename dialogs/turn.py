"""One event's working copy of a chat: the loaded snapshot, and the changes decided on it so far.

The interview and the menus read and change a chat only through a Turn, on plain data; the engine hands
the collected `changes` to the storage unit once the decision is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialogs.ports import ChatChanges, ChatSnapshot, NewPhoto, ReportState, StoredReport


@dataclass(frozen=True)
class DocumentDue:
    """A reply to be replaced by the report's DOCX, once its photos are read."""

    report_id: int
    filename: str
    answers: dict[str, Any]


class Turn:
    def __init__(self, snapshot: ChatSnapshot) -> None:
        self.snapshot = snapshot
        self.changes = ChatChanges.keeping(snapshot)
        current = snapshot.current
        self.report: ReportState | None = current.state if current else None
        self.answers: dict[str, Any] = dict(current.answers) if current else {}

    @property
    def menu(self) -> str | None:
        return self.changes.menu

    @property
    def reports(self) -> list[StoredReport]:
        """The chair's reports as this event leaves them, oldest first."""
        return self.snapshot.reports

    def set_menu(self, menu: str | None) -> None:
        self.changes.menu = menu

    def save_report(self) -> None:
        """The current report's position is to be written; its version rises once per event, so buttons
        of every earlier prompt become stale."""
        assert self.report is not None
        if not any(r is self.report for r in self.changes.reports):
            self.report.version += 1
            self.changes.reports.append(self.report)

    def save_answer(self, question_id: str, value: Any) -> None:
        assert self.report is not None
        self.answers[question_id] = value
        self.changes.answers.append((self.report.id, question_id, value))
        current = self.snapshot.current
        if current is not None and current.state is self.report:
            current.answers[question_id] = value

    def add_photo(self, question_id: str, key: str, data: bytes, caption: str | None) -> None:
        assert self.report is not None
        self.changes.photos.append(NewPhoto(self.report.id, question_id, key, data, caption))

    def create_report(self, state: ReportState) -> None:
        """A new report (id None), made the chair's current one."""
        self.snapshot.reports.append(StoredReport(state, {}))
        self.snapshot.current_report_id = None
        self.changes.current_report_id = None
        self.report, self.answers = state, {}
        self.save_report()

    def open_report(self, report_id: int) -> bool:
        stored = self.stored(report_id)
        if stored is None:
            return False
        self.snapshot.current_report_id = report_id
        self.changes.current_report_id = report_id
        self.report, self.answers = stored.state, dict(stored.answers)
        return True

    def delete_report(self, report_id: int) -> None:
        self.snapshot.reports = [r for r in self.snapshot.reports if r.state.id != report_id]
        self.changes.deleted_reports.append(report_id)
        self.changes.reports = [r for r in self.changes.reports if r.id != report_id]
        if self.report is not None and self.report.id == report_id:
            self.report, self.answers = None, {}
            self.snapshot.current_report_id = None
            self.changes.current_report_id = None

    def forget(self) -> None:
        self.changes = ChatChanges(forget=True)
        self.snapshot.reports = []
        self.report, self.answers = None, {}

    def stored(self, report_id: int) -> StoredReport | None:
        return next((r for r in self.snapshot.reports if r.state.id == report_id), None)
