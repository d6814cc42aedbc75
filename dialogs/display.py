"""How questions and stored answers read on screen, with the unit-type vocabulary filled in."""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.bank import Bank, Question
from dialogs.events import Option, Progress
from dialogs.texts import say

UNANSWERED = object()


def fill(text: str, phrases: dict[str, str]) -> str:
    """Bank text with {staff}, {self}, … replaced; bank texts are trusted data, answers never pass here."""
    return text.format_map(phrases)


def label(question: Question, phrases: dict[str, str]) -> str:
    return fill(question.label, phrases)


def options(question: Question, phrases: dict[str, str]) -> tuple[Option, ...]:
    if question.type == "yesno":
        return (Option("yes", say("answer_yes")), Option("no", say("answer_no")))
    return tuple(Option(o.key, fill(o.label, phrases)) for o in question.options)


def money(value: float) -> str:
    """Yuan as a chair reads them: 4600元 below ten thousand, 2.4万元 from there on."""
    if value >= 10000:
        return f"{round(value / 10000, 2):g}万元"
    return f"{round(value, 2):g}元"


def format_value(question: Question, value: Any, phrases: dict[str, str]) -> str:
    """A stored answer as the chair would say it, for confirmations and the current-answer hint."""
    if value is None:
        return say("skipped_value")
    if question.type == "int":
        return f"{value}{question.unit or ''}"
    if question.type == "money":
        return money(value)
    if question.type == "choice":
        return fill(question.option(value).label, phrases)
    if question.type == "multi":
        return "、".join(fill(question.option(k).label, phrases) for k in value)
    if question.type == "yesno":
        return say("answer_yes") if value else say("answer_no")
    if question.type == "month":
        return f"{value}月"
    if question.type == "photo":
        return say("photo_count", n=len(value))
    if question.type == "date":
        day = date.fromisoformat(value)
        return f"{day.year}年{day.month}月{day.day}日"
    return str(value)


def question_text(
    question: Question, phrases: dict[str, str], current: Any = UNANSWERED, default: Any = UNANSWERED,
    *, editing: bool = False,
) -> str:
    lines = [fill(question.text, phrases)]
    if question.type == "photo":
        lines.append(say("photo_hint", max=question.max or 1))
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
    shown = [q for q in bank.questions if q.is_shown(answers)]
    in_section = [q for q in shown if q.section == question.section]
    answered = sum(q.id in answers for q in shown)
    n = next((i for i, q in enumerate(in_section, 1) if q.id == question.id), 1)
    return Progress(
        section=bank.section(question.section).title,
        n=n,
        m=len(in_section),
        percent=answered * 100 // len(shown) if shown else 0,
    )
