"""The document maker the engine talks to: preview text, file name and DOCX from a report's answers."""

from __future__ import annotations

import re
from typing import Any

from dialogs.bank import Bank
from templates.compose import Composer, vocabulary

# A summary with less body text than this is too thin for an upper-level union to accept as it is.
THIN_SUMMARY_CHARS = 800
# Characters no file system or Telegram client accepts in a file name.
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class SummaryMaker:
    def __init__(self, bank: Bank | None = None, font_set: str = "windows", guiding_thought: str | None = None) -> None:
        self.composer = Composer(bank, guiding_thought)
        self.font_set = font_set

    def preview(self, answers: dict[str, Any]) -> str:
        if not any(v is not None for v in answers.values()):
            return ""
        return self.composer.compose(answers).as_text()

    def filename(self, answers: dict[str, Any]) -> str:
        title = self.composer.compose(answers).title
        return _UNSAFE_FILENAME.sub("", title) + ".docx"

    def document(self, answers: dict[str, Any], photos: dict[str, bytes] | None = None) -> bytes:
        # python-docx, lxml and Pillow load on the first document, not in every bot process at start-up.
        from templates import docx

        return docx.render(self.composer.compose(answers), self.font_set, photos or {})

    def gaps(self, answers: dict[str, Any]) -> list[str]:
        """The sections a summary too thin to hand in still needs; nothing when it has enough to say."""
        summary = self.composer.compose(answers)
        body = sum(len(b.text) for b in summary.blocks if b.kind == "p")
        return self.composer.empty_sections(answers) if body < THIN_SUMMARY_CHARS else []

    def phrases(self, answers: dict[str, Any]) -> dict[str, str]:
        return vocabulary(self.composer.bank.fact(answers, "unit_type"))
