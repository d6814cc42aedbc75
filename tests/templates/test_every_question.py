"""Every question of the bank reaches the summary: an answer that never shows anywhere is a defect.

No single chair sees every question (a kindergarten is never asked about 劳动争议), so each question is
tried in the fixtures that answer it: taking its answer away must change the document in at least one.
"""

from __future__ import annotations

import pytest

from dialogs.bank import load_bank
from templates.compose import Composer
from tests.support import samples

BANK = load_bank()
# Photos can't be typed; a photo answer is a list of [photo id, caption].
PHOTO = {"culture_photo": [[1, "迎新春趣味运动会"]]}
FIXTURES = {name: {**samples.parsed(samples.typed(name)), **PHOTO} for name in samples.names()}


def answering(question_id: str) -> list[dict]:
    return [answers for answers in FIXTURES.values() if answers.get(question_id) is not None]


def test_the_fixtures_together_answer_every_question() -> None:
    assert [q.id for q in BANK.questions if not answering(q.id)] == []


def test_the_fullest_fixture_answers_every_question_its_kind_of_unit_is_asked() -> None:
    everything = FIXTURES["everything"]
    seen = BANK.for_answers(everything)
    asked = [q.id for q in seen.questions if q.is_shown(everything)]
    assert [qid for qid in asked if everything.get(qid) is None] == []


@pytest.mark.parametrize("question_id", [q.id for q in BANK.questions])
def test_each_answer_changes_the_summary(question_id: str) -> None:
    composer = Composer()
    question = BANK.by_id[question_id]
    for full in answering(question_id):
        with_it = composer.compose(full).as_text()
        # Skipped, or (for a single choice) any other option this kind is offered: one must read differently.
        variants = [{k: v for k, v in full.items() if k != question_id}]
        if question.type == "choice":
            offered = BANK.for_answers(full).by_id[question_id].options
            variants += [{**full, question_id: o.key} for o in offered if o.key != full[question_id]]
        if any(composer.compose(v).as_text() != with_it for v in variants):
            return
    pytest.fail(f"the answer to {question_id} never reaches the summary")
