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
                                                  *(p for o in q.options for p in o.phrasings))]
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
    answers = {"unit_type": "hosp", "welfare_done": ["festivals"], "festivals": ["spring", "nurse"]}
    assert bank.effective(answers)["festivals"] == ["spring", "nurse"]
    assert bank.effective({**answers, "unit_type": "kinder"})["festivals"] == ["spring"]
    assert "festivals" not in bank.effective({**answers, "unit_type": "kinder", "festivals": ["nurse"]})


def test_a_question_for_some_kinds_of_unit_only_is_asked_of_them(raw_bank: dict) -> None:
    limited = copy.deepcopy(raw_bank)
    next(q for q in limited["questions"] if q["id"] == "festivals")["units"] = ["school", "kinder"]
    bank = parse_bank("limited", limited)
    ticked = {"welfare_done": ["festivals"]}
    assert bank.by_id["festivals"].is_shown({"unit_type": "kinder", **ticked})
    assert not bank.by_id["festivals"].is_shown({"unit_type": "ent", **ticked})


def test_an_unknown_kind_of_unit_is_refused(raw_bank: dict) -> None:
    def change(qs: list) -> None:
        next(q for q in qs if q["id"] == "festivals")["units"] = ["hospital"]
    assert "unknown kind(s) of unit ['hospital']" in _break(raw_bank, change)


# ---------------------------------------------------------------- what each kind of unit is offered

BANK = load_bank("annual")
KINDS = ("ent", "school", "kinder", "hosp", "gov", "inst")


def offered(unit_type: str, question_id: str) -> list[str]:
    """The button labels a chair of this kind sees, with the kind's words filled in."""
    words = vocabulary_table()[unit_type]
    return [o.label.format_map(words) for o in BANK.for_unit(unit_type).by_id[question_id].options]


COMMON_FESTIVALS = ["元旦", "春节", "元宵", "三八", "五一", "端午", "中秋", "国庆", "重阳"]

OFFERED = {
    "ent": {
        "festivals": COMMON_FESTIVALS,
        "contests": ["劳动竞赛", "技术比武", "安康杯竞赛", "知识竞赛", "演讲比赛", "其他"],
        "congress_form": ["职工代表大会（职代会）", "职工大会（全体职工参加）"],
        "self_name": ["我厂", "我公司", "本企业", "我行", "我矿", "我场（林场、农场、养殖场等）"],
    },
    "school": {
        "festivals": ["元旦", "春节", "元宵", "三八", "五一", "端午", "教师节", "中秋", "国庆", "重阳"],
        "contests": ["教学比武", "优质课评比", "教师基本功比赛", "知识竞赛", "演讲比赛", "其他"],
        "congress_form": ["教职工代表大会（教代会）", "教职工大会（全体教职工参加）"],
        "self_name": ["我校", "本校", "我院（高校、学院）"],
    },
    "kinder": {
        "festivals": ["元旦", "春节", "元宵", "三八", "五一", "六一", "端午", "教师节", "中秋", "国庆", "重阳"],
        "contests": ["教学比武", "优质课评比", "教师基本功比赛", "知识竞赛", "演讲比赛", "其他"],
        "congress_form": ["教职工代表大会（教代会）", "教职工大会（全体教职工参加）"],
        "self_name": ["我园", "本园"],
    },
    "hosp": {
        "festivals": ["元旦", "春节", "元宵", "三八", "五一", "护士节", "端午", "医师节", "中秋", "国庆", "重阳"],
        "contests": ["技能比武", "岗位练兵", "知识竞赛", "演讲比赛", "其他"],
        "congress_form": ["职工代表大会（职代会）", "职工大会（全体职工参加）"],
        "self_name": ["我院", "本院", "我中心"],
    },
    "gov": {
        "festivals": COMMON_FESTIVALS,
        "contests": ["业务技能竞赛", "知识竞赛", "演讲比赛", "其他"],
        "congress_form": ["职工代表大会（职代会）", "职工大会（全体职工参加）", "会员代表大会", "会员大会"],
        "self_name": ["我局", "我委", "我办", "我街道", "机关", "我单位", "我院（法院、检察院）", "我镇"],
    },
    "inst": {
        "festivals": COMMON_FESTIVALS,
        "contests": ["岗位练兵", "业务技能竞赛", "知识竞赛", "演讲比赛", "其他"],
        "congress_form": ["职工代表大会（职代会）", "职工大会（全体职工参加）", "会员代表大会", "会员大会"],
        "self_name": ["我院", "我中心", "我所", "我站", "我社区", "我单位", "我馆（图书馆、博物馆等）",
                      "我场（林场、农场、养殖场等）"],
    },
}


@pytest.mark.parametrize("unit_type", KINDS)
def test_each_kind_is_offered_its_own_festivals_contests_congress_and_self_reference(unit_type: str) -> None:
    for question_id, labels in OFFERED[unit_type].items():
        assert offered(unit_type, question_id) == labels, (unit_type, question_id)


# Words that belong to some kinds of unit only; every other kind must never see them (in a question, an
# example, a button or the phrase the document uses).
OWN_WORDS = {
    "护士节": {"hosp"}, "医师节": {"hosp"}, "医德": {"hosp"}, "院务公开": {"hosp"}, "院长": {"hosp"},
    "六一": {"kinder"}, "园务公开": {"kinder"}, "园长": {"kinder"},
    "教师节": {"school", "kinder"}, "教学比武": {"school", "kinder"}, "优质课": {"school", "kinder"},
    "师德": {"school", "kinder"}, "教代会": {"school", "kinder"}, "教职工": {"school", "kinder"},
    "校务公开": {"school"}, "校长": {"school"},
    "安康杯": {"ent"}, "技术比武": {"ent"}, "劳动竞赛": {"ent"}, "厂务公开": {"ent"}, "司机之家": {"ent"},
    "农民工": {"ent", "inst"},
    "机关内部事务公开": {"gov"}, "会员代表大会": {"gov", "inst"},
    "政务公开": set(),
}


def seen_by(unit_type: str) -> str:
    """Everything a chair of this kind can read in the bank, and every phrase the document may use."""
    words = vocabulary_table()[unit_type]
    texts = []
    for question in BANK.for_unit(unit_type).questions:
        if question.units is not None and unit_type not in question.units.operand:
            continue
        texts += [question.text, question.label, question.example or ""]
        texts += [t for o in question.options for t in (o.label, *o.phrasings)]
    return "\n".join(t.format_map(words) for t in texts)


@pytest.mark.parametrize("unit_type", KINDS)
def test_no_kind_is_offered_another_kinds_words(unit_type: str) -> None:
    text = seen_by(unit_type)
    strays = [word for word, kinds in OWN_WORDS.items() if unit_type not in kinds and word in text]
    assert not strays, (unit_type, strays)
    for word, kinds in OWN_WORDS.items():
        if unit_type in kinds and len(kinds) == 1:
            assert word in text, (unit_type, word)  # the kind's own words are really offered


def test_every_section_opens_with_a_checklist_that_gates_its_details() -> None:
    for checklist in ("train_done", "rights_done", "welfare_done", "activity_types"):
        question = BANK.by_id[checklist]
        assert question.type == "multi" and question.exclusive and not question.optional, checklist
        gated = [q for q in BANK.questions if q.when and q.when.question == checklist]
        assert gated, checklist
    # A thin year: "none" ticked everywhere hides every detail of those sections.
    thin = {"unit_type": "ent", "train_done": ["none"], "rights_done": ["none"], "welfare_done": ["none"],
            "activity_types": ["none"]}
    asked = [q.id for q in BANK.questions if q.is_shown(thin) and q.section in {"training", "rights", "welfare"}]
    assert asked == ["train_done", "rights_done", "welfare_done"]


def test_every_option_reads_as_a_phrase_not_a_button() -> None:
    """Labels that must never be pasted into the document as they stand on the button."""
    for unit_type in KINDS:
        for question in BANK.for_unit(unit_type).questions:
            for option in question.options:
                for prose in option.phrasings:
                    assert "或" not in prose or prose == option.label == "其他", (question.id, prose)
                    assert prose not in {"意见箱", "专题培训", "评先推优", "绩效或奖金分配方案"}, question.id


def test_the_contract_question_takes_several_answers() -> None:
    contract = BANK.for_unit("hosp").by_id["contract"]
    assert contract.type == "multi" and {"running", "women"} <= {o.key for o in contract.options}


def test_an_option_may_be_worded_several_ways_and_a_kinds_own_wording_replaces_them(raw_bank: dict) -> None:
    raw = raw_bank
    question = next(q for q in raw["questions"] if q["id"] == "shortcomings")
    question["options"][0]["prose"] = {"default": ["甲做法", "乙做法"], "hosp": "丙做法"}
    bank = parse_bank("annual", raw)
    option = bank.by_id["shortcomings"].options[0]
    assert option.phrasings == ("甲做法", "乙做法")
    assert option.for_unit("hosp").phrasings == ("丙做法",)


def test_couriers_and_drivers_are_a_source_of_new_members_offered_to_companies_only() -> None:
    bank = load_bank()
    for kind in ("ent", "school", "kinder", "hosp", "gov", "inst"):
        offered = [o.key for o in bank.for_answers({"unit_type": kind}).by_id["new_members_from"].options]
        assert ("newform" in offered) == (kind == "ent"), (kind, offered)


def test_a_union_founded_this_period_is_asked_how_many_it_elected() -> None:
    bank = load_bank()
    assert bank.by_id["org_change_n"].is_shown({"unit_type": "inst", "org_change": "founded"})
    assert not bank.by_id["org_change_n"].is_shown({"unit_type": "inst", "org_change": "none"})
