"""How questions and stored answers read on screen, with the unit-type vocabulary filled in."""

from __future__ import annotations

from typing import Any

from dialogs import question_types
from dialogs.bank import Bank, Question
from dialogs.events import Option, Progress
from dialogs.question_types import Phrases, fill
from dialogs.texts import say

UNANSWERED = object()


def label(question: Question, phrases: Phrases) -> str:
    return fill(question.label, phrases)


def options(question: Question, phrases: Phrases) -> tuple[Option, ...]:
    return question_types.of(question).options(question, phrases)


def format_value(question: Question, value: Any, phrases: Phrases) -> str:
    return question_types.show(question, value, phrases)


def question_text(
    question: Question, phrases: Phrases, current: Any = UNANSWERED, default: Any = UNANSWERED,
    *, editing: bool = False,
) -> str:
    lines = [fill(question.text, phrases)]
    if hint := question_types.of(question).hint:
        lines.append(say(hint, max=question.max or 1))
    if question.example:
        lines.append(say("example", example=fill(question.example, phrases)))
    if current is not UNANSWERED:
        lines.append(say("current_answer", value=format_value(question, current, phrases)))
    elif default is not UNANSWERED:
        lines.append(say("default_answer", value=format_value(question, default, phrases)))
    if editing:
        lines.append(say("editing_hint"))
    return "\n".join(lines)


def progress(bank: Bank, question: Question, answers: dict[str, Any]) -> Progress:
    """Where the chair is. Counted over every question this kind of unit may be asked, whether or not a
    follow-up turns out to apply, so the totals never change under the chair and the percentage only
    rises while they move forward."""
    askable = [q for q in bank.questions if q.units is None or q.units.holds(answers)]
    in_section = [q for q in askable if q.section == question.section]
    position = next((i for i, q in enumerate(askable) if q.id == question.id), 0)
    n = next((i for i, q in enumerate(in_section, 1) if q.id == question.id), 1)
    return Progress(
        section=bank.section(question.section).title,
        n=n,
        m=len(in_section),
        percent=position * 100 // len(askable) if askable else 0,
    )
