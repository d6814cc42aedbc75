"""The document states what the chair said, all of it, and nothing else; and two units never read alike.

Every sentence of the body names the answers it states (templates/sources.py); a fixed formula is marked
as frame. These checks run over every answer set in tests/fixtures.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dialogs.bank import load_bank
from templates.compose import Composer
from tests.support import samples

BANK = load_bank()
NAMES = samples.names()
COMPOSER = Composer()
# Answers that shape the whole document rather than state a fact of their own (the title, vocabulary,
# signature and date state them), and photos, which the document shows as figures.
NOT_SENTENCES = {BANK.roles[r] for r in ("unit_name", "unit_type", "period", "year", "sign_date")}
RUN = 15  # characters


def answers(name: str) -> dict:
    return samples.parsed(samples.typed(name))


def _given(value: object) -> bool:
    return value not in (None, [], "", 0, False)


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_states_answers_the_chair_gave_or_is_a_marked_formula(name: str) -> None:
    given = answers(name)
    for sentence in COMPOSER.compose(given).sentences():
        assert sentence.sources or sentence.frame, f"no source: {sentence.text}"
        for question_id in sentence.sources:
            assert question_id in BANK.by_id, (question_id, sentence.text)
            assert _given(given.get(question_id)), f"{question_id} was not given: {sentence.text}"


@pytest.mark.parametrize("name", NAMES)
def test_nothing_the_chair_gave_is_dropped(name: str) -> None:
    given = BANK.effective(answers(name))
    summary = COMPOSER.compose(given)
    stated = {i for sentence in summary.sentences() for i in sentence.sources}
    follow_ups = {q.id for q in BANK.questions if q.when and q.when.operand == "other"}  # read through prose()
    # 都没有: a checklist's exclusive option, or a choice keyed `none`; the summary says nothing of what did not happen
    nothing_done = {q.id for q in BANK.questions if (q.exclusive and given.get(q.id) == [q.exclusive])
                    or given.get(q.id) == "none"}
    dropped = [q.id for q in BANK.questions if _given(given.get(q.id)) and q.type != "photo"
               and q.id not in stated | NOT_SENTENCES | follow_ups | nothing_done]
    assert not dropped, dropped


@pytest.mark.parametrize("name", NAMES)
def test_every_chosen_option_appears_through_its_own_phrase(name: str) -> None:
    given = BANK.effective(answers(name))
    bank = BANK.for_answers(given)
    text = COMPOSER.compose(given).as_text()
    words = COMPOSER.context(given)["v"]
    checklists = {q.when.question for q in bank.questions if q.when and q.when.operator == "includes"}
    for question in bank.questions:
        value = given.get(question.id)
        if question.type != "multi" or not value or question.role or question.id in checklists:
            continue  # a checklist's ticks are told through the details asked after them
        for key in value:
            if key in ("other", question.exclusive):
                continue
            phrases = [p.format_map(words) for p in question.option(key).phrasings]
            assert any(phrase in text for phrase in phrases), (question.id, key, phrases)


def test_the_documents_are_long_enough_without_padding() -> None:
    lengths = {name: sum(len(b.text) for b in COMPOSER.compose(answers(name)).blocks if b.kind == "p")
               for name in NAMES}
    assert lengths["everything"] >= 2500, lengths
    for name, length in lengths.items():
        if name not in ("minimal", "everything"):
            assert length >= 1500, (name, lengths)


def _runs(text: str, excluded: list[str]) -> set[str]:
    for phrase in excluded:
        text = text.replace(phrase, "\n")
    runs: set[str] = set()
    for line in re.split(r"[\n]", text):
        for start in range(len(line) - RUN + 1):
            runs.add(line[start : start + RUN])
    return runs


def test_no_run_of_fifteen_characters_is_in_more_than_two_documents() -> None:
    """Two chairs of one district never hand in the same paragraphs."""
    seen: Counter[str] = Counter()
    for name in NAMES:
        given = answers(name)
        summary = COMPOSER.compose(given)
        body = "\n".join(b.text for b in summary.blocks if b.kind == "p")
        # The unit's name and the guiding formula are the only text two units may share; even the options
        # both chairs ticked are worded differently (an option's prose has variants).
        excluded = [given["unit_name"], COMPOSER.settings["guiding_thought"]]
        seen.update(_runs(body, excluded))
    repeated = sorted(run for run, count in seen.items() if count > 2)
    assert not repeated, repeated[:20]


@pytest.mark.parametrize("name", NAMES)
def test_enumerations_percentages_and_successions_read_right(name: str) -> None:
    summary = COMPOSER.compose(answers(name))
    for block in summary.blocks:
        if block.kind != "p":
            continue
        text = block.text
        assert "一是一是" not in text and not re.search(r"[一二三四五六]是[0-9]+[.、]", text), text
        if "一是" in text:
            assert "二是" in text, f"一是 without 二是: {text}"
        assert not re.search(r"\d\.0%", text), text
        for succession in re.finditer(r"先后[^。；，]*", text):
            assert re.search(r"[、和及]|\d", succession.group()), f"先后 with one item: {succession.group()}"


# Manners, frequencies and rates no answer gives: a reviewer asks where each came from.
UNSAID = ("及时", "常年", "按规定", "依法依规", "依规", "顺利", "按标准", "跟踪监督", "不落一户", "一贯",
          "覆盖面随之", "体检比例", "占在职", "覆盖在职", "人数之和")


@pytest.mark.parametrize("name", NAMES)
def test_no_manner_frequency_or_rate_the_chair_did_not_give(name: str) -> None:
    given = answers(name)
    said = "".join(str(v) for v in given.values())
    text = COMPOSER.compose(given).as_text()
    assert [w for w in UNSAID if w in text and w not in said] == []


@pytest.mark.parametrize("name", ["factory", "hospital", "kindergarten", "government", "institute"])
def test_how_the_central_work_came_out_has_the_unit_as_its_subject(name: str) -> None:
    given = answers(name)
    opening = COMPOSER.compose(given).blocks[0].text
    result = given["centre_result"]
    sentence = next(s for s in opening.split("。") if result.split("，")[0] in s)
    assert re.search(r"我[园校院局厂所]|我公司|本企业|本单位|我单位", sentence), sentence


def test_no_party_body_or_upper_union_is_named_that_the_chair_did_not_name() -> None:
    opening = COMPOSER.compose(answers("minimal")).as_text()
    assert "党组织" not in opening and "上级工会" not in opening
