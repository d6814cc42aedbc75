"""Every kind of question, declared once: how a typed answer is read, how buttons answer it, how a
stored value reads back to the chair, and which keyboard a front door offers for it.

A new kind of question is one entry in TYPES (its parser in answers.py, its wording in formats.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dialogs import answers, formats
from dialogs.answers import AnswerError, ParseContext

if TYPE_CHECKING:
    from dialogs.bank import Question
from dialogs.events import Keyboard, Option
from dialogs.texts import say

Phrases = dict[str, str]


def fill(text: str, phrases: Phrases) -> str:
    """Bank text with {staff}, {self}, … replaced; bank texts are trusted data, answers never pass here."""
    return text.format_map(phrases)


def _bank_options(question: Question, phrases: Phrases) -> tuple[Option, ...]:
    return tuple(Option(o.key, fill(o.label, phrases)) for o in question.options)


def _yes_no_options(_question: Question, _phrases: Phrases) -> tuple[Option, ...]:
    return (Option("yes", say("answer_yes")), Option("no", say("answer_no")))


def _no_options(_question: Question, _phrases: Phrases) -> tuple[Option, ...]:
    return ()


def _photos_are_sent(_question: Question, _text: str, _ctx: ParseContext) -> Any:
    raise AnswerError(say("photo_expected"))


def _keys_not_taken(_question: Question, _keys: list[str]) -> Any:
    raise AnswerError(say("stale_button"))


@dataclass(frozen=True)
class QuestionType:
    keyboard: Keyboard
    parse: Callable[[Question, str, ParseContext], Any]  # typed text → value, or AnswerError
    show: Callable[[Question, Any, Phrases], str]  # stored value → how the chair reads it
    options: Callable[[Question, Phrases], tuple[Option, ...]] = _no_options
    from_keys: Callable[[Question, list[str]], Any] = _keys_not_taken  # tapped buttons → value
    hint: str | None = None  # a message shown under the question, with the question's max as {max}


TYPES: dict[str, QuestionType] = {
    "int": QuestionType(
        keyboard="typed", parse=answers.parse_int,
        show=lambda q, value, _p: f"{value}{q.unit or ''}"),
    "money": QuestionType(
        keyboard="typed", parse=answers.parse_money, show=lambda _q, value, _p: formats.money(value)),
    "text": QuestionType(keyboard="typed", parse=answers.parse_text, show=lambda _q, value, _p: str(value)),
    "choice": QuestionType(
        keyboard="options", parse=answers.parse_choice, options=_bank_options, from_keys=answers.choice_from_keys,
        show=lambda q, value, p: fill(q.option(value).label, p)),
    "multi": QuestionType(
        keyboard="ticks", parse=answers.parse_multi, options=_bank_options, from_keys=answers.multi_from_keys,
        show=lambda q, value, p: formats.listing([fill(q.option(k).label, p) for k in value])),
    "yesno": QuestionType(
        keyboard="options", parse=answers.parse_yesno, options=_yes_no_options, from_keys=answers.yesno_from_keys,
        show=lambda _q, value, _p: say("answer_yes") if value else say("answer_no")),
    "month": QuestionType(
        keyboard="typed", parse=answers.parse_month, show=lambda _q, value, _p: formats.month(value)),
    "date": QuestionType(
        keyboard="typed", parse=answers.parse_date, show=lambda _q, value, _p: formats.full_date(value)),
    "photo": QuestionType(
        keyboard="photo", parse=_photos_are_sent, show=lambda _q, value, _p: say("photo_count", n=len(value)),
        hint="photo_hint"),
}


def of(question: Question) -> QuestionType:
    return TYPES[question.type]


def parse_typed(question: Question, text: str, ctx: ParseContext) -> Any:
    """The value to store for a typed answer; raises AnswerError with the chair's message."""
    return of(question).parse(question, text, ctx)


def parse_keys(question: Question, keys: list[str]) -> Any:
    """The value to store for tapped buttons; raises AnswerError with the chair's message."""
    return of(question).from_keys(question, keys)


def show(question: Question, value: Any, phrases: Phrases) -> str:
    """A stored answer as the chair would say it, for confirmations and the current-answer hint."""
    if value is None:
        return say("skipped_value")
    return of(question).show(question, value, phrases)
