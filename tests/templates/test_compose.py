"""Prose from answers: zero, skipped and unanswered facts produce no sentence and no empty heading."""

from __future__ import annotations

import re

from dialogs.formats import percent
from templates.compose import Composer
from templates.maker import SummaryMaker
from templates.typography import cn_list

BASE = {"unit_name": "红星机械厂", "unit_type": "ent", "period": "year", "year": 2025, "train_sessions": 3,
        "congress": False, "activity_types": ["none"], "sign_date": "2026-01-08"}


def text_of(answers: dict) -> str:
    return Composer().compose(answers).as_text()


def test_zero_and_skipped_facts_write_nothing() -> None:
    text = text_of({**BASE, "train_sessions": 0, "hardship_households": 0, "proposals": 0, "health_check": None})
    assert not re.search(r"(?<![0-9.])0(期|户次|件|人|场)", text)
    assert "培训" not in text  # the training part is gone, heading and all
    assert "总结如下" not in text  # and the opening doesn't announce a body that isn't there
    assert "None" not in text and "{{" not in text


def test_headings_of_empty_parts_are_dropped_and_the_rest_renumbered() -> None:
    summary = Composer().compose({**BASE, "hardship_households": 5})
    headings = [b.text for b in summary.blocks if b.kind == "h1"]
    assert [h[:2] for h in headings] == ["一、", "二、"]
    assert "培训" in headings[0] and "帮扶" in headings[1]


def test_self_reference_follows_the_unit_type() -> None:
    school = text_of({**BASE, "unit_type": "school", "staff_total": 120, "proposals": 4})
    assert "我校现有在职教职工120人" in school and "教职工提案" in school
    hospital = text_of({**BASE, "unit_type": "hosp", "staff_total": 300})
    assert "我院现有在职医务人员300人" in hospital and "我校" not in hospital


def test_money_and_lists_read_as_a_chair_would_write_them() -> None:
    small = text_of({**BASE, "hardship_households": 3, "hardship_funds": 4600.0})
    assert "发放帮扶资金4600元" in small
    large = text_of({**BASE, "hardship_households": 3, "hardship_funds": 130200.0})
    assert "发放帮扶资金13.02万元" in large
    assert cn_list(["甲", "乙", "丙"]) == "甲、乙、丙"
    assert cn_list(list("甲乙丙丁戊己")) == "甲、乙、丙、丁、戊等6项"


def test_percentages_need_a_real_denominator() -> None:
    assert percent(80, 86) == "93%"  # a whole percentage never reads 93.0%
    assert percent(2, 3) == "66.7%"
    assert percent(90, 86) is None and percent(5, None) is None
    text = text_of({**BASE, "members": 80})
    assert "入会率" not in text  # no headcount, so no rate


def test_the_same_answers_always_give_the_same_text() -> None:
    answers = {**BASE, "hardship_households": 5, "activity_types": ["walk"], "activities_n": 2}
    assert text_of(answers) == text_of(dict(answers))


def test_chair_text_is_data_not_template_source() -> None:
    text = text_of({**BASE, "train_awards": "{{ 7*7 }}{% if true %}x{% endif %}</w:t>"})
    assert "{{ 7*7 }}{% if true %}x{% endif %}</w:t>" in text


def test_filename_follows_the_title() -> None:
    assert SummaryMaker().filename(BASE) == "红星机械厂工会2025年工作总结.docx"
    assert SummaryMaker().filename({**BASE, "period": "half"}) == "红星机械厂工会2025年上半年工作总结.docx"
