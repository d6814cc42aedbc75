"""The 总之 paragraph names the parts of this union's year by what the chair reported in them."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from templates.compose import Composer
from templates.summary import Summary
from tests.support.ample import AMPLE

# A report full enough to be told under headings and weighed in a 总之 (a thin one is neither), with no central work.
BASE = {**{key: value for key, value in AMPLE.items() if not key.startswith("centre")},
        "unit_type": "ent", "period": "year", "year": 2025, "sign_date": "2026-01-08",
        "train_done": ["courses"], "train_sessions": 4, "rights_done": ["congress"], "welfare_done": ["visits"],
        "visits_n": 12, "activity_types": ["basketball"], "activities_n": 3,
        "welfare_highlight": "7月高温期间，工会给一线车间送去绿豆汤和防暑药品，连续送了四十多天，夜班也没落下",
        "welfare_highlight_by": "union",
        "rights_highlight": "不少职工反映食堂饭菜价格偏高，工会会同后勤部门调研后，食堂每餐降价一元，增加两个窗口",
        "rights_highlight_by": "union"}
NAMES = ["滨江市红星机械厂", "滨江港务集团", "东城区自来水公司", "滨江纺织有限公司", "江南化工股份有限公司",
         "滨江市第二机床厂", "城东物流有限公司", "滨江电子科技有限公司"]


OUTLOOK = {"shortcomings", "next_plans"}
# How the weighing holds to the central work after naming it (以…为中心, 把…作为工作重点, or nothing: 围绕…).


def last_part(summary: Summary) -> list:
    """The paragraphs under the last heading; in a report told without headings (a thin one), those from the first
    that tells the shortcomings or the plans, or else the last."""
    paragraphs = [b for b in summary.blocks if b.kind == "p"]
    if any(b.kind == "h1" for b in summary.blocks):
        last_heading = max(i for i, b in enumerate(summary.blocks) if b.kind == "h1")
        return [b for b in summary.blocks[last_heading + 1 :] if b.kind == "p"]
    first = next((i for i, b in enumerate(paragraphs) if any(OUTLOOK & s.sources for s in b.sentences)), None)
    return paragraphs[first:] if first is not None else paragraphs[-1:]


def closing_of(summary: Summary) -> str:
    """The 总之: the last paragraph, or, when the last part tells the shortcomings or the plans, what its first
    paragraph says before them."""
    first = last_part(summary)[0]
    if any(OUTLOOK & s.sources for s in first.sentences):
        return "".join(s.text for s in first.sentences if not OUTLOOK & s.sources)
    return [b.text for b in summary.blocks if b.kind == "p"][-1]


def closing(answers: dict) -> str:
    return closing_of(Composer().compose(answers))


def first_paragraph(answers: dict) -> str:
    """The first paragraph: the central work, what the union did for it and how it came out."""
    return next(b.text for b in Composer().compose(answers).blocks if b.kind == "p")


@pytest.mark.parametrize("name", NAMES)
def test_the_closing_claims_no_election_contest_or_aid_the_chair_did_not_report(name: str) -> None:
    text = closing({**BASE, "unit_name": name, "org_change": "none"})
    for unreported in ("换届", "组织建设", "竞赛", "比武", "帮扶", "会员发展", "发展会员"):
        assert unreported not in text, (unreported, text)


def test_a_year_without_an_election_says_nothing_of_one() -> None:
    text = "".join(b.text for b in Composer().compose({**BASE, "unit_name": NAMES[0], "union_groups": 6,
                                                          "org_change": "none"}).blocks)
    assert "6个" in text
    assert "换届" not in text and "增补" not in text


@pytest.mark.parametrize("name", NAMES)
def test_the_closing_names_the_contests_and_the_aid_when_reported_but_not_the_election(name: str) -> None:
    text = closing({**BASE, "unit_name": name, "org_change": "elect", "train_done": ["courses", "contest"],
                    "contests": ["skills"], "welfare_done": ["visits", "hardship"], "hardship_n": 3})
    assert "换届" not in text  # a fact of the basic part, not a focus of the year
    assert "竞赛" in text or "比武" in text
    assert "帮扶" in text


@pytest.mark.parametrize("name", NAMES)
def test_the_closing_names_the_congress_the_unit_held(name: str) -> None:
    text = closing({**BASE, "unit_name": name, "unit_type": "kinder", "congress_form": "all"})
    assert "教代会" not in text and "职代会" not in text


@pytest.mark.parametrize("name", NAMES)
def test_a_unit_that_held_an_all_staff_assembly_is_never_said_to_have_a_staff_congress(name: str) -> None:
    held = (("ent", "职工大会"), ("inst", "职工大会"), ("school", "教职工大会"), ("inst", "会员大会"))
    for unit_type, assembly in held:
        form = "mall" if assembly == "会员大会" else "all"
        text = "".join(b.text for b in Composer().compose({
            **BASE, "unit_name": name, "unit_type": unit_type, "rights_done": ["congress", "openness"],
            "congress_form": form, "congress_month": 3, "openness": ["board", "meeting"],
            "openness_items": ["finance"]}).blocks if b.kind == "p")
        assert assembly in text and not re.search("[职教]代会|代表大会", text), text


# A report too thin to weigh its year (told without headings): the opening tells what the union did for the
# central work.
THIN = {**{key: value for key, value in BASE.items() if "highlight" not in key},
        "train_done": ["none"], "welfare_done": ["none"], "activity_types": ["none"]}


@pytest.mark.parametrize("name", NAMES)
def test_the_opening_says_what_the_union_did_for_the_central_work_with_the_union_as_doer(name: str) -> None:
    opening = first_paragraph({
        **THIN, "unit_name": name, "self_name": "company", "centre_task": "完成新厂区搬迁",
        "centre_union": "搬迁期间开通上下班通勤班车"})
    assert "我公司工会" in opening and "开通上下班通勤班车" in opening
    assert "期间开通" not in opening  # never without its doer


@pytest.mark.parametrize("name", NAMES)
def test_the_weighing_names_the_central_work_but_leaves_the_unions_part_in_it_to_the_opening(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "self_name": "company", "centre_task": "完成新厂区搬迁",
                                  "centre_union": "搬迁期间开通上下班通勤班车", "centre_result": "9月迁入新厂区"})
    weighed, opening = closing_of(summary), next(b.text for b in summary.blocks if b.kind == "p")
    assert "开通上下班通勤班车" in opening and "9月迁入新厂区" in opening, opening
    # Told again in the 总之, it read as a copy of the opening (readers 81, 82).
    assert "完成新厂区搬迁" in weighed and "通勤班车" not in weighed and "迁入" not in weighed, weighed


@pytest.mark.parametrize("name", NAMES)
def test_what_others_did_for_the_central_work_is_not_the_unions_when_the_chair_names_the_union_after_it(
        name: str) -> None:
    opening = first_paragraph({
        **BASE, "unit_name": name, "self_name": "company", "centre_task": "完成新厂区搬迁",
        "centre_union": "搬迁期间，职工周末加班整理设备，工会买了点心送过去"})
    assert "搬迁期间，职工周末加班整理设备，工会买了点心送过去" in opening, opening


@pytest.mark.parametrize("name", NAMES)
def test_what_the_staff_did_for_the_central_work_is_never_the_unions_deed(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "unit_type": "school", "self_name": "school",
                                  "centre_task": "乡村学校提质", "centre_union": "老师跟留守娃结对，一人包5个"})
    text = summary.as_text()
    assert "老师跟留守儿童结对" in text and "工会老师" not in text, text
    assert "结对" not in closing_of(summary)


@pytest.mark.parametrize("did", ["没有", None])  # stored as typed before the interview read it as a skip, or skipped
def test_a_central_work_the_union_did_nothing_for_is_not_one_it_planned_or_focused_on(did: str | None) -> None:
    for n in range(40):
        opening = first_paragraph({
            **BASE, "unit_name": f"滨江市第{n}街道办事处", "unit_type": "gov", "centre_task": "老旧小区改造",
            "centre_union": did})
        assert "老旧小区改造" in opening and not re.search("谋划|聚焦", opening), opening


@pytest.mark.parametrize("name", NAMES)
def test_the_closing_ties_the_year_to_the_central_work_the_chair_named_only_with_what_the_union_did_for_it(
        name: str) -> None:
    assert "完成新厂区搬迁" in closing({**BASE, "unit_name": name, "centre_task": "完成新厂区搬迁",
                                 "centre_union": "组织职工突击队"})
    for n in range(8):
        assert "完成新厂区搬迁" not in closing({**BASE, "unit_name": f"{name}{n}", "centre_task": "完成新厂区搬迁"})


@pytest.mark.parametrize("name", NAMES)
def test_the_unions_honours_are_told_once_a_kept_home_title_as_kept(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "honors": "全国模范职工之家、省工会工作先进单位",
                                  "home_facilities": "open",
                                  "home_title": "通过全国总工会复查，保持全国模范职工之家称号"})
    text = summary.as_text()
    assert text.count("省工会工作先进单位") == 1
    assert text.count("全国模范职工之家") == 1 and "保持全国模范职工之家称号" in text
    assert "先进单位" not in closing_of(summary)
    # The same title with its level written another way (江汀市… beside 市级…) is the same title; another is not.
    for honour, told in (("江汀市模范职工之家", 0), ("省先进职工之家", 1)):
        text = Composer().compose({**BASE, "unit_name": name, "honors": f"{honour}、省工会工作先进单位",
                                   "home_facilities": "open",
                                   "home_title": "通过市总工会复验，保持市级模范职工之家称号"}).as_text()
        assert text.count(honour) == told and "保持市级模范职工之家称号" in text, text
    # …and with the home named before it in the chair's words (新校区职工之家投用…).
    text = Composer().compose({**BASE, "unit_name": name, "honors": "河南省模范职工之家", "home_facilities": "new",
                               "home_title": "新建职工之家10月投用，通过省总工会验收，获评省模范职工之家"}).as_text()
    assert "河南省模范职工之家" not in text and "获评省模范职工之家" in text, text


def test_a_report_with_nothing_to_tell_makes_no_resolve_for_the_year_ahead() -> None:
    summary = Composer().compose({"unit_type": "ent", "period": "year", "year": 2025, "unit_name": NAMES[0],
                                  "sign_date": "2026-01-08", "train_done": ["none"], "rights_done": ["none"],
                                  "welfare_done": ["none"], "activity_types": ["none"]})
    assert "新的一年" not in summary.as_text()
    assert "将" not in summary.as_text()


@pytest.mark.parametrize("name", NAMES)
def test_the_year_is_weighed_before_the_chairs_own_plans_and_the_summary_ends_on_them(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "next_plans": "办好职工运动会；建好职工书屋"})
    said = last_part(summary)
    assert len(said) == 1 and said[0].text.startswith(closing_of(summary)), said
    assert "职代会" in closing_of(summary) and "办好职工运动会" not in closing_of(summary)
    assert said[0].text.endswith("二是建好职工书屋。")
    assert summary.as_text().count("新的一年") <= 1


def test_the_opening_tells_the_unions_part_and_the_result_in_either_order_across_units() -> None:
    orders = set()
    for name in NAMES:
        opening = first_paragraph({
            **THIN, "unit_name": name, "self_name": "company", "centre_task": "完成新厂区搬迁",
            "centre_union": "搬迁前组织职工分批参观新厂区", "centre_result": "9月迁入新厂区"})
        assert "我公司工会组织职工分批参观新厂区" in opening and "9月迁入新厂区" in opening, opening
        orders.add(opening.index("迁入") < opening.index("参观"))
    assert orders == {True, False}


@pytest.mark.parametrize("name", NAMES)
def test_a_weighed_year_names_its_weightier_deeds_not_routine_work(name: str) -> None:
    weighed = closing({**BASE, "unit_name": name, "self_name": "company", "centre_task": "完成新厂区搬迁",
                       "centre_union": "组织职工分批参观新厂区", "welfare_done": ["visits", "hardship"],
                       "hardship_households": 5})
    assert "帮扶" in weighed and not re.search("职代会|文体|看望", weighed), weighed


@pytest.mark.parametrize("name", NAMES)
def test_the_years_weighing_leaves_out_summer_care_and_names_safety_in_words_for_any_unit(name: str) -> None:
    weighed = closing({**BASE, "unit_name": name, "unit_type": "kinder", "rights_done": ["safety"],
                       "safety": ["checks"], "safety_checks": 6, "welfare_done": ["cool", "hardship"],
                       "hardship_households": 2})
    assert "安全" in weighed and "劳动保护" not in weighed and "夏送清凉" not in weighed, weighed


# In a busy season (旺季) the union is named after the season, as after any time.
@pytest.mark.parametrize("task, did, told", [
    ("完成新厂区搬迁", "组织职工分批参观新厂区", "我公司工会组织职工分批参观新厂区"),
    ("保障618和双11旺季", "旺季给夜班分拣员每晚发夜宵补贴", "旺季，我公司工会给夜班分拣员"),
])
@pytest.mark.parametrize("name", NAMES)
def test_a_report_too_thin_to_weigh_tells_what_the_union_did_for_the_central_work_in_its_opening(
        name: str, task: str, did: str, told: str) -> None:
    opening = first_paragraph({**THIN, "unit_name": name, "self_name": "company", "centre_task": task,
                               "centre_union": did})
    assert told in opening, opening


@pytest.mark.parametrize("name", NAMES)
def test_the_weighing_names_the_years_contests_once_and_not_the_unions_part_in_the_central_work(name: str) -> None:
    weighed = closing({**BASE, "unit_name": name, "train_done": ["contest"], "contests": ["labor"],
                       "centre_task": "全年产值突破5亿元", "centre_union": "开展“建功新厂区”劳动竞赛"})
    assert weighed.count("竞赛") == 1 and "建功新厂区" not in weighed, weighed
    weighed = closing({**BASE, "unit_name": name, "train_done": ["contest"], "contests": ["skills"],
                       "centre_task": "零售客户数突破30万户", "centre_union": "开展厅堂服务提升竞赛"})
    assert "比武" in weighed and "厅堂服务" not in weighed, weighed


def test_a_central_work_typed_as_a_verb_phrase_is_never_held_to_as_a_noun() -> None:
    for n in range(40):
        weighed = closing({**BASE, "unit_name": f"滨江市第{n}机械厂", "centre_task": "完成新厂区搬迁并实现满产",
                           "centre_union": "组织职工突击队"})
        assert not re.search("(紧扣|聚焦|立足)完成", weighed), weighed


@pytest.mark.parametrize("name", NAMES)
def test_shortcomings_without_plans_follow_the_weighed_year_under_a_heading_and_a_resolve_closes(name: str) -> None:
    summary = Composer().compose({**BASE, **AMPLE, "activity_types": BASE["activity_types"], "unit_name": name,
                                  "shortcomings": ["variety", "reach"]})
    texts = [b.text for b in summary.blocks]
    shortcomings = next(i for i, t in enumerate(texts) if "一是活动" in t)
    assert summary.blocks[shortcomings - 1].kind == "h1"
    assert texts[shortcomings].startswith(closing_of(summary)) and "新厂区" in closing_of(summary)
    assert texts[-1] != texts[shortcomings] and "将" in texts[-1]


@pytest.mark.parametrize("name", NAMES)
def test_without_shortcomings_or_plans_the_weighed_year_closes_the_summary(name: str) -> None:
    texts = [b.text for b in Composer().compose({**BASE, "unit_name": name}).blocks if b.kind == "p"]
    assert "职代会" in texts[-1] and "将" in texts[-1]


def test_rights_may_come_before_training_and_the_closing_names_the_parts_in_the_documents_order() -> None:
    orders = set()
    for name in NAMES:
        # No central work: the weighing names every part's deed, the routine ones too.
        summary = Composer().compose({**BASE, **AMPLE, "activity_types": BASE["activity_types"], "unit_name": name,
                                      "train_done": ["courses", "contest"], "contests": ["labor"],
                                      "congress_form": "rep", "centre_union": None})
        headings = [b.text for b in summary.blocks if b.kind == "h1"]
        training = next(i for i, h in enumerate(headings) if "培训" in h or "学" in h or "赛" in h)
        rights = next(i for i, h in enumerate(headings) if "民主" in h or "权" in h)
        orders.add(rights < training)
        said = closing_of(summary)
        assert (said.index("职代会") < said.index("竞赛")) == (rights < training), (headings, said)
    assert orders == {True, False}


def test_the_opening_points_back_to_a_central_work_only_after_calling_it_one() -> None:
    for n in range(1, 41):
        opening = first_paragraph({
            **BASE, "unit_name": f"滨江市第{n}机械厂", "centre_task": "迎接三级甲等医院复审",
            "centre_union": "组织护理技能练兵", "centre_result": "11月通过复审"})
        first, *later = opening.split("。")
        if any("这项中心工作" in sentence or "这些中心工作" in sentence for sentence in later):
            assert re.search("中心(工作|任务)", first), opening


@pytest.mark.parametrize("name", NAMES)
def test_the_opening_says_around_the_central_work_once(name: str) -> None:
    opening = first_paragraph({
        **BASE, "unit_name": name, "self_name": "company", "centre_task": "完成新厂区搬迁",
        "centre_union": "组织职工分批参观新厂区", "centre_result": "9月迁入新厂区"})
    assert opening.count("围绕") <= 1 and opening.count("回顾") <= 1, opening


@pytest.mark.parametrize("name", NAMES)
def test_after_the_weighed_year_the_shortcomings_turn_to_what_was_not_done_without_looking_back_again(
        name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "shortcomings": ["variety", "reach"],
                                  "next_plans": "办好职工运动会；建好职工书屋"})
    weighed = closing_of(summary)
    paragraph = last_part(summary)[0].text
    turn = paragraph[len(weighed):].split("一是")[0]
    assert weighed and turn, paragraph
    assert not any(back in turn for back in ("回头", "审视", "回顾", "梳理", "总的来看", "查找问题")), turn


@pytest.mark.parametrize("name", NAMES)
def test_a_single_shortcoming_after_the_weighed_year_turns_too(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "shortcomings": ["variety"],
                                  "next_plans": "办好职工运动会；建好职工书屋"})
    weighed = closing_of(summary)
    turn = last_part(summary)[0].text[len(weighed):]
    assert weighed and turn.startswith(("但", "同时", "当然", "不过")), turn


@pytest.mark.parametrize("name", [*NAMES, "滨江第2机械厂", "滨江第7机械厂", "滨江第63机械厂"])
def test_the_shortcomings_intro_says_no_budu_before_an_item_that_does(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "shortcomings": ["parttime", "variety"],
                                  "next_plans": "办好职工运动会；建好职工书屋"})
    paragraph = last_part(summary)[0].text
    intro = paragraph.split("一是")[0]
    assert not ("不足" in intro and "不足" in paragraph.split("一是")[1]), paragraph


PART_NAMES = ["培训竞赛", "学习竞赛", "学习培训", "素质提升", "教育培训", "民主管理与权益维护", "民主管理与维权",
              "民主管理", "维权服务", "依法维权", "帮扶解困", "困难帮扶", "关心关爱", "慰问服务", "文体活动",
              "文化建设", "文体工作"]


def test_chairs_of_one_district_rarely_weigh_their_year_turn_to_its_gaps_or_announce_plans_in_the_same_words(
) -> None:
    weighings, turns, plans = set(), set(), set()
    names = [f"滨江市第{n}机械厂" for n in range(1, 41)]
    for name in names:
        summary = Composer().compose({**BASE, "unit_name": name, "centre_task": "完成新厂区搬迁",
                                      "centre_union": "组织职工突击队", "shortcomings": ["variety", "reach"],
                                      "next_plans": "办好职工运动会；建好职工书屋"})
        weighed = closing_of(summary)
        # Their frame only: the unit's and the period's words, the task and the parts' names come from the answers.
        frame = re.sub("|".join(PART_NAMES), "P", weighed.replace("完成新厂区搬迁", "T"))
        weighings.add(re.sub("[、和P]+P", "P", frame).replace("本企业", "").replace("本年度", ""))
        turn = last_part(summary)[0].text[len(weighed):].split("一是")[0]
        assert turn.count("也") <= 1, turn  # not 也要清醒地看到，工会自查也发现…
        items = last_part(summary)[0].text.partition("一是")[2]
        assert not ("方面" in turn and "方面" in weighed), (weighed, turn)
        assert not ("的工作" in weighed and "工会的工作" in turn), (weighed, turn)
        announced = last_part(summary)[-1].text.split("一是")[0]
        assert "办好" not in announced, announced  # the first plan opens with 办好
        assert not any(word in turn and word in items for word in ("集中", "不足", "差距")), (turn, items)
        turns.add(turn)
        plans.add(last_part(summary)[-1].text.split("一是")[0].replace("本企业", ""))
    assert len(weighings) >= 30 and len(turns) >= 30 and len(plans) >= 30, (len(weighings), len(turns), len(plans))


def test_the_weighed_year_and_the_turn_do_not_both_speak_of_the_unions_work() -> None:
    for n in range(1, 41):
        summary = Composer().compose({**BASE, "unit_name": f"滨江市第{n}机械厂", "centre_task": "完成新厂区搬迁",
                                      "shortcomings": ["variety", "reach"]})
        paragraph = last_part(summary)[0].text.split("一是")[0]
        assert paragraph.count("工会的工作") <= 1, paragraph


def test_the_turn_to_the_shortcomings_says_no_tongshi_after_a_weighing_that_did() -> None:
    for n in range(1, 41):
        summary = Composer().compose({**BASE, "unit_name": f"滨江市第{n}机械厂", "centre_task": "完成新厂区搬迁",
                                      "centre_union": "组织职工分批参观新厂区", "rights_done": ["contract"],
                                      "welfare_done": ["hardship"], "hardship_households": 3,
                                      "shortcomings": ["variety", "reach"]})
        paragraph = last_part(summary)[0].text.split("一是")[0]
        assert not re.search("同时[^。]*。同时", paragraph), paragraph


def test_a_turn_that_says_no_word_of_the_items_is_kept_whatever_the_items_say() -> None:
    def turn(name: str, shortcomings: list[str]) -> str:
        summary = Composer().compose({**BASE, "unit_name": name, "centre_task": "完成新厂区搬迁",
                                      "shortcomings": shortcomings, "shortcomings_other": "宣传工作还有不足"})
        return last_part(summary)[0].text.split("一是")[0]

    for n in range(1, 41):
        name = f"滨江市第{n}机械厂"
        plain, short = turn(name, ["variety", "reach"]), turn(name, ["variety", "reach", "other"])
        assert "宣传工作还有不足" in last_part(Composer().compose({**BASE, "unit_name": name, "shortcomings": [
            "variety", "reach", "other"], "shortcomings_other": "宣传工作还有不足"}))[0].text
        if "不足" not in plain:
            assert plain == short, (plain, short)  # the document moves no more than it must


def test_the_plans_after_half_a_year_look_to_its_second_half_and_repeat_no_word_of_the_turn() -> None:
    for n in range(1, 41):
        summary = Composer().compose({**BASE, "unit_name": f"滨江市第{n}机械厂", "period": "half",
                                      "centre_task": "完成新厂区搬迁", "shortcomings": ["variety", "reach"],
                                      "next_plans": "建好职工书屋；推进工资集体协商"})
        turn = last_part(summary)[0].text.split("一是")[0]
        announced = last_part(summary)[-1].text.split("一是")[0]
        assert "今后一个时期" not in announced and "下半年" in announced, announced
        assert not any(word in turn and word in announced for word in ("重点", "以下几", "方面", "集中")), (
            turn, announced)


@pytest.mark.parametrize("period", ["half", "year"])
def test_a_plans_time_is_said_once_when_the_announcement_names_it(period: str) -> None:
    ahead = "下半年" if period == "half" else "新的一年"
    for n in range(1, 21):
        summary = Composer().compose({**BASE, "unit_name": f"滨江市第{n}机械厂", "period": period,
                                      "next_plans": f"{ahead}组织一次职工体检；建好职工书屋"})
        plans = last_part(summary)[-1].text
        announced, items = plans.split("一是")
        # After a year its next year is what every plan is for: never said in the plans (next_year_words).
        assert items.startswith(f"{ahead}组织") == (period == "half" and ahead not in announced), plans


def test_a_single_plan_after_half_a_year_does_not_open_on_its_second_half_after_the_verb() -> None:
    for n in range(1, 21):
        summary = Composer().compose({**BASE, "unit_name": f"滨江市第{n}机械厂", "period": "half",
                                      "next_plans": "下半年举办一次羽毛球比赛"})
        plan = next(b.text for b in summary.blocks if b.kind == "p" and "羽毛球" in b.text)
        assert not re.search("(将|要|拟|准备|打算)[^，。]{0,4}下半年举办", plan), plan


@pytest.mark.parametrize("name", NAMES)
def test_the_plans_are_not_said_to_serve_a_central_work_they_do_not_name(name: str) -> None:
    for period in ("year", "half"):
        summary = Composer().compose({**BASE, "unit_name": name, "period": period, "centre_task": "完成新厂区搬迁",
                                      "next_plans": "办好职工运动会；建好职工书屋"})
        plans = next(s.text for b in summary.blocks if b.kind == "p" for s in b.sentences if "职工书屋" in s.text)
        assert "围绕" not in plans.split("：")[0], plans


@pytest.mark.parametrize("name", NAMES)
def test_the_closing_never_makes_the_central_work_the_starting_point_the_opening_gives_serving_the_staff(
        name: str) -> None:
    for n in range(12):
        text = closing({**BASE, "unit_name": f"{name}{n}", "centre_task": "完成新厂区搬迁"})
        assert "出发点" not in text, text


@pytest.mark.parametrize("name", NAMES)
def test_a_single_plan_of_two_clauses_is_never_wrapped_in_ba(name: str) -> None:
    for n in range(8):
        plan = "争取建一个职工活动室，多举办几次活动"
        summary = Composer().compose({**BASE, "unit_name": f"{name}{n}", "next_plans": plan})
        told = next(s.text for b in summary.blocks if b.kind == "p" for s in b.sentences if "活动室" in s.text)
        assert "把争取" not in told and "列入" not in told, told


@pytest.mark.parametrize("name", NAMES)
def test_a_plan_typed_as_a_wish_is_announced_once_as_the_unions_plan(name: str) -> None:
    for plans, kept in (("想给工人争取涨点工资；打算建个休息室", ["给工人争取涨点工资", "建个休息室"]),
                        ("想办法建好职工书屋", ["想办法建好职工书屋"])):
        for n in range(6):
            summary = Composer().compose({**BASE, "unit_name": f"{name}{n}", "next_plans": plans})
            told = last_part(summary)[-1].text
            assert all(item in told for item in kept), told
            assert not re.search("(是|将|拟|重点|事：)(想|打算)(?!办法)", told), told


@pytest.mark.parametrize("name", NAMES)
def test_a_room_the_chairs_words_on_the_home_tell_is_not_listed_among_its_rooms_too(name: str) -> None:
    summary = Composer().compose({**BASE, "unit_name": name, "home_facilities": "new",
                                  "home_items": ["room", "mother", "driver"],
                                  "home_title": "新建12个司机之家，全部通过市总工会验收"})
    told = next(s for s in summary.sentences() if "新建12个司机之家" in s.text)
    assert told.text.count("司机之家") == 1 and "母婴室" in told.text and "home_items" in told.sources, told


@pytest.mark.parametrize("name", NAMES)
def test_a_plan_for_next_year_says_no_year_of_its_own_and_one_of_two_clauses_is_not_one_thing(name: str) -> None:
    for n in range(8):
        summary = Composer().compose({**BASE, "unit_name": f"{name}{n}",
                                      "next_plans": "明年争取把职工之家建起来，多搞点活动"})
        told = last_part(summary)[-1].text
        assert "把职工之家建起来，多开展一些活动" in told, told
        assert "明年" not in told and "一件事" not in told, told
    summary = Composer().compose({**BASE, "unit_name": name, "next_plans": "1.明年办好运动会 2.建好职工书屋"})
    assert "明年" not in last_part(summary)[-1].text


@pytest.mark.parametrize("name", NAMES)
def test_the_closing_names_a_study_alone_as_study_and_the_funds_alone_as_their_management(name: str) -> None:
    """Not as training nor as rights: a bureau's study is no 培训, its funds' audit no 维权."""
    for n in range(8):
        text = closing({**BASE, "unit_name": f"{name}{n}", "train_done": ["study"], "study_routine": "adhoc",
                        "rights_done": ["funds"], "funds_work": ["budget"]})
        weighed = text.split("。")[0]
        assert "集中学习" in weighed and re.search("工会经费|经费审查", weighed), weighed
        assert not re.search("培训|维权|民主", weighed), weighed


FORM_PART_NAMES = ("培训竞赛", "学习竞赛", "学习培训", "素质提升", "教育培训", "民主管理", "维权服务", "依法维权",
                   "帮扶解困", "关心关爱", "慰问服务", "文化建设", "文体工作", "几方面", "几个方面")


@pytest.mark.parametrize("name", NAMES)
def test_the_year_is_weighed_by_what_the_union_did_not_by_the_names_of_a_forms_parts(name: str) -> None:
    weighed = closing({**BASE, "unit_name": name, "train_done": ["courses", "contest"], "contests": ["skills"],
                       "rights_done": ["congress", "contract"], "welfare_done": ["visits", "hardship"],
                       "hardship_n": 3}).split("。")[0]
    assert "技术比武" in weighed and "集体协商" in weighed and "困难职工" in weighed, weighed
    assert not any(part in weighed for part in FORM_PART_NAMES), weighed
    # Beside those, what every union does each year is not weighed (its congress, visits, activities).
    assert not re.search("职代会|看望|文体", weighed), weighed


def test_deeds_told_one_after_another_do_not_open_on_the_same_verb() -> None:
    for n in range(1, 41):
        weighed = closing({**BASE, "unit_name": f"滨江市第{n}机械厂", "train_done": ["contest"],
                           "contests": ["labor"], "rights_done": ["contract"],
                           "welfare_done": ["study_aid"]}).split("。")[0]
        deeds = weighed.split("，")[-3:]  # a deed for each part: the activities, what every union does, go
        verbs = [deed[:2] for deed in deeds]
        assert all(a != b for a, b in pairwise(verbs)), weighed


@pytest.mark.parametrize("name", NAMES)
def test_a_union_weighing_its_year_holds_its_members_congress_not_a_unions_one(name: str) -> None:
    text = closing({**BASE, "unit_name": name, "unit_type": "gov", "self_name": "bureau", "congress_form": "mrep",
                    "congress_month": 3})
    assert "会员代表大会" in text and not re.search("工会[^，。]{0,8}工会会员", text), text


def test_a_report_too_thin_for_headings_weighs_no_year_it_has_just_told() -> None:
    summary = Composer().compose({"unit_type": "ent", "period": "year", "year": 2025, "unit_name": NAMES[0],
                                  "sign_date": "2026-01-08", "train_done": ["courses"], "train_sessions": 3,
                                  "rights_done": ["congress"], "welfare_done": ["hardship"], "hardship_n": 2,
                                  "activity_types": ["basketball"], "activities_n": 1})
    assert not any(b.kind == "h1" for b in summary.blocks)
    parts = {"train_done", "rights_done", "welfare_done", "activity_types"}
    for block in summary.blocks:
        for sentence in block.sentences:
            assert len(parts & sentence.sources) <= 1, sentence.text


@pytest.mark.parametrize("name", NAMES)
def test_a_stored_text_answer_of_nothing_is_not_told_as_what_was_done(name: str) -> None:
    text = Composer().compose({**BASE, "unit_name": name, "honors": "没有", "honors_others": "无",
                               "centre_task": "老旧小区改造", "centre_union": "没有。"}).as_text()
    assert not re.search("没有[，。]|无称号|被评为无|获得无", text), text
    assert "老旧小区改造" in text


@pytest.mark.parametrize("name", NAMES)
def test_a_contest_the_chair_told_as_the_units_is_weighed_as_the_unions_help_not_its_own(name: str) -> None:
    contests = {**BASE, "unit_name": name, "train_done": ["courses", "contest"], "contests": ["skills"],
                "training_highlight": "9月企业举办焊工技术比武，60多人报名，前三名直接晋级"}
    helped = closing({**contests, "training_highlight_by": "joint"}).split("。")[0]
    assert re.search("(配合|协助|协同)企业[^，]*技术比武", helped), helped
    own = closing({**contests, "training_highlight_by": "union"}).split("。")[0]
    assert "技术比武" in own and not re.search("(配合|协助|协同)企业[^，]*技术比武", own), own


def test_a_report_too_thin_for_headings_announces_no_parts() -> None:
    for n in range(1, 31):
        summary = Composer().compose({"unit_type": "gov", "self_name": "court", "period": "year", "year": 2025,
                                      "unit_name": f"滨江市第{n}区人民法院", "sign_date": "2026-01-08",
                                      "train_done": ["none"], "rights_done": ["none"], "welfare_done": ["visits"],
                                      "visits_n": 22, "activity_types": ["none"], "staff_total": 150})
        opening = summary.blocks[0].text
        assert not any(b.kind == "h1" for b in summary.blocks)
        assert "方面" not in opening and "分述" not in opening, opening


@pytest.mark.parametrize("name", NAMES)
def test_the_units_congress_is_weighed_by_the_rights_it_carries_and_a_members_congress_as_the_unions_own(
        name: str) -> None:
    staff = closing({**BASE, "unit_name": name, "congress_form": "rep"}).split("。")[0]
    # The staff's congress is the unit's: the union neither convenes it nor is said to prepare it.
    assert "职代会" in staff and not re.search("(召开|开好|筹备)职代会|职代会的筹备", staff), staff
    members = closing({**BASE, "unit_name": name, "unit_type": "gov", "self_name": "bureau",
                       "congress_form": "mrep"}).split("。")[0]
    assert re.search("(召开|开好)会员代表大会", members) and not re.search("(协助|配合)机关", members), members


@pytest.mark.parametrize("name", NAMES)
def test_the_weighing_names_what_was_done_for_the_staffs_lives_before_a_visit_to_the_sick(name: str) -> None:
    weighed = closing({**BASE, "unit_name": name, "welfare_done": ["visits", "rest"], "rest_n": 40}).split("。")[0]
    assert "疗休养" in weighed and "看望" not in weighed, weighed


@pytest.mark.parametrize("name", NAMES)
def test_the_ticked_shortcomings_hold_beside_a_year_of_many_activities_and_many_who_came(name: str) -> None:
    text = Composer().compose({**BASE, **AMPLE, "unit_name": name, "activities_n": 40, "activities_people": 9800,
                               "activity_types": ["basketball", "tugofwar", "show", "reading"],
                               "funds_spend": 4860000, "shortcomings": ["variety", "reach", "funds"]}).as_text()
    faults = text[text.index("一是"):].split("。")[0]
    assert not re.search("单一|不高|不够广|有限|不宽裕", faults), faults
