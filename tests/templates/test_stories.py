"""A chair's story is told where it belongs: after the sentence about what it tells, once, never lost."""

from __future__ import annotations

import re

import pytest

from dialogs.bank import load_bank
from templates.compose import Composer
from templates.stories import table

BASE = {"unit_name": "滨江市实验小学", "unit_type": "school", "period": "year", "year": 2025,
        "train_done": ["courses"], "train_sessions": 3, "rights_done": ["none"], "welfare_done": ["none"],
        "activity_types": ["none"], "sign_date": "2026-01-08"}
TAIL = "共有十二个年级组参加"
BANK = load_bank()


def paragraphs(answers: dict) -> list[str]:
    return [b.text for b in Composer().compose(answers).blocks if b.kind == "p"]


def test_a_story_of_a_listed_activity_follows_the_list_as_a_sentence_with_its_doer() -> None:
    story = "12月举办教职工跳绳比赛，分单摇和双人跳两项，44人参加"
    found = paragraphs({**BASE, "activity_types": ["rope", "choir", "family"], "activities_n": 4,
                        "culture_highlight": story})
    listed = next(p for p in found if "44人参加" in p)
    assert re.search("(合唱|歌咏)活动.*12月，(我校)?工会举办教职工跳绳比赛，分单摇和双人跳两项，44人参加。", listed)
    assert "举办的教职工跳绳比赛" not in listed  # not a noun phrase hung on the list
    assert sum("44人参加" in p for p in found) == 1


def test_a_story_of_the_proposals_follows_them_before_the_next_matter() -> None:
    story = "采纳教代会提案，为每个年级组办公室添置了护眼灯"
    found = paragraphs({**BASE, "rights_done": ["proposals", "openness"], "proposals": 21,
                        "openness": ["board"], "openness_items": ["finance"], "rights_highlight": story})
    text = "".join(found)
    assert text.index("21件") < text.index("护眼灯") < text.index("校务公开")
    assert not any(p.startswith("采纳") for p in found)  # not a paragraph of its own


def test_a_single_story_nothing_above_tells_closes_its_part_rather_than_standing_alone() -> None:
    story = "寒假组织青年教师赴杭州跟岗学习一周"
    found = paragraphs({**BASE, "activity_types": ["basketball"], "activities_n": 2, "culture_highlight": story})
    told = next(p for p in found if "跟岗学习" in p)
    # Last in its part (a thin report may end its last paragraph on the resolve for the year ahead).
    assert "赴杭州跟岗学习一周。" in told and told.index("篮球") < told.index("跟岗学习")


def test_two_stories_nothing_above_tells_share_a_paragraph_of_their_own() -> None:
    found = paragraphs({**BASE, "activity_types": ["basketball"], "activities_n": 2,
                        "culture_highlight": "寒假组织青年教师赴杭州跟岗学习一周",
                        "culture_highlight_2": "6月组织教职工到苗圃植树，40人参加"})
    told = next(p for p in found if "跟岗学习" in p)
    assert "植树" in told and "篮球" not in told


def test_the_chairs_own_item_places_a_story_by_the_words_they_typed() -> None:
    story = "端午节在江边举办龙舟赛，12支队伍同场竞渡"
    found = paragraphs({**BASE, "activity_types": ["basketball", "other"], "activity_other": "龙舟赛",
                        "activities_n": 3, "culture_highlight": story})
    listed = next(p for p in found if "篮球赛" in p)
    assert re.search("端午节，(我校)?工会在江边举办龙舟赛，12支队伍同场竞渡。", listed), listed


def test_two_stories_of_one_list_are_each_a_sentence_with_its_doer() -> None:
    found = paragraphs({**BASE, "activity_types": ["games", "choir"], "activities_n": 5,
                        "culture_highlight": "1月举办迎新春趣味运动会，26支队伍参加",
                        "culture_highlight_2": "七一前夕组织合唱比赛，12个支部同台演唱"})
    text = "".join(found)
    assert re.search("1月，(我校)?工会举办迎新春趣味运动会", text), text
    assert re.search("七一前夕，(我校)?工会组织合唱比赛", text), text


def _answers_for(part: str, question: str, option: str | None, words: list[str]) -> dict:
    """Answers in which `option` of `question` is ticked and the part's first story uses its first word."""
    offered = BANK.by_id[question].option(option)
    unit_type = sorted(offered.units)[0] if offered and offered.units else "ent"
    answers = dict(BASE, unit_type=unit_type, unit_name="红星机械厂")
    checklist = {"training": "train_done", "rights": "rights_done", "welfare": "welfare_done"}.get(part)
    if question == "contests":
        answers.update(train_done=["contest"], contests=[option], contests_n=3)
    elif question == "activity_types":
        answers.update(activity_types=[option], activities_n=3)
    elif checklist == question:
        answers[question] = [option] if part != "training" else ["courses", option]
    answers[table()[part]["stories"][0]] = f"10月{words[0]}，{TAIL}"
    return answers


SPOTS = [(part, spot["question"], option, words)
         for part, entry in table().items() for spot in entry["anchors"]
         for option, words in (spot.get("options") or {}).items()]


@pytest.mark.parametrize("part, question, option, words", SPOTS,
                         ids=[f"{q}.{o}" for _, q, o, _ in SPOTS])
def test_every_place_a_story_may_go_tells_it_exactly_once(part: str, question: str, option: str,
                                                           words: list[str]) -> None:
    answers = _answers_for(part, question, option, words)
    text = Composer().compose(answers).as_text()
    assert text.count(TAIL) == 1, (question, option)


def test_a_festival_that_only_sets_the_scene_does_not_decide_where_a_story_goes() -> None:
    story = "春节前院领导和工会干部分5组走访困难职工家庭，送去慰问金和米面油"
    found = paragraphs({**BASE, "unit_type": "hosp", "welfare_done": ["hardship", "festivals"],
                        "hardship_households": 23, "festivals": ["spring"], "festival_spend": 517000,
                        "welfare_highlight": story})
    text = "".join(found)
    assert text.index("23户次") < text.index("走访困难职工家庭") < text.index("节日慰问")


@pytest.mark.parametrize(("period", "rope", "walk", "rope_first"), [("year", "12月", "5月", False),
                                                             ("year", "3月", "11月", True),
                                                             ("school", "4月", "10月", False),
                                                             ("school", "9月", "3月", True)])
def test_stories_told_together_keep_the_order_of_the_period(period: str, rope: str, walk: str,
                                                            rope_first: bool) -> None:
    found = "".join(paragraphs({**BASE, "period": period, "activity_types": ["rope", "family"], "activities_n": 4,
                                "culture_highlight": f"{rope}举办教职工跳绳比赛，44人参加",
                                "culture_highlight_2": f"{walk}组织教职工带孩子到郊野公园亲子徒步，32个家庭参加"}))
    assert (found.index("跳绳比赛，44人") < found.index("亲子徒步")) == rope_first, found


def test_stories_of_the_contests_and_of_contests_at_large_keep_the_order_of_the_year_together() -> None:
    found = "".join(paragraphs({**BASE, "unit_type": "ent", "unit_name": "红星机械厂", "train_done": ["contest"],
                                "contests": ["labor"], "contests_n": 2,
                                "training_highlight": "12月开展劳动竞赛总结表彰，评出先进班组3个",
                                "training_highlight_2": "5月举办职工技能大赛，86人参赛"}))
    assert found.index("技能大赛") < found.index("总结表彰"), found


def test_a_day_of_the_month_typed_as_spoken_is_written_and_a_spoken_evening_is_held_not_carried_out() -> None:
    found = "".join(paragraphs({**BASE, "activity_types": ["show"], "activities_n": 2,
                                "culture_highlight": "1月10号警察节搞了一台晚会，3号楼的同志都上了台",
                                "culture_highlight_by": "union", "honors": "评上市五星级职工之家"}))
    assert "1月10日" in found and "3号楼" in found and "举办了一台晚会" in found, found
    assert "获评市五星级职工之家" in found and "评上市" not in found, found


def test_a_bare_spoken_hold_before_what_was_held_is_written_and_other_words_with_it_are_kept() -> None:
    found = "".join(paragraphs({**BASE, "train_done": ["contest"], "contests": ["labor"], "contests_n": 2,
                                "training_highlight": "5月全校搞青年教师教学比武，搞清楚了每个人的短板",
                                "training_highlight_by": "union"}))
    assert "全校举办青年教师教学比武" in found and "搞清楚了" in found, found


def test_a_chairs_spoken_words_are_written_in_the_documents_register() -> None:
    found = "".join(paragraphs({**BASE, "activity_types": ["tugofwar"], "activities_n": 2,
                                "culture_highlight": "6月份搞了一次教职工拔河比赛，8个队都上场了",
                                "next_plans": "搞一次教职工运动会；把教工之家弄好点；多搞几次读书会，每人奖励100块钱；"
                                              "把集体合同签下来"}))
    assert "6月，" in found and "举办了一次教职工拔河比赛" in found and "8个队全部上场" in found, found
    assert "举办一次教职工运动会" in found and "把教工之家建好" in found, found
    assert "多举办几次读书会，每人奖励100元" in found and "把集体合同签订下来" in found, found
    found = "".join(paragraphs({**BASE, "activity_types": ["show"], "activities_n": 2,
                                "culture_highlight": "5月做了2块展板，评了一等奖，每人奖了200块，补助从15块涨到25块",
                                "culture_highlight_by": "union"}))
    assert "2块展板" in found and "200元" in found and "从15元涨到25元" in found, found
    assert not re.search("月份|搞|弄", found), found
    found = "".join(paragraphs({**BASE, "train_done": ["contest"], "contests": ["labor"], "contests_n": 3,
                                "training_highlight": "4月到6月搞“百日无疵布”劳动竞赛，三个班比一等品率",
                                "training_highlight_by": "union"}))
    assert re.search("4月到6月，(我校)?工会开展“百日无疵布”劳动竞赛", found), found
    # A spoken word whose written form depends on what follows is kept (14位老师都上了课: not 全部参加课).
    found = "".join(paragraphs({**BASE, "train_done": ["courses"], "train_sessions": 3,
                                "training_highlight": "3月请专家来校讲授康复技能，14位老师都上了课",
                                "training_highlight_by": "union"}))
    assert "14位老师都上了课" in found, found


def test_the_chairs_we_before_what_the_union_did_is_the_union() -> None:
    found = "".join(paragraphs({**BASE, "activity_types": ["show"], "activities_n": 2,
                                "culture_highlight": "6月到7月我们搞了首届短视频大赛，我们学校的老师都参加了",
                                "culture_highlight_by": "union"}))
    assert re.search("6月到7月，?(我校)?工会举办了首届短视频大赛", found), found
    assert "我们学校的老师" in found, found  # not an act: the chair's words stay
    found = "".join(paragraphs({**BASE, "activity_types": ["show"], "activities_n": 2,
                                "culture_highlight": "三八节我们工会带女老师去学插花，我们跟学校要了半天假",
                                "culture_highlight_by": "union"}))
    assert "工会带女老师去学插花，工会跟学校要了半天假" in found and "工会工会" not in found, found


def test_a_spoken_hold_of_an_event_is_written_as_holding_it_and_of_a_thing_made_is_left_as_said() -> None:
    found = "".join(paragraphs({**BASE, "activity_types": ["tugofwar"], "activities_n": 2,
                                "culture_highlight": "12月搞了教职工迎新年趣味运动会，12个组都来了",
                                "culture_highlight_by": "union"}))
    assert "举办了教职工迎新年趣味运动会" in found and "开展了教职工" not in found, found
    found = "".join(paragraphs({**BASE, "unit_type": "ent", "train_done": ["courses"], "train_sessions": 3,
                                "training_highlight": "机电区队搞的“托辊快速更换器”，换一个托辊从20分钟缩到5分钟",
                                "training_highlight_by": "unit"}))
    assert "开展的“托辊" not in found and "托辊快速更换器" in found, found


def test_a_story_telling_a_donation_is_told_before_what_the_money_went_to() -> None:
    story = "5月，一位教师查出恶性肿瘤，工会第一时间到医院看望，发起爱心捐款3.47万元"
    sentences = [s for p in paragraphs({**BASE, "welfare_done": ["hardship", "visits", "donation"],
                                        "hardship_households": 3, "visit_occasions": ["ill"], "visits_n": 12,
                                        "donations": 34700, "donations_for": "全部用于这位教师的治疗",
                                        "welfare_highlight": story, "welfare_highlight_by": "union"})
                 for s in p.split("。") if s]
    told = next(i for i, s in enumerate(sentences) if "3.47万元" in s)
    assert "全部用于这位教师的治疗" in sentences[told + 1], sentences
    # What it went to, when the story already tells it, is not said again; the story carries the answer.
    answers = {**BASE, "welfare_done": ["donation"], "donations": 23600,
               "donations_for": "救助药剂科一名职工患尿毒症的丈夫",
               "welfare_highlight": "9月药剂科刘姐的爱人查出尿毒症要透析，工会发起爱心募捐，3天募集2.36万元",
               "welfare_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    assert not [s for s in sentences if "救助" in s.text], [s.text for s in sentences]
    assert "donations_for" in next(s for s in sentences if "2.36万元" in s.text).sources


def test_a_story_of_a_festival_follows_the_festivals_greetings() -> None:
    found = paragraphs({**BASE, "unit_type": "kinder", "unit_name": "城南幼儿园", "self_name": "kinder",
                        "welfare_done": ["festivals", "health", "birthday"], "festivals": ["spring", "kids"],
                        "health_check": 20, "birthday": ["cake"],
                        "welfare_highlight": "六一当天给每位老师准备了一份零食大礼包", "welfare_highlight_by": "union"})
    sentences = [s for p in found for s in p.split("。") if s]
    greeted = next(i for i, s in enumerate(sentences) if "节日慰问" in s)
    assert sentences[greeted + 1].startswith("其中六一当天，"), sentences
    # A festival story of something other than a gift is no part of the greetings or their spending.
    found = paragraphs({**BASE, "welfare_done": ["festivals"], "festivals": ["spring"], "festival_spend": 48000,
                        "welfare_highlight": "春节前包了6辆大巴送外地老师回家", "welfare_highlight_by": "union"})
    told = next(s for p in found for s in p.split("。") if "大巴" in s)
    assert told.startswith("春节前，") and "其中" not in told, told


def test_a_story_settled_at_the_staff_assembly_is_told_with_the_assembly() -> None:
    story = "教职工反映值班补助偏低，经教职工大会讨论后每班提高了40元"
    text = "".join(paragraphs({**BASE, "rights_done": ["congress", "openness", "funds"], "congress_form": "all",
                               "congress_month": 1, "congress_reps": 60, "openness": ["board"],
                               "openness_items": ["finance"], "funds_work": ["open"], "funds_spend": 46000,
                               "rights_highlight": story, "rights_highlight_by": "suggested"}))
    assert text.index("60名") < text.index("40元") < text.index("校务公开"), text


def test_a_festival_story_the_unit_did_is_not_told_as_part_of_the_unions_greetings() -> None:
    found = paragraphs({**BASE, "unit_type": "kinder", "unit_name": "城南幼儿园", "self_name": "kinder",
                        "welfare_done": ["festivals", "health"], "festivals": ["spring", "kids"], "health_check": 20,
                        "welfare_highlight": "六一当天给每位老师准备了一份零食大礼包", "welfare_highlight_by": "joint"})
    told = next(s for p in found for s in p.split("。") if "大礼包" in s)
    assert told.startswith("六一当天，") and "其中" not in told, told


def test_one_contest_held_once_and_told_by_its_story_is_not_counted_before_it() -> None:
    answers = {**BASE, "train_done": ["contest"], "contests": ["quiz"], "contests_n": 1,
               "training_highlight": "4月举办《民法典》知识竞赛，9支队伍参赛", "training_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    told = next(s for s in sentences if "9支队伍" in s.text)
    assert not any("1场次" in s.text for s in sentences), [s.text for s in sentences]
    assert {"contests", "contests_n"} <= set(told.sources), told.sources
    # Two held, or a count with no story: the count stays.
    assert "2场次" in "".join(paragraphs({**answers, "contests_n": 2}))
    assert "1场次" in "".join(paragraphs({**answers, "training_highlight": None}))


def test_a_womens_lecture_ticked_and_told_in_the_note_is_told_once() -> None:
    answers = {**BASE, "welfare_done": ["women"], "women_care": ["march8", "lecture"],
               "women_note": "三八节邀请区妇幼保健院医生讲乳腺健康，35名女教师参加"}
    text = "".join(paragraphs(answers))
    assert "讲乳腺健康" in text and "讲座" not in text, text
    # A speech contest is no lecture.
    text = "".join(paragraphs({**answers, "women_note": "三八节开展主题演讲比赛，评选最美教师10名"}))
    assert "讲座" in text, text


@pytest.mark.parametrize(("count", "story", "insurance"), [
    ("rest_n", "9月分两批安排20名一线教师到岚山疗休养，每批4天", None),
    ("rest_n", "9月分两批安排20名一线教师到岚山疗休养，每批4天", 45),
    ("health_check", "5月组织20名教职工到县医院体检，增加了甲状腺彩超", None),
])
def test_a_count_the_chairs_story_tells_is_not_told_before_it_again(count: str, story: str,
                                                                      insurance: int | None) -> None:
    answers = {**BASE, "staff_total": 45, "welfare_done": ["health", "insurance", "rest"], count: 20,
               "mutual_insurance": insurance, "welfare_highlight": story, "welfare_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    told = [s for s in sentences if "20名" in s.text]
    assert len(told) == 1 and ("县医院" in told[0].text or "岚山" in told[0].text), [s.text for s in sentences]
    assert count in told[0].sources
    # Another number in the story (120 of them, or none) is not the count: the count is said.
    for other in (story.replace("20名", "120名"), "9月安排一线教师到岚山疗休养"):
        assert re.search("(?<![0-9])20[名人]", "".join(paragraphs({**answers, "welfare_highlight": other})))


@pytest.mark.parametrize("women_care", [["march8"], ["march8", "screen"]])
def test_a_womens_day_ticked_and_told_in_a_welfare_story_is_told_once(women_care: list[str]) -> None:
    answers = {**BASE, "unit_type": "kinder", "unit_name": "石门村幼儿园", "self_name": "kinder",
               "welfare_done": ["festivals", "women"], "festivals": ["spring", "women"], "women_care": women_care,
               "welfare_highlight": "三八节，全园老师去镇上的草莓园摘草莓，每人带回两斤",
               "welfare_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    text = "".join(s.text for s in sentences)
    assert "草莓" in text and "纪念活动" not in text and "三八节庆祝" not in text and "三八节主题" not in text, text
    assert "women_care" in next(s for s in sentences if "草莓" in s.text).sources
    assert ("筛查" in text) == ("screen" in women_care), text
    assert "关爱工作" not in text, text


@pytest.mark.parametrize("birthday", [["party"], ["cake", "party"]])
def test_a_birthday_party_ticked_and_told_in_a_welfare_story_is_told_once(birthday: list[str]) -> None:
    answers = {**BASE, "unit_type": "kinder", "unit_name": "东门街道中心幼儿园", "self_name": "kinder",
               "welfare_done": ["birthday"], "birthday": birthday,
               "welfare_highlight": "每个季度，给当季过生日的老师办一次集体生日会，园长也来，一起切蛋糕",
               "welfare_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    text = "".join(s.text for s in sentences)
    assert text.count("生日会") == 1 and re.search("每个季度，(我园)?工会给当季", text), text
    assert "birthday" in next(s for s in sentences if "生日会" in s.text).sources
    assert ("送上蛋糕" in text or "送去蛋糕" in text or "备好蛋糕" in text) == ("cake" in birthday), text


def test_birthdays_a_story_naming_the_union_tells_whole_are_told_once_by_it() -> None:
    for n in range(1, 21):
        answers = {**BASE, "unit_type": "kinder", "unit_name": f"东门街道第{n}幼儿园", "self_name": "kinder",
                   "welfare_done": ["birthday"], "birthday": ["cake"],
                   "welfare_highlight": "老师过生日，工会订一个蛋糕，大家一起吃", "welfare_highlight_by": "union"}
        sentences = [s for b in Composer().compose(answers).blocks if b.kind == "p" for s in b.sentences]
        telling = [s for s in sentences if "蛋糕" in s.text]
        assert len(telling) == 1 and "birthday" in telling[0].sources, telling


def test_disputes_a_story_counts_and_settles_are_told_once_by_it() -> None:
    for n in range(1, 21):
        answers = {**BASE, "unit_type": "hosp", "unit_name": f"滨江市第{n}人民医院", "rights_done": ["dispute"],
                   "disputes": 3,
                   "disputes_solved": 3, "rights_highlight": "工会牵头定了离职结算办法，全年3件纠纷都调解好了",
                   "rights_highlight_by": "union"}
        sentences = [s for b in Composer().compose(answers).blocks if b.kind == "p" for s in b.sentences]
        telling = [s for s in sentences if "3件" in s.text]
        assert len(telling) == 1 and {"disputes", "disputes_solved"} <= telling[0].sources, telling


def test_a_single_rights_story_nothing_tells_comes_before_the_unions_bookkeeping() -> None:
    text = "".join(paragraphs({**BASE, "rights_done": ["safety", "funds"], "safety": ["check"], "safety_checks": 6,
                               "funds_work": ["open"], "funds_spend": 32000,
                               "rights_highlight": "学校给住校老师的宿舍装了空调和热水器",
                               "rights_highlight_by": "unit"}))
    assert text.index("安全检查") < text.index("装了空调") < text.index("3.2万元"), text


@pytest.mark.parametrize("women_care", [["screen"], ["screen", "periods", "lecture"], []])
def test_a_welfare_story_of_the_womens_care_is_told_with_it(women_care: list[str]) -> None:
    story = "两位老师怀孕后，经工会协调不再带户外活动，改做资料整理"
    text = "".join(paragraphs({**BASE, "welfare_done": ["health", "women"], "health_check": 40,
                               "women_care": women_care or None, "welfare_highlight": story,
                               "welfare_highlight_by": "union"}))
    assert text.index("体检") < text.index("怀孕") and text.count("怀孕") == 1, text
    if women_care:
        assert text.index("筛查") < text.index("怀孕"), text
    assert "关爱工作" not in text, text


def test_cool_summer_care_ticked_is_told_once_by_the_chairs_story_of_it_or_else_by_itself() -> None:
    answers = {**BASE, "welfare_done": ["festivals", "cool"], "festivals": ["spring"],
               "welfare_highlight": "7月高温期间，给值守的老师送去绿豆汤和西瓜", "welfare_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    text = "".join(s.text for s in sentences)
    assert "绿豆汤" in text and "清凉" not in text, text
    assert "welfare_done" in next(s for s in sentences if "绿豆汤" in s.text).sources
    text = "".join(paragraphs({**answers, "welfare_highlight": None}))
    assert "夏送清凉" in text, text


def test_a_story_of_the_congress_telling_who_attended_opens_it_instead_of_a_second_announcement() -> None:
    story = "1月召开会员大会，36名会员到会，以无记名投票方式增补1名女委员"
    answers = {**BASE, "unit_type": "gov", "unit_name": "临港分局", "rights_done": ["congress"],
               "congress_form": "mall", "congress_term": "第二届第三次", "congress_month": 1, "congress_reps": 36,
               "congress_agenda": ["other"], "congress_agenda_other": "工会工作报告、增补工会委员",
               "rights_highlight": story, "rights_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    text = "".join(s.text for s in sentences)
    assert text.count("36") == 1 and text.count("增补") == 1 and "第二届第三次" in text, text
    assert text.index("36名会员到会") < text.index("工会工作报告"), text
    assert {"congress_month", "congress_reps"} <= next(s for s in sentences if "36名" in s.text).sources
    # One that names the month but not who attended opens it too; who attended follows, with the rest.
    text = "".join(paragraphs({**answers, "rights_highlight": "1月召开会员大会，以无记名投票方式增补1名女委员"}))
    assert text.count("1月") == 1, text
    assert re.search("无记名[^。]*。这次第二届第三次工会会员大会有36名会员到会，还听取", text), text
    # One of another month, or of none, follows the congress as it is announced.
    text = "".join(paragraphs({**answers, "rights_highlight": "11月会员们反映食堂饭菜偏咸，工会协调食堂减盐"}))
    assert text.index("36") < text.index("减盐"), text


def test_an_agenda_item_the_chairs_congress_story_tells_is_told_there_once() -> None:
    story = "9月教职工大会通过了送教上门工作量核算办法，送教一次按1.5课时算"
    text = "".join(paragraphs({**BASE, "rights_done": ["congress"], "congress_form": "all", "congress_month": 9,
                               "congress_reps": 38, "congress_agenda": ["admin", "pay", "other"],
                               "congress_agenda_other": "送教上门工作量核算办法", "rights_highlight": story,
                               "rights_highlight_by": "suggested"}))
    assert text.count("送教上门工作量核算办法") == 1 and "绩效" in text and "38" in text, text


def test_a_story_naming_its_doer_after_what_happened_keeps_its_opening_as_the_chair_wrote_it() -> None:
    story = "11月优质课评比，14位老师都上了课，学校请了市里的专家来听课点评"
    text = "".join(paragraphs({**BASE, "train_done": ["contest"], "contests": ["lesson"], "contests_n": 2,
                               "training_highlight": story, "training_highlight_by": "joint"}))
    assert "11月优质课评比，14位老师都上了课，" in text and "11月，优质课评比" not in text, text


def test_the_womens_items_told_in_the_note_do_not_count_toward_a_sub_part_of_their_own() -> None:
    answers = {**BASE, "welfare_done": ["visits", "women"], "visits_n": 5, "visit_occasions": ["ill"],
               "women_care": ["march8", "screen", "lecture"],
               "women_note": "三八节请中医院的医生讲女性四季养生，82人参加"}
    summary = Composer().compose(answers)
    text = summary.as_text()
    assert "讲座" not in text and text.count("三八") == 1 and "几项工作" not in text, text
    assert not [b for b in summary.blocks if b.kind == "h2"], text


def test_a_story_of_the_chairs_own_activities_follows_the_list_that_names_them() -> None:
    text = "".join(paragraphs({**BASE, "activity_types": ["pingpong", "other"], "activity_other": "八段锦、太极拳",
                               "activities_n": 8, "external_awards": "市八段锦展演一等奖",
                               "culture_highlight": "5月办了八段锦比赛，15个年级组参加",
                               "culture_highlight_by": "union"}))
    assert text.index("太极拳") < text.index("15个年级组") < text.index("展演一等奖"), text


@pytest.mark.parametrize("came", ["14个人参加", "14来人"])
def test_one_event_of_one_kind_told_by_the_chairs_story_is_told_once(came: str) -> None:
    answers = {**BASE, "activity_types": ["walk"], "activities_n": 1, "activities_people": 14,
               "culture_highlight": f"五一前组织大家去湿地公园健步走，{came}", "culture_highlight_by": "union"}
    summary = Composer().compose(answers)
    sentences = [s for b in summary.blocks if b.kind == "p" for s in b.sentences]
    told = [s for s in sentences if "健步走" in s.text]
    assert len(told) == 1 and {"activities_n", "activities_people"} <= told[0].sources, [s.text for s in told]
    # A story that leaves out how many took part keeps the count's own sentence.
    text = "".join(paragraphs({**answers, "culture_highlight": "五一前组织大家去湿地公园健步走"}))
    assert "14人次" in text, text


def test_a_unit_word_of_a_college_library_or_township_after_what_happened_takes_the_credit_before_it() -> None:
    story = "新馆开放后要开到晚上9点，代表们提出轮班太紧，馆里8月起增加了一个班次"
    text = "".join(paragraphs({**BASE, "rights_done": ["proposals"], "proposals": 5, "rights_highlight": story,
                               "rights_highlight_by": "suggested"}))
    assert re.search("轮班太紧，(经|在|根据)[^，]*工会[^，]*，馆里8月起", text), text
