"""Every question of the bank reaches the summary: an answer that never shows anywhere is a defect."""

from __future__ import annotations

import pytest

from dialogs.answers import ParseContext
from dialogs.bank import load_bank
from dialogs.question_types import parse_typed
from templates.compose import Composer
from tests.support.answers import HOSPITAL, TODAY

BANK = load_bank()


def parsed(typed: dict[str, str]) -> dict:
    values: dict = {}
    for question in BANK.questions:
        if question.id in typed and question.is_shown(values):
            ctx = ParseContext(today=TODAY, year=values.get("year"), period=values.get("period"))
            values[question.id] = parse_typed(question, typed[question.id], ctx)
    return values


# Photos can't be typed; a photo answer is a list of [photo id, caption].
FULL = {**parsed(HOSPITAL), "culture_photo": [[1, "迎新春趣味运动会"]]}


def test_the_hospital_answers_cover_every_question() -> None:
    assert set(FULL) == {q.id for q in BANK.questions}


@pytest.mark.parametrize("question_id", [q.id for q in BANK.questions])
def test_each_answer_changes_the_summary(question_id: str) -> None:
    composer = Composer()
    with_it = composer.compose(FULL).as_text()
    # Skipped, or (for a single choice) any other option: one of them must read differently.
    variants = [{k: v for k, v in FULL.items() if k != question_id}]
    question = BANK.by_id[question_id]
    if question.type == "choice":
        variants += [{**FULL, question_id: o.key} for o in question.options if o.key != FULL[question_id]]
    assert any(composer.compose(v).as_text() != with_it for v in variants), (
        f"the answer to {question_id} never reaches the summary"
    )
