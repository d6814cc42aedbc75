"""Every kind of question reads typed text, takes its buttons and reads back, as declared in one place."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import question_types
from dialogs.answers import AnswerError, ParseContext
from dialogs.bank import Question, load_bank

BANK = load_bank()
CTX = ParseContext(today=date(2026, 1, 10), year=2025, period="year")
# The bank asks no yes/no question today; the kind stays declared for banks that do.
YES_NO = Question(id="yes_no", section="rights", label="召开职代会", type="yesno", text="召开职代会了吗？")


def test_every_question_in_the_bank_has_a_declared_kind() -> None:
    assert {q.type for q in BANK.questions} <= set(question_types.TYPES)


@pytest.mark.parametrize(("question_id", "typed", "shown"), [
    ("staff_total", "86", "86人"),
    ("festival_spend", "24000元", "2.4万元"),
    ("festival_spend", "4600", "4600元"),
    ("yes_no", "是", "是"),
    ("sign_date", "2026年1月10日", "2026年1月10日"),
    ("unit_name", "红星机械厂", "红星机械厂"),
])
def test_a_typed_answer_reads_back_as_the_chair_would_say_it(question_id: str, typed: str, shown: str) -> None:
    question = YES_NO if question_id == "yes_no" else BANK.by_id[question_id]
    value = question_types.parse_typed(question, typed, CTX)
    assert question_types.show(question, value, {}) == shown


def test_buttons_answer_only_the_kinds_that_offer_them() -> None:
    assert question_types.parse_keys(YES_NO, ["yes"]) is True
    assert question_types.parse_keys(BANK.by_id["train_done"], ["courses", "study"]) == ["courses", "study"]
    with pytest.raises(AnswerError):
        question_types.parse_keys(BANK.by_id["staff_total"], ["yes"])  # a number has no buttons


def test_a_photo_question_asks_for_a_photo_when_text_is_typed() -> None:
    photo = next(q for q in BANK.questions if q.type == "photo")
    with pytest.raises(AnswerError, match="需要发送照片"):
        question_types.parse_typed(photo, "好的", CTX)
