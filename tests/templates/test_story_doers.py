"""A chair's story is credited to whoever the chair said did it: the union, the unit on the union's suggestion or
with its help, or the unit alone. The union never takes credit for what the administration did."""

from __future__ import annotations

import re

import pytest

from dialogs.bank import load_bank
from templates.compose import Composer
from tests.support.ample import AMPLE

BANK = load_bank()
KINDERGARTEN = {"unit_name": "滨江市机关第二幼儿园", "unit_type": "kinder", "self_name": "kinder", "period": "year",
                "year": 2025, "train_done": ["courses"], "train_sessions": 3, "rights_done": ["none"],
                "welfare_done": ["none"], "activity_types": ["none"], "sign_date": "2026-01-08"}
RIGHTS = {"rights_done": ["proposals"], "proposals": 5}
# Several names, so the checks cover whichever wording the hash of each chooses.
UNIT_NAMES = ["滨江市机关第二幼儿园", "滨江市第三幼儿园", "江北区实验幼儿园", "城南幼儿园", "新港镇中心幼儿园",
              "滨江市直属机关幼儿园"]


# How the summary may credit the union's suggestion or help (the bank's wordings of story_doers).
SUGGESTED = "(经(我园)?工会(建议|提议)|在(我园)?工会的提议下|根据(我园)?工会的建议)"
HELPED = "((我园)?工会(协助|配合)园方|在(我园)?工会(协助|的配合)下，园方|园方在(我园)?工会协助下)"


def text(answers: dict) -> str:
    return "".join(b.text for b in Composer().compose(answers).blocks if b.kind == "p")


def rights_story(story: str, by: str, name: str) -> str:
    """The document of a kindergarten whose chair told one rights story, done by `by`."""
    return text({**KINDERGARTEN, **RIGHTS, "unit_name": name, "rights_highlight": story, "rights_highlight_by": by})


def test_what_the_unit_did_on_the_unions_suggestion_is_the_units_act_led_by_the_suggestion() -> None:
    told = text({**KINDERGARTEN, **RIGHTS, "rights_highlight": "为教师办公室配齐护眼台灯，9月已全部到位",
                 "rights_highlight_by": "suggested"})
    assert re.search(f"{SUGGESTED}，园方为教师办公室配齐护眼台灯", told), told
    assert "工会为教师办公室" not in told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_what_the_union_helped_the_unit_do_names_both(unit_name: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name,
                 "training_highlight": "暑期组织全体教职工参加急救培训，43人取得救护员证",
                 "training_highlight_by": "joint"})
    assert re.search(f"暑期，{HELPED}组织全体教职工参加急救培训", told), told
    assert "会同" not in told  # the union would lead what the unit led


def test_what_the_unit_did_alone_is_the_units_and_what_the_union_did_is_the_unions() -> None:
    story = "5月组织全体教职工参加急救培训，43人取得救护员证"
    unit = text({**KINDERGARTEN, "welfare_done": ["health"], "welfare_highlight": story,
                 "welfare_highlight_by": "unit"})
    assert "5月，我园组织全体教职工" in unit and "工会组织全体教职工" not in unit
    # Training stories were the unit's when the chair was not asked; the union's when the chair says so.
    union = text({**KINDERGARTEN, "training_highlight": story, "training_highlight_by": "union"})
    assert re.search("5月，(我园)?工会组织全体教职工", union), union
    unasked = text({**KINDERGARTEN, "training_highlight": story})
    assert "5月，我园组织全体教职工" in unasked


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_doer_is_never_worded_with_the_verb_the_story_itself_uses(unit_name: str) -> None:
    story = "为3名家有重病老人的教师协调调整了值班安排"
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["visits"], "visits": 3,
                 "welfare_highlight": story, "welfare_highlight_by": "suggested"})
    assert "园方为3名家有重病老人的教师协调调整了值班安排" in told
    assert told.count("协调") == 1, told


def test_a_story_with_its_own_doer_keeps_it_after_the_lead() -> None:
    story = "针对教职工反映的午餐排队问题，食堂自6月起错峰开餐"
    told = text({**KINDERGARTEN, **RIGHTS, "rights_highlight": story, "rights_highlight_by": "suggested"})
    assert re.search(f"针对教职工反映的午餐排队问题，{SUGGESTED}，食堂自6月起", told), told
    # The union helped: its help goes before the doer the story names, and no other doer.
    helped = text({**KINDERGARTEN, **RIGHTS, "rights_highlight": story, "rights_highlight_by": "joint"})
    assert re.search("针对教职工反映的午餐排队问题，在(我园)?工会(协助|的配合)下，食堂自6月起", helped), helped


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_a_doer_named_after_several_clauses_of_what_was_said_takes_the_credit_before_it(name: str) -> None:
    told = rights_story("老师们反映，班上保育员请假没人顶，园里9月开始，增加了一个机动保育员", "suggested", name)
    assert re.search(f"老师们反映，班上保育员请假没人顶，{SUGGESTED}，我园9月开始", told), told
    # What the union did first is its own act: nothing goes before the unit's part of it.
    told = rights_story("组织老师们座谈，收集意见9条，园里9月增加了一个机动保育员", "suggested", name)
    assert not re.search(f"{SUGGESTED}，(园里|我园)", told), told


def test_what_a_story_answered_comes_before_its_doer() -> None:
    story = "针对驻基地职工反映的午休难问题，协调在2个试验基地设立职工休息室"
    told = text({**KINDERGARTEN, **RIGHTS, "rights_highlight": story})
    assert re.search("针对驻基地职工反映的午休难问题，(我园)?工会协调在2个试验基地", told), told


def test_a_recurring_time_comes_before_the_doer() -> None:
    told = text({**KINDERGARTEN, "training_highlight": "9月起每周四下午开设心肺复苏实操课，全年参训310人次",
                 "training_highlight_by": "unit"})
    assert "9月起，我园每周四下午开设心肺复苏实操课" in told


@pytest.mark.parametrize(("story", "told"), [
    ("双十一前开展了分拣比武，40多人参加", f"双十一前，{HELPED}开展了分拣比武"),
    ("3月汛前组织全员岗位练兵", f"3月汛前，{HELPED}组织全员"),
    ("5·12前保健室牵头开展了急救技能比武", "5·12前，在(我园)?工会(协助|的配合)下，保健室牵头"),
    # Before an event the chair names, or on a named day, right before what was held.
    ("9月复审前举办急救技能比武，14个班各派2人", f"9月复审前，{HELPED}举办急救技能比武"),
    ("10月10日世界精神卫生日举办书画展，展出作品120幅", f"10月10日世界精神卫生日，{HELPED}举办书画展"),
    ("3月防火演练开始前搞了一次疏散比武", f"3月防火演练开始前，{HELPED}举办了一次疏散比武"),
    ("9月16号到18号举办应急处置比武，6个队参加", f"9月16日至18日，{HELPED}举办应急处置比武"),
])
@pytest.mark.parametrize("name", UNIT_NAMES)
def test_a_time_named_by_its_day_or_season_comes_before_the_credit_and_doer(story: str, told: str, name: str) -> None:
    said = text({**KINDERGARTEN, "unit_name": name, "train_done": ["contest"], "training_highlight": story,
                 "training_highlight_by": "joint"})
    assert re.search(told, said), said


@pytest.mark.parametrize("act", ["包了6辆大巴送老师回家", "买了奶茶送到各班", "订了晚饭送到加班的老师手里",
                                 "陪同老师去省里比赛"])
def test_what_the_chair_says_the_union_did_with_an_everyday_verb_names_the_union(act: str) -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3, "welfare_highlight": f"春节前{act}",
                 "welfare_highlight_by": "union"})
    assert re.search(f"春节前，(我园)?工会{act}", told), told


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_a_credit_goes_before_what_was_done_from_its_own_time_after_how_things_stood(name: str) -> None:
    story = "小班老师天天抱孩子上下楼，好多人腰肌劳损，3月起请康复科医生每月来园做一次理疗"
    told = rights_story(story, "suggested", name)
    assert re.search(f"许多人腰肌劳损，3月起，{SUGGESTED}，园方请康复科医生", told), told
    # Without a time of its own, what follows is the same subject's doing: no doer is put before it.
    told = rights_story("园长带队到各班看望值班老师，送去防暑药品和西瓜", "joint", name)
    assert "看望值班老师，送去防暑药品" in told, told


@pytest.mark.parametrize("story", ["“青禾读书会”每月最后一个周四活动，全年共读11本书",
                                   "全园老师去草莓园摘草莓，每人带回两斤",
                                   "老师和孩子一起表演手语舞，好几个家长看哭了"])
def test_what_the_union_organised_told_with_its_own_subject_is_led_by_the_union(story: str) -> None:
    told = text({**KINDERGARTEN, "activity_types": ["reading"], "activities_n": 3, "culture_highlight": story,
                 "culture_highlight_by": "union"})
    assert re.search(f"在(我园)?工会组织下，{story[:6]}", told), told


def test_what_staff_did_of_their_own_accord_is_not_said_to_be_organised() -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["donation"], "welfare_highlight": "同事们自发捐款3万元给生病的老师",
                 "welfare_highlight_by": "union"})
    assert "同事们自发捐款" in told and "组织下" not in told, told


@pytest.mark.parametrize("when, written", [("搬家那两个月", "搬家的两个月里"), ("开学那几天", "开学期间"),
                                           ("验收那段时间", "验收期间")])
def test_a_time_told_as_those_days_of_an_event_comes_before_the_doer(when: str, written: str) -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3,
                 "welfare_highlight": f"{when}组织老师轮流值守，每天送夜宵", "welfare_highlight_by": "union"})
    assert re.search(f"{written}，(我园)?工会组织老师轮流值守", told), told


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_a_credit_follows_all_that_was_said_and_goes_before_what_was_done_from_its_own_time(name: str) -> None:
    told = rights_story("保育员提出午休时间算得少，跟老师不一样，4月教代会上通过了新的作息安排", "suggested", name)
    assert re.search(f"跟老师不一样，{SUGGESTED}，4月教代会上通过了", told), told


def test_a_story_whose_own_doers_after_its_time_include_the_union_takes_no_credit_before_them() -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3, "welfare_highlight_by": "joint",
                 "welfare_highlight": "外出跟岗的老师有6个，中秋节工会和园长跑了两个地方去看她们"})
    assert "工会和园长跑了两个地方" in told, told
    assert not re.search("在(我园)?工会(协助|的配合)下|工会(协助|配合)园方", told), told


def test_a_story_that_names_the_unions_suggestion_taken_up_takes_no_credit_before_it() -> None:
    told = rights_story("同志们反映分园午饭没着落，园里采纳工会建议，10月办了小食堂", "suggested", UNIT_NAMES[0])
    assert "我园采纳工会建议" in told and not re.search(SUGGESTED, told), told


def test_a_party_body_named_after_what_was_said_takes_the_credit_before_it() -> None:
    told = rights_story("食堂以前中午就一个菜，教代会上好几个人提了，党支部研究后4月起改成两荤两素", "suggested",
                        UNIT_NAMES[0])
    assert re.search(f"多个人提了，{SUGGESTED}，党支部研究后", told), told


def test_a_longer_time_word_wins_over_the_shorter_one_it_begins_with() -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3,
                 "welfare_highlight": "除夕夜工会班子分成6组给值班老师送饺子", "welfare_highlight_by": "union"})
    assert "除夕夜，工会班子分成6组" in told and "夜工会" not in told, told


def test_a_span_naming_two_months_inside_it_stays_one_time() -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3,
                 "welfare_highlight": "2月流感高峰和5月诺如疫情期间，给值班老师送夜宵",
                 "welfare_highlight_by": "union"})
    assert re.search("2月流感高峰和5月诺如疫情期间，(我园)?工会给值班老师送夜宵", told), told


def test_a_time_of_day_and_clock_after_how_often_come_after_the_doer() -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3,
                 "welfare_highlight": "12月起每天半夜12点给值夜班的保安送姜汤", "welfare_highlight_by": "union"})
    assert re.search("12月起，(我园)?工会每天半夜12点给值夜班的保安送姜汤", told), told


def test_a_story_numbering_its_points_by_hand_tells_them_as_its_clauses_after_its_doer() -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["visits"], "visits_n": 3,
                 "welfare_highlight": "暑假省赛集训期间，1.给带队的老师送午餐 2.比赛那几天派人去省里陪同",
                 "welfare_highlight_by": "union"})
    assert re.search("暑假省赛集训期间，(我园)?工会给带队的老师送午餐，比赛期间派人去省里陪同", told), told


@pytest.mark.parametrize("split", ["分两批", "分3批", "分组"])
def test_how_a_story_was_split_comes_before_the_doer(split: str) -> None:
    told = text({**KINDERGARTEN, "welfare_done": ["rest"],
                 "welfare_highlight": f"9月{split}安排一线教师到岚山疗休养，每批4天",
                 "welfare_highlight_by": "union"})
    assert re.search(f"9月，(我园)?工会{split}安排一线教师", told), told


def test_the_chair_is_asked_who_did_it_after_each_story_in_their_units_words() -> None:
    kinder = BANK.for_unit("kinder")
    for question in kinder.questions:
        if question.id.endswith("_highlight") or question.id.endswith("_highlight_2"):
            asked = kinder.by_id[question.id + "_by"]
            assert asked.when.question == question.id and asked.when.operator == "answered"
            assert BANK.index(asked.id) == BANK.index(question.id) + 1
    labels = [o.label.format_map({"management": "园方"}) for o in kinder.by_id["rights_highlight_by"].options]
    assert "园方组织，工会协助的" in labels and "工会组织的" in labels
    assert not kinder.by_id["rights_highlight_by"].is_shown({**KINDERGARTEN})


def test_a_single_rights_story_nothing_above_tells_is_no_paragraph_of_its_own_and_comes_before_the_funds() -> None:
    story = "为教师办公室配齐护眼台灯，9月已全部到位"
    answers = {**KINDERGARTEN, "rights_done": ["proposals", "safety", "funds"], "proposals": 5, "safety_checks": 10,
               "funds_spend": 68000, "rights_highlight": story}
    found = [b.text for b in Composer().compose(answers).blocks if b.kind == "p"]
    told = next(p for p in found if "护眼台灯" in p)
    assert told.count("。") > 1 and "".join(found).index("护眼台灯") < "".join(found).index("6.8万元"), found


def test_what_the_unit_did_alone_closes_the_part_after_the_unions_own_work() -> None:
    found = [b.text for b in Composer().compose({
        **KINDERGARTEN, "train_done": ["courses", "ethics"], "train_topics": ["ethics", "safety"],
        "ethics_work": "组织教师逐人签订师德承诺书",
        "training_highlight": "暑期组织全体教职工参加急救培训，43人取得救护员证",
        "training_highlight_by": "unit"}).blocks if b.kind == "p"]
    told = next(p for p in found if "急救培训" in p)
    assert told.endswith("暑期，我园组织全体教职工参加急救培训，43人取得救护员证。"), told
    assert told.index("师德承诺书") < told.index("急救培训")


def test_the_unions_suggestion_the_unit_acted_on_is_told_with_the_proposals() -> None:
    found = [b.text for b in Composer().compose({
        **KINDERGARTEN, **AMPLE, "rights_done": ["proposals", "safety", "funds"], "proposals": 9, "safety_checks": 10,
        "funds_spend": 68000, "rights_highlight": "为教师办公室配齐护眼台灯，9月已全部到位",
        "rights_highlight_by": "suggested"}).blocks if b.kind == "p"]
    told = next(p for p in found if "护眼台灯" in p)
    assert "9件" in told and "6.8万元" not in told and "10次" not in told, found


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_unions_push_follows_what_the_unit_adopted(unit_name: str) -> None:
    told = text({**KINDERGARTEN, **RIGHTS, "unit_name": unit_name,
                 "rights_highlight": "采纳教代会提案，为每个年级组办公室添置了护眼灯",
                 "rights_highlight_by": "suggested"})
    # The union pushed through what the unit adopted; it did not propose it after the adoption.
    pushed = "(在(我园)?工会推动下|经(我园)?工会推动)"
    assert re.search(f"园方采纳教代会提案，{pushed}，为每个年级组办公室添置了护眼灯", told), told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_unions_own_story_of_a_listed_activity_is_a_sentence_naming_the_union(unit_name: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name, "activity_types": ["rope", "choir"], "activities_n": 4,
                 "culture_highlight": "3月至11月举办跳绳比赛，12支队伍参加", "culture_highlight_by": "union"})
    assert re.search("3月至11月，(我园)?工会举办跳绳比赛，12支队伍参加。", told), told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_two_stories_the_union_helped_with_are_not_credited_in_the_same_words(unit_name: str) -> None:
    found = [b.text for b in Composer().compose({
        **KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["visits"], "visits_n": 3,
        "activity_types": ["rope", "choir"], "activities_n": 4,
        "welfare_highlight": "暑期开办教职工子女托管班，接收孩子26名", "welfare_highlight_by": "joint",
        "culture_highlight": "5月举办教职工运动会，44人参加", "culture_highlight_by": "joint"}).blocks if b.kind == "p"]
    told = "".join(found).replace("我园工会", "工会")

    def wording(event: str) -> str:
        sentence = next(s for s in told.split("。") if event in s)
        return next(w for w in ("园方在工会协助下", "在工会的配合下", "在工会协助下", "工会协助园方", "工会配合园方")
                    if w in sentence)

    assert wording("托管班") != wording("运动会"), told



def test_the_funds_alone_close_the_first_rights_paragraph_rather_than_standing_alone() -> None:
    found = [b.text for b in Composer().compose({**KINDERGARTEN, **RIGHTS, "rights_done": ["proposals", "funds"],
                                                  "funds_spend": 68000}).blocks if b.kind == "p"]
    told = next(p for p in found if "6.8万元" in p)
    assert "5件" in told, found


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
@pytest.mark.parametrize("story", ["11月举办青年教师教学比武，14名教师参赛", "5月开展优质课评比，9名教师执教",
                                   "6月组织保育技能比赛，12名保育员参赛"])
def test_the_contests_before_their_story_are_not_told_with_the_verb_the_story_opens_with(unit_name: str,
                                                                                         story: str) -> None:
    verb = re.search("举办|开展|组织", story).group(0)
    for contests in ({"contests": ["teaching", "lesson"]}, {"contests": ["teaching", "lesson"], "contests_n": 3}, {}):
        told = text({**KINDERGARTEN, "unit_name": unit_name, "train_done": ["contest"], **contests,
                     "training_highlight": story, "training_highlight_by": "union"})
        before, _, _ = told.partition(story[:story.index(verb)] + "，")
        last = before.rstrip("。").split("。")[-1]
        assert ("比" in last or "评" in last) and verb not in last, (last, told)


def test_the_safety_checks_are_not_totalled_when_the_chair_gave_no_count() -> None:
    for unit_name in UNIT_NAMES + [f"滨江市第{n}幼儿园" for n in range(10, 20)]:
        told = text({**KINDERGARTEN, "unit_name": unit_name, "rights_done": ["safety"], "safety": ["check", "drill"]})
        assert "检查" in told and "共派员" not in told and "共参" not in told, told


@pytest.mark.parametrize("unit_name", UNIT_NAMES + [f"滨江市第{n}幼儿园" for n in range(16)])
def test_two_stories_the_union_suggested_are_not_credited_with_the_same_opening_word_or_verb(unit_name: str) -> None:
    told = text({**KINDERGARTEN, **RIGHTS, "unit_name": unit_name,
                 "rights_highlight": "为教师办公室配齐护眼台灯，9月已全部到位", "rights_highlight_by": "suggested",
                 "rights_highlight_2": "为保育员更换防滑工作鞋，10月发放到位", "rights_highlight_2_by": "suggested"})
    lamps = re.search(r"[^。]*护眼台灯", told).group(0)
    shoes = re.search(r"[^。]*防滑工作鞋", told).group(0)
    credit = re.compile("经(我园)?工会|在(我园)?工会的提议下|根据(我园)?工会的建议")
    assert credit.search(lamps) and credit.search(shoes), told
    assert credit.search(lamps).group(0)[0] != credit.search(shoes).group(0)[0], told
    verbs = [next(v for v in ("建议", "提议", "推动") if v in sentence) for sentence in (lamps, shoes)]
    assert verbs[0] != verbs[1], (lamps, shoes)


@pytest.mark.parametrize("unit_name", UNIT_NAMES + [f"滨江市第{n}幼儿园" for n in range(12)])
def test_a_story_that_names_the_union_among_its_doers_is_not_led_by_the_union_helping(unit_name: str) -> None:
    story = "春节前园领导和工会干部分3组走访困难教职工家庭，送去慰问金"
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": story, "welfare_highlight_by": "joint"})
    assert "春节前，园领导和工会干部分3组走访困难教职工家庭，送去慰问金" in told, told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_a_story_that_names_the_union_as_its_object_still_takes_its_doer(unit_name: str) -> None:
    unit = text({**KINDERGARTEN, "unit_name": unit_name, "training_highlight": "5月组织工会小组长到兄弟园所交流学习",
                 "training_highlight_by": "unit"})
    assert "5月，我园组织工会小组长到兄弟园所交流学习" in unit, unit
    helped = text({**KINDERGARTEN, **RIGHTS, "unit_name": unit_name,
                   "rights_highlight": "采纳工会关于午休轮岗的建议，3月起每位教师每周保证两次午休",
                   "rights_highlight_by": "suggested"})
    assert "我园采纳工会关于午休轮岗的建议，3月起" in helped, helped  # the union's part told by the story itself


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_a_story_where_the_union_follows_a_verb_the_bank_does_not_list_still_takes_its_doer(unit_name: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "春节前协助工会为留园过年的教职工准备年夜饭", "welfare_highlight_by": "unit"})
    assert "春节前，我园协助工会为留园过年的教职工准备年夜饭" in told, told


@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_a_story_with_the_union_as_the_units_partner_is_the_units_whatever_the_answer(unit_name: str,
                                                                                     by: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "春节前协助工会为留园过年的教职工准备年夜饭", "welfare_highlight_by": by})
    assert "春节前，我园协助工会为留园过年的教职工准备年夜饭" in told, told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_a_story_that_says_the_union_led_it_is_told_as_written(unit_name: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "春节前由工会牵头走访困难教职工家庭", "welfare_highlight_by": "joint"})
    assert "春节前，由工会牵头走访困难教职工家庭" in told, told


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_of_the_unit_acting_on_the_unions_word_credits_the_union_once(unit_name: str, by: str) -> None:
    told = rights_story("采纳工会关于午休轮岗的建议，9月起调整保育员班次", by, unit_name)
    assert "我园采纳工会关于午休轮岗的建议，9月起调整保育员班次" in told, told
    sentence = next(s for s in told.split("。") if "午休轮岗" in s)
    assert sentence.count("工会") == 1, sentence  # not 在工会推动下 too, nor 工会协助园方采纳工会…


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
@pytest.mark.parametrize("by", ["union", "joint"])
def test_a_story_that_opens_on_leading_people_takes_a_doer(unit_name: str, by: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "春节前带领青年教师和工会干部走访困难教职工家庭", "welfare_highlight_by": by})
    sentence = next(s for s in told.split("。") if "青年教师" in s)
    assert not sentence.startswith(("春节前，带领", "带领")), sentence  # someone leads them


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_that_opens_on_the_unions_credit_is_credited_once_and_keeps_its_own_doer(unit_name: str,
                                                                                         by: str) -> None:
    for story, told in (("根据工会的建议，园方为保育员增设休息室", "根据工会的建议，园方为保育员增设休息室"),
                        ("经工会协调，9月起为保育员调整班次", "经工会协调，我园9月起为保育员调整班次"),
                        ("在工会推动下，为每个班级配备空气净化器", "在工会推动下，我园为每个班级配备空气净化器")):
        text_told = rights_story(story, by, unit_name)
        sentence = next(s for s in text_told.split("。") if story[-6:] in s)
        assert sentence.endswith(told) and sentence.count("工会") == 1, sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
def test_a_story_that_invites_the_unions_cadres_or_gives_to_its_activists_takes_a_doer(unit_name: str) -> None:
    for story in ("邀请工会干部为新教师讲解劳动法", "给困难教职工和工会积极分子发放慰问品"):
        told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                     "welfare_highlight": story, "welfare_highlight_by": "union"})
        sentence = next(s for s in told.split("。") if story[-5:] in s)
        assert not sentence.startswith(story[:2]) and "工会邀请工会" not in sentence, sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
def test_another_union_or_the_unions_members_in_a_story_leave_the_union_its_doer(unit_name: str) -> None:
    for story, told in (("在区总工会支持下，举办教职工羽毛球赛", "在区总工会支持下，我园工会举办教职工羽毛球赛"),
                        ("邀请工会会员及家属参加亲子运动会", "我园工会邀请会员及家属参加亲子运动会"),
                        ("带领工会会员参观红色教育基地", "我园工会带领会员参观红色教育基地")):
        text_told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"],
                          "hardship_households": 3, "welfare_highlight": story, "welfare_highlight_by": "union"})
        sentence = next(s for s in text_told.split("。") if story[-6:] in s)
        assert sentence.replace("我园工会", "工会").endswith(told.replace("我园工会", "工会")), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_naming_its_own_doer_after_what_it_acted_on_gets_no_second_one(unit_name: str, by: str) -> None:
    for story in ("根据教代会提案，园方为保育员增设休息室", "根据问卷调查结果，工会为青年教师开设读书角"):
        text_told = rights_story(story, by, unit_name)
        sentence = next(s for s in text_told.split("。") if story[-6:] in s)
        doer = story.partition("，")[2][:2]
        assert sentence.startswith("根据") and sentence.count(doer) == 1, sentence
        assert not (doer == "工会" and "工会" in sentence.partition(doer)[0]), sentence  # not helping itself


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
def test_another_unions_call_is_the_setting_of_the_story_not_the_units_act(unit_name: str) -> None:
    told = text({**KINDERGARTEN, **RIGHTS, "unit_name": unit_name,
                 "rights_highlight": "根据区教育工会要求，开展园所安全检查", "rights_highlight_by": "union"})
    sentence = next(s for s in told.split("。") if "安全检查" in s)
    assert re.search("根据区教育工会要求，(我园)?工会开展园所安全检查$", sentence), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
def test_the_union_helping_with_what_the_unit_acted_on_leads_the_rest_of_the_story(unit_name: str) -> None:
    told = text({**KINDERGARTEN, **RIGHTS, "unit_name": unit_name,
                 "rights_highlight": "根据教代会提案，7月起增设午休室", "rights_highlight_by": "joint"})
    sentence = next(s for s in told.split("。") if "午休室" in s)
    assert "根据教代会提案，" in sentence and not re.search("工会(协助|配合)园方根据", sentence), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_the_chairs_own_union_under_its_usual_names_is_credited_once(unit_name: str, by: str) -> None:
    for story in ("在园工会推动下，为每个班级配备空气净化器", "经过工会协调，9月起为保育员调整班次",
                  "通过我园工会协调，食堂延长供餐时间"):
        told = rights_story(story, by, unit_name)
        sentence = next(s for s in told.split("。") if story[-5:] in s)
        assert sentence.count("工会") == 1 and sentence.startswith(story[:2]), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES[:4])
@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_that_opens_on_a_setting_or_names_its_own_doer_gets_no_second_opening_like_it(unit_name: str,
                                                                                               by: str) -> None:
    for story in ("在区总工会支持下，举办教职工羽毛球赛", "经工会委员会研究，为困难教职工发放补助",
                  "一名保育员罹患重病，工会发起爱心募捐", "为解决午休难，工会协调园方调整班次",
                  "与工会会员代表座谈，听取意见"):
        told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                     "welfare_highlight": story, "welfare_highlight_by": by})
        sentence = next(s for s in told.split("。") if story[-4:] in s)
        assert not re.search("下，在[^，]*下，|^(春节前，)?经[^，]*，经|工会为解决", sentence), sentence
        if story.partition("，")[2].startswith("工会"):
            assert sentence.endswith(story), sentence  # the union is its doer: no credit, no other doer
        if story.startswith("与"):
            assert not sentence.startswith("与"), sentence  # someone meets the members' representatives


@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_is_told_as_written_when_it_gives_the_union_its_part_or_its_doer_itself(by: str) -> None:
    for story in ("根据教代会提案，在工会推动下，园方为保育员增设休息室", "一名保育员罹患重病，园工会发起爱心募捐",
                  "经工会争取，区总工会拨付专项经费5万元", "通过工会微信公众号推送育儿知识52期，累计阅读1.2万人次",
                  "同年9月，工会举办读书会"):
        told = rights_story(story, by, UNIT_NAMES[1])
        assert story in told, told


@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_the_unions_full_names_and_committee_are_its_credit_and_a_setting_after_a_time_is_seen(by: str) -> None:
    for story, told_as in (("经幼儿园工会协调，为夜班保育员增配夜餐", "经幼儿园工会协调，我园为夜班保育员增配夜餐"),
                           ("在工会委员会推动下，为每个班级配备空气净化器",
                            "在工会委员会推动下，我园为每个班级配备空气净化器")):
        told = rights_story(story, by, UNIT_NAMES[1])
        assert told_as in told, told
    for story in ("3月在区总工会支持下举办教职工羽毛球赛", "经园务会研究，为困难教职工发放补助"):
        told = rights_story(story, by, UNIT_NAMES[1])
        sentence = next(s for s in told.split("。") if story[-5:] in s)
        assert not re.search("下，?在[^，]*下|经[^，]*，[^，]*经", sentence), sentence  # one such opening
        assert re.search("(工会|园方|我园)[^，]{0,16}(举办|为)", sentence), sentence  # a doer


@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_an_opening_that_is_an_act_is_no_setting_and_a_named_body_is_the_doer(by: str) -> None:
    for story in ("经常性开展谈心谈话，惠及教职工120人", "通过教工书屋开展读书分享会6场，200余人参加",
                  "根据教代会提案，物业公司为教职工车辆加装充电桩"):
        told = rights_story(story, by, UNIT_NAMES[1])
        sentence = next(s for s in told.split("。") if story[-5:] in s)
        first, _, last = story.partition("，")
        assert f"，{last}" in sentence, sentence
        if "物业公司" in last:
            assert not re.search(f"(我园|园方){first}", sentence), sentence  # the body is the doer
        else:
            assert not re.search(f"{first}，[^，]*工会[^，]*，{last}", sentence), sentence  # no credit before a count


@pytest.mark.parametrize("by", ["suggested", "joint"])
def test_the_unit_acts_after_the_unions_credit_and_no_credit_echoes_the_stories_opening(by: str) -> None:
    for name in UNIT_NAMES:
        told = rights_story("经工会协调，9月起调整保育员班次", by, name)
        assert "经工会协调，我园9月起调整保育员班次" in told, told
        told = rights_story("按照上级要求，为保育员配发防护用品", by, name)
        sentence = next(s for s in told.split("。") if "防护用品" in s)
        assert "根据" not in sentence and sentence.count("按照") == 1, sentence


@pytest.mark.parametrize("by", ["union", "unit"])
def test_a_place_or_an_act_with_its_object_is_no_body_and_a_decision_passed_is_a_setting(by: str) -> None:
    doer = "工会" if by == "union" else "我园"
    for story, told_as in (("3月在教工食堂为夜班保育员提供夜宵", f"3月，{doer}在教工食堂为夜班保育员提供夜宵"),
                           ("3月组织各年级组为新教师开展岗前培训", f"3月，{doer}组织各年级组为新教师开展岗前培训"),
                           ("经教代会审议通过，为全体教职工办理意外伤害保险",
                            f"经教代会审议通过，{doer}为全体教职工办理意外伤害保险")):
        told = rights_story(story, by, UNIT_NAMES[1])
        assert re.search(told_as.replace("工会", "(我园)?工会"), told), told


def test_under_the_unions_own_plan_the_union_is_not_credited_again() -> None:
    for name in UNIT_NAMES:
        told = text({**KINDERGARTEN, **RIGHTS, "unit_name": name,
                     "rights_highlight": "按照工会年度工作计划，举办读书会", "rights_highlight_by": "suggested"})
        sentence = next(s for s in told.split("。") if "读书会" in s)
        assert sentence.count("工会") == 1, sentence
        told = text({**KINDERGARTEN, **RIGHTS, "unit_name": name, "rights_highlight": "经工会协调，9月起办理通勤补贴",
                     "rights_highlight_by": "suggested"})
        assert "经工会协调，我园9月起办理通勤补贴" in told, told


@pytest.mark.parametrize("by", ["union", "unit"])
def test_a_body_named_from_an_act_is_a_body_and_passing_a_rule_or_talking_with_the_unit_gets_no_wrong_doer(
        by: str) -> None:
    for story in ("3月组织部为新教师开展岗前培训", "根据教代会提案，向阳社区为教职工子女开设托管班",
                  "通过《教职工福利管理办法》", "经常与园方沟通，为教职工解决实际困难"):
        told = rights_story(story, by, UNIT_NAMES[1])
        sentence = next(s for s in told.split("。") if story[-5:] in s)
        assert not re.search("(工会|我园)(组织部|向阳|通过《|经常与园方|根据教代会)", sentence), sentence


def test_a_story_done_with_another_party_or_opening_on_linking_up_takes_the_unions_doer() -> None:
    for story in ("与区教育工会联合举办教职工羽毛球赛", "联系社区医院为教职工开展义诊", "组建教职工志愿服务队"):
        told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"], "hardship_households": 3,
                     "welfare_highlight": story, "welfare_highlight_by": "union"})
        assert re.search(f"(我园)?工会{story}", told), told
    told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "同年9月，教职工自发捐款3万元", "welfare_highlight_by": "union"})
    assert "工会同年" not in told, told


@pytest.mark.parametrize("by", ["union", "joint"])
def test_a_story_inviting_an_expert_takes_a_doer_and_the_union_is_named_once_before_its_members(by: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "请专家为教职工讲授颈椎保健知识", "welfare_highlight_by": by})
    assert re.search("(工会|园方)请专家为教职工讲授", told), told
    for story, members in (("与工会会员代表座谈，听取意见", "与会员代表座谈"),
                           ("请工会小组长收集意见", "请小组长收集意见")):
        told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"],
                     "hardship_households": 3, "welfare_highlight": story, "welfare_highlight_by": by})
        sentence = next(s for s in told.split("。") if story[-4:] in s)
        assert not re.search("工会[^，]*工会", sentence), sentence
        assert members in sentence or by != "union", sentence


@pytest.mark.parametrize("by", ["suggested", "joint"])
def test_a_story_crediting_the_union_inside_its_clause_gets_no_second_credit(by: str) -> None:
    story = "按照工会部署，园方在工会协助下为一线教职工配发防暑用品"
    told = rights_story(story, by, UNIT_NAMES[1])
    sentence = next(s for s in told.split("。") if "防暑用品" in s)
    assert sentence.count("工会") == 2, sentence


@pytest.mark.parametrize("by", ["union", "unit"])
def test_a_festival_with_its_date_a_season_or_a_holiday_opens_a_story_before_its_doer(by: str) -> None:
    for story, opening, act in (("5·12护士节给每位教职工送了一束花", "5·12护士节，", "给每位"),
                                ("夏天给厨房送清凉", "夏天，", "给厨房"),
                                ("寒假请专家来园讲了保育知识", "寒假期间，", "请专家")):
        told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"],
                     "hardship_households": 3, "welfare_highlight": story, "welfare_highlight_by": by})
        assert re.search(f"{opening}(我园工会|工会|我园){act}", told), told


@pytest.mark.parametrize("by", ["suggested", "joint"])
def test_what_someone_said_opens_a_story_and_the_unions_credit_follows_it(by: str) -> None:
    story = "老师们反映教室空调噪音大，4月园方请人全部清洗检修了一遍"
    told = rights_story(story, by, UNIT_NAMES[1])
    assert re.search("老师们反映教室空调噪音大，4月，[^，]*工会[^，]*，园方请人", told), told
    story = "绩效方案征求意见时，教职工反映值班补助偏低，经教职工大会讨论后每班提高了40元"
    told = rights_story(story, "suggested", UNIT_NAMES[1])
    sentence = next(s for s in told.split("。") if "40元" in s)
    assert sentence.startswith("绩效方案征求意见时，教职工反映值班补助偏低，") and sentence.count("经") == 1, sentence


@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_of_the_union_helping_the_unit_is_the_unions(by: str) -> None:
    told = rights_story("配合园方发放乡村教师生活补助", by, UNIT_NAMES[1])
    assert re.search("(我园)?工会配合园方发放", told) and "在工会协助下，配合" not in told, told


@pytest.mark.parametrize("by", ["suggested", "joint", "unit"])
def test_a_story_opening_on_what_the_unit_does_names_the_unit_before_it(by: str) -> None:
    for story, act in (("针对教代会上代表反映的误餐问题，出台误餐补助办法", "出台误餐补助办法"),
                       ("7月起增开班车", "增开班车")):
        told = rights_story(story, by, UNIT_NAMES[1])
        assert re.search(f"(我园|园方|幼儿园)[^，]*{act}", told), told


@pytest.mark.parametrize("by", ["suggested", "joint"])
def test_the_unit_said_as_a_chair_says_it_is_the_doer_and_what_staff_said_comes_before_the_credit(by: str) -> None:
    for story, doer in (("六一前夕，园里组织老师排练舞蹈", "我园组织"),
                        ("教职工大会上大家说值班室太冷，园里10月给值班室装了空调", "我园10月")):
        told = rights_story(story, by, UNIT_NAMES[1])
        assert re.search(f"，[^，]*工会[^，]*，{doer}", told), told
        assert not re.search(f"工会[^，]*，{story[:4]}", told), told


@pytest.mark.parametrize("by", ["union", "joint"])
def test_two_times_written_as_one_stay_one_and_a_story_that_goes_somewhere_takes_a_doer(by: str) -> None:
    for story, told_as in (("9月开学前给教职工子女寄去文具", "9月开学前，"),
                           ("7月高温期间到各班送清凉", "7月高温期间，"), ("10月去森林公园开展露营活动", "10月，")):
        told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"],
                     "hardship_households": 3, "welfare_highlight": story, "welfare_highlight_by": by})
        assert re.search(f"{told_as}(我园)?(工会|在工会协助下，园方)", told), told


def test_no_credit_echoes_a_word_any_clause_of_the_story_opens_with() -> None:
    story = "根据教代会代表提案，经园务会研究，为每个班级添置空气净化器"
    for name in UNIT_NAMES:
        told = rights_story(story, "suggested", name)
        sentence = next(s for s in told.split("。") if "空气净化器" in s)
        assert sentence.count("经") == 1 and "根据工会" not in sentence, sentence


@pytest.mark.parametrize("by", ["union", "unit"])
def test_why_a_story_was_needed_opens_it_before_its_doer(by: str) -> None:
    story = "期末加班多，给加班的老师送晚餐和水果"
    told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": story, "welfare_highlight_by": by})
    assert re.search("期末加班多，(我园)?(工会|园方|我园)给加班的老师", told), told


@pytest.mark.parametrize("by", ["union", "unit"])
def test_a_named_day_after_a_date_or_that_day_of_a_festival_opens_a_story_before_its_doer(by: str) -> None:
    for story, opening, act in (("4月23日读书日举办教师读书分享会", "4月23日读书日，", "举办"),
                                ("教师节那天组织大家聚餐", "教师节那天，", "组织"),
                                ("12月底办教职工迎新年晚会", "12月底，", "办"),
                                ("5月20日组织节能宣传", "5月20日，", "组织")):
        told = text({**KINDERGARTEN, "unit_name": UNIT_NAMES[1], "welfare_done": ["hardship"],
                     "hardship_households": 3, "welfare_highlight": story, "welfare_highlight_by": by})
        assert re.search(f"{opening}(我园工会|工会|我园){act}", told), told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_unions_suggestion_is_never_told_as_more_than_a_suggestion(unit_name: str) -> None:
    for story in ("为保育员更换防滑工作鞋，10月发放到位", "9月起为保育员调整班次", "暑期为保育员组织岗位培训"):
        told = rights_story(story, "suggested", unit_name)
        assert re.search(SUGGESTED, told) and not re.search("工会(协调|推动)", told), told


@pytest.mark.parametrize("by", ["union", "suggested", "joint", "unit"])
def test_a_story_opening_on_where_it_was_done_takes_a_doer_and_a_stage_or_a_days_name_opens_it(by: str) -> None:
    for story, opening in (("6月在三楼会议室旁隔出一间午休室", "6月，"),
                           ("开学准备阶段组织教职工大扫除", "开学准备阶段，"),
                           ("1到3月开展保育技能劳动竞赛", "1到3月，"),
                           ("6月毕业典礼当天给老师们送了鲜花", "6月毕业典礼当天，")):
        told = rights_story(story, by, UNIT_NAMES[1])
        sentence = next(s for s in told.split("。") if story[-4:] in s)
        assert sentence.startswith(opening) and re.search("(工会|园方|我园)", sentence[len(opening):]), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_unions_help_is_kept_before_a_story_with_its_own_subject(unit_name: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": unit_name, "activity_types": ["family"], "activities_n": 2,
                 "culture_highlight": "六一，老师和孩子一起走T台，衣服都是用旧报纸做的",
                 "culture_highlight_by": "joint"})
    assert re.search("六一，在(我园)?工会(协助|的配合)下，老师和孩子一起走T台", told), told
    told = text({**KINDERGARTEN, "unit_name": unit_name, "welfare_done": ["hardship"], "hardship_households": 3,
                 "welfare_highlight": "国庆前参加区教育系统合唱比赛，39人上台", "welfare_highlight_by": "union"})
    assert re.search("国庆前，(我园)?工会组织参加区教育系统合唱比赛", told), told


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_suggestion_is_credited_before_what_was_done_not_before_what_went_wrong(unit_name: str) -> None:
    story = "午睡室冬天太冷，孩子和老师都睡不踏实，老师们连着提了两年，11月园里给午睡室装了空调"
    sentence = next(s for s in rights_story(story, "suggested", unit_name).split("。") if "空调" in s)
    assert re.search(f"提了两年，{SUGGESTED}，11月园里给午睡室装了空调", sentence), sentence
    assert sentence.startswith("午睡室冬天太冷"), sentence


@pytest.mark.parametrize("by", ["suggested", "joint"])
def test_a_story_telling_the_unions_part_itself_takes_no_credit_before_it(by: str) -> None:
    story = "夏天最热那阵，每天给保育员送绿豆汤，午休延长半小时，这个是工会跟园长提的，园里同意了"
    sentence = next(s for s in rights_story(story, by, UNIT_NAMES[2]).split("。") if "绿豆汤" in s)
    assert not re.search(SUGGESTED, sentence) and not re.search(HELPED, sentence), sentence
    assert sentence.startswith("夏天最热那阵，"), sentence


@pytest.mark.parametrize("by", ["union", "joint"])
def test_a_story_of_what_was_done_with_an_office_and_no_subject_takes_its_doer_before_it(by: str) -> None:
    story = "暑假里和保健室开了两期急救培训，全园老师都考了证"
    sentence = next(s for s in rights_story(story, by, UNIT_NAMES[3]).split("。") if "急救" in s)
    assert sentence.startswith("暑假期间，"), sentence
    assert re.search("(工会|园方)(配合园方)?和保健室开了两期", sentence), sentence


@pytest.mark.parametrize("by", ["union", "joint"])
def test_what_an_event_was_for_run_into_its_verb_opens_the_story_before_its_doer(by: str) -> None:
    story = "12月纪念“一二·九”办了教职工合唱比赛，每个年级组出一个合唱团"
    sentence = next(s for s in rights_story(story, by, UNIT_NAMES[4]).split("。") if "合唱" in s)
    doer = "(工会|园方)(在(我园)?工会协助下)?"
    assert re.search(f"^12月，为纪念“一二·九”，.*{doer}办了教职工合唱比赛", sentence), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_a_story_where_the_union_found_out_and_the_unit_put_right_credits_the_suggestion_before_the_unit(
        unit_name: str) -> None:
    story = "3月一位保育员反映被少发了加班费，工会一查是考勤算错了，园里当月就补发了"
    sentence = next(s for s in rights_story(story, "suggested", unit_name).split("。") if "补发" in s)
    assert re.search(f"工会一查是考勤算错了，{SUGGESTED}，我园当月就补发了", sentence), sentence


@pytest.mark.parametrize("unit_name", UNIT_NAMES)
def test_the_chairs_we_takes_the_doer_the_chair_named_and_how_things_stood_comes_first(unit_name: str) -> None:
    story = "暑假新来了12个老师，大部分是应届生，我们搞了两周入职培训，开学后一个都没走"
    joint = next(s for s in rights_story(story, "joint", unit_name).split("。") if "入职培训" in s)
    assert re.search(f"大部分是应届生，{HELPED}(开展|举办)了两周入职培训", joint), joint
    assert "我们" not in joint and not re.search("(^|，)(我园)?工会(开展|举办)了两周", joint), joint
    union = next(s for s in rights_story(story, "union", unit_name).split("。") if "入职培训" in s)
    assert re.search("大部分是应届生，(我园)?工会(开展|举办)了两周入职培训", union), union


@pytest.mark.parametrize("by", ["union", "joint"])
def test_a_clause_doing_something_with_a_bare_verb_keeps_its_subject_for_what_follows(by: str) -> None:
    story = "5月青年教师读书会办了一期分享会，请两位老教师讲怎么带班，40多人到场"
    sentence = next(s for s in rights_story(story, by, UNIT_NAMES[0]).split("。") if "分享会" in s)
    assert "分享会，请两位老教师" in sentence, sentence


def test_after_how_things_stood_a_bare_go_or_ask_is_not_given_a_doer_of_its_own() -> None:
    story = "女工委带保育员学茶艺，请园医讲了颈椎保养，30多人参加"
    sentence = next(s for s in rights_story(story, "union", UNIT_NAMES[0]).split("。") if "茶艺" in s)
    assert "学茶艺，请园医" in sentence, sentence


@pytest.mark.parametrize("name", UNIT_NAMES)
@pytest.mark.parametrize("story", [
    "老师们反映午休没地方躺，工会提了建议，园里把多功能室隔出一间休息室",
    "保育员反映洗消间太热，有的人中暑了。工会把各班洗消间挨个看了一遍，列了清单报给园长，7月装上了空调"])
def test_a_suggestion_the_story_tells_in_the_unions_own_sentence_is_not_credited_again(name: str, story: str) -> None:
    told = rights_story(story, "suggested", name)
    assert not re.search(SUGGESTED, told), told
    opening = story.split("，")[0]
    assert re.search(f"{opening}，(?!在)", told), told  # no credit put in after the first clause


@pytest.mark.parametrize("name", UNIT_NAMES)
@pytest.mark.parametrize("by, doer", [("union", "工会"), ("joint", "园方")])
def test_a_story_opening_on_an_event_with_no_verb_tells_its_doer_holding_it(name: str, by: str, doer: str) -> None:
    told = text({**KINDERGARTEN, "unit_name": name, "training_highlight": "11月青年教师教学比武，12名老师都上了课",
                 "training_highlight_by": by})
    sentence = next(s for s in told.split("。") if "教学比武，12名" in s)
    assert re.search(f"^11月，.*{doer}[^，]*举办青年教师教学比武", sentence), sentence
    told = text({**KINDERGARTEN, "unit_name": name, "training_highlight": "4月优质课评比，9个老师参加，吴丹第一",
                 "training_highlight_by": by})
    sentence = next(s for s in told.split("。") if "优质课评比" in s)
    assert re.search(f"^4月，.*{doer}[^，]*举办优质课评比，9名老师参加", sentence), sentence
    # An event with its verb, or a longer opening that says more than its name, is told as typed.
    told = text({**KINDERGARTEN, "unit_name": name, "training_highlight": "11月开展青年教师教学比武，12名老师都上了课",
                 "training_highlight_by": by})
    assert "举办" not in next(s for s in told.split("。") if "教学比武，12名" in s)


@pytest.mark.parametrize("name", UNIT_NAMES)
def test_what_the_unit_did_after_the_union_told_its_suggestion_is_the_units_named(name: str) -> None:
    story = "保育员反映午休没地方躺，工会把情况报给园长，把多功能室隔出一间休息室，9月投入使用"
    told = rights_story(story, "suggested", name)
    sentence = next(s for s in told.split("。") if "多功能室" in s)
    assert re.search("工会把情况报给园长，园方把多功能室隔出一间休息室", sentence), sentence
    # A clause with its own doer keeps it.
    story = "保育员反映午休没地方躺，工会把情况报给园长，园长当场同意，9月隔出一间休息室"
    told = rights_story(story, "suggested", name)
    assert "园方园长" not in told and "，园长当场同意" in told, told
