"""The question bank loads, and a broken one is refused with a message naming the fault."""

from __future__ import annotations

import copy
import string

import pytest
import yaml

from dialogs.bank import BANKS_DIR, BankError, load_bank, parse_bank
from templates.compose import vocabulary_table


@pytest.fixture
def raw_bank() -> dict:
    with (BANKS_DIR / "annual.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_the_annual_bank_covers_every_section() -> None:
    bank = load_bank("annual")
    assert [s.title for s in bank.sections] == [
        "基本情况", "干部与职工培训", "维权与民主管理", "福利与帮扶", "文体活动", "不足与打算", "落款",
    ]
    for section in bank.sections:
        assert any(q.section == section.id for q in bank.questions), section.title


def test_every_placeholder_has_a_word_for_every_unit_type() -> None:
    bank = load_bank("annual")
    texts = [t for q in bank.questions for t in (q.text, q.label, q.example or "", *(o.label for o in q.options),
                                                  *(o.prose for o in q.options))]
    used = {field for t in texts for _, field, _, _ in string.Formatter().parse(t) if field}
    for unit_type, words in vocabulary_table().items():
        assert used <= set(words), (unit_type, used - set(words))


def _break(raw: dict, change) -> str:  # type: ignore[no-untyped-def]
    broken = copy.deepcopy(raw)
    change(broken["questions"])
    with pytest.raises(BankError) as error:
        parse_bank("broken", broken)
    return str(error.value)


def test_duplicate_ids_are_refused(raw_bank: dict) -> None:
    message = _break(raw_bank, lambda qs: qs.insert(1, dict(qs[0])))
    assert "duplicate question id 'unit_name'" in message


def test_when_naming_an_unknown_question_is_refused(raw_bank: dict) -> None:
    def change(qs: list) -> None:
        next(q for q in qs if q["id"] == "train_people")["when"] = {"question": "train_count", "gt": 0}
    assert "train_people: 'when' names unknown or later question 'train_count'" in _break(raw_bank, change)


def test_when_naming_a_later_question_is_refused(raw_bank: dict) -> None:
    def change(qs: list) -> None:
        qs[0]["when"] = {"question": "sign_date", "answered": True}
    assert "unit_name" in _break(raw_bank, change)


def test_option_keys_must_be_short_ascii(raw_bank: dict) -> None:
    def change(qs: list) -> None:
        next(q for q in qs if q["id"] == "unit_type")["options"][0]["key"] = "企业"
    assert "option key '企业'" in _break(raw_bank, change)


def test_unknown_fields_and_types_are_refused(raw_bank: dict) -> None:
    assert "unknown type 'number'" in _break(raw_bank, lambda qs: qs[3].update(type="number"))
    assert "unknown field(s) ['optinal']" in _break(raw_bank, lambda qs: qs[3].update(optinal=True))


def test_every_role_the_code_looks_for_is_played_once(raw_bank: dict) -> None:
    def unrole(qs: list) -> None:
        next(q for q in qs if q.get("role") == "year").pop("role")
    assert "no question plays the role(s) ['year']" in _break(raw_bank, unrole)

    def twice(qs: list) -> None:
        next(q for q in qs if q["id"] == "staff_total")["role"] = "unit_name"
    assert "role 'unit_name' is played by two questions" in _break(raw_bank, twice)

    def unknown(qs: list) -> None:
        qs[3]["role"] = "headcount"
    assert "unknown role 'headcount'" in _break(raw_bank, unknown)


def test_a_renamed_question_keeps_its_role_in_the_interview(raw_bank: dict) -> None:
    """The code finds the unit's name and year by role, so renaming the questions changes nothing."""
    renamed = copy.deepcopy(raw_bank)
    for q in renamed["questions"]:
        if q["id"] in ("unit_name", "year"):
            q["id"] = "the_" + q["id"]
        if isinstance(q.get("when"), dict) and q["when"]["question"] in ("unit_name", "year"):
            q["when"]["question"] = "the_" + q["when"]["question"]
    bank = parse_bank("renamed", renamed)
    answers = {"the_unit_name": "红星机械厂", "the_year": 2025}
    assert bank.fact(answers, "unit_name") == "红星机械厂" and bank.fact(answers, "year") == 2025


def _festivals_worded_per_unit(raw_bank: dict) -> dict:
    worded = copy.deepcopy(raw_bank)
    festivals = next(q for q in worded["questions"] if q["id"] == "festivals")
    festivals["example"] = {"default": "春节、中秋", "hosp": "护士节、春节"}
    festivals["options"] = [
        {"key": "spring", "label": "春节"},
        {"key": "nurse", "label": "护士节", "units": ["hosp"]},
        {"key": "kids", "label": "六一", "units": ["kinder"]},
        {"key": "mid", "label": {"default": "中秋节", "kinder": "中秋"}, "prose": "中秋佳节"},
    ]
    return worded


def test_each_kind_of_unit_is_offered_its_own_options_and_words(raw_bank: dict) -> None:
    bank = parse_bank("worded", _festivals_worded_per_unit(raw_bank))
    hospital, kindergarten = bank.for_unit("hosp").by_id["festivals"], bank.for_unit("kinder").by_id["festivals"]
    assert [o.label for o in hospital.options] == ["春节", "护士节", "中秋节"]
    assert [o.label for o in kindergarten.options] == ["春节", "六一", "中秋"]
    assert hospital.example == "护士节、春节" and kindergarten.example == "春节、中秋"
    assert kindergarten.option("mid").prose == "中秋佳节"


def test_an_option_of_another_kind_of_unit_is_dropped_when_the_kind_changes(raw_bank: dict) -> None:
    bank = parse_bank("worded", _festivals_worded_per_unit(raw_bank))
    answers = {"unit_type": "hosp", "festivals": ["spring", "nurse"]}
    assert bank.effective(answers)["festivals"] == ["spring", "nurse"]
    assert bank.effective({**answers, "unit_type": "kinder"})["festivals"] == ["spring"]
    assert "festivals" not in bank.effective({"unit_type": "kinder", "festivals": ["nurse"]})


def test_a_question_for_some_kinds_of_unit_only_is_asked_of_them(raw_bank: dict) -> None:
    limited = copy.deepcopy(raw_bank)
    next(q for q in limited["questions"] if q["id"] == "festivals")["units"] = ["school", "kinder"]
    bank = parse_bank("limited", limited)
    assert bank.by_id["festivals"].is_shown({"unit_type": "kinder"})
    assert not bank.by_id["festivals"].is_shown({"unit_type": "ent"})


def test_an_unknown_kind_of_unit_is_refused(raw_bank: dict) -> None:
    def change(qs: list) -> None:
        next(q for q in qs if q["id"] == "festivals")["units"] = ["hospital"]
    assert "unknown kind(s) of unit ['hospital']" in _break(raw_bank, change)
