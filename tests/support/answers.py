"""Complete, realistic answer sets, typed the way chairs type them, and the scripts they make."""

from __future__ import annotations

from datetime import date

from dialogs.answers import ParseContext
from dialogs.bank import load_bank
from dialogs.question_types import parse_typed
from tests.support import samples

# What a hospital chair types for every question of the bank (a question not listed is skipped).
HOSPITAL: dict[str, str] = samples.typed("hospital")

# Figures from these answers that the finished document must state.
HOSPITAL_FIGURES = ["862人", "840人", "583人", "12期", "1650人次", "126名", "41件", "36件", "23户次", "6.9万元",
                    "1050人", "14场", "1860人次", "46人", "第六届第三次职工代表大会", "护士节", "9.3万元"]

TODAY = date(2026, 1, 10)


def script(typed: dict[str, str], today: date = TODAY) -> list[str]:
    """The lines a chair sends, in interview order: skipped questions as 跳过, hidden ones not at all."""
    bank = load_bank()
    values: dict = {}
    lines = []
    for question in bank.questions:
        if not question.is_shown(values):
            continue
        if question.id in typed:
            ctx = ParseContext(today=today, year=values.get("year"), period=values.get("period"))
            values[question.id] = parse_typed(bank.for_answers(values).by_id[question.id], typed[question.id], ctx)
            lines.append(typed[question.id])
        else:
            values[question.id] = None
            lines.append("跳过")
    return lines


HOSPITAL_SCRIPT = script(HOSPITAL)


def lines_before(question_id: str, typed: dict[str, str] = HOSPITAL) -> list[str]:
    """The script up to (not including) the answer to `question_id`."""
    shown_ids_ = shown_ids(typed)
    assert question_id in shown_ids_, question_id
    return script(typed)[: shown_ids_.index(question_id)]


def shown_ids(typed: dict[str, str]) -> list[str]:
    bank = load_bank()
    values: dict = {}
    ids = []
    for question in bank.questions:
        if question.is_shown(values):
            ids.append(question.id)
            ctx = ParseContext(today=TODAY, year=values.get("year"), period=values.get("period"))
            seen = bank.for_answers(values).by_id[question.id]
            values[question.id] = parse_typed(seen, typed[question.id], ctx) if question.id in typed else None
    return ids
