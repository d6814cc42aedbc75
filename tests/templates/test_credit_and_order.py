"""Who earned an honour is who the sentence names; a part's weighing comes after its stories; each
kind of unit reads its own words for the rooms and the safety work its union oversees."""

from __future__ import annotations

import re

import pytest

from dialogs.answers import ParseContext, parse_text
from dialogs.bank import load_bank
from templates.compose import Composer
from tests.support.ample import AMPLE

BASE = {"unit_type": "ent", "period": "year", "year": 2025, "train_done": ["none"], "rights_done": ["none"],
        "welfare_done": ["none"], "activity_types": ["none"], "sign_date": "2026-01-08"}
# Several names, so the check covers whichever phrasing the hash of each chooses.
NAMES = ["滨江市红星机械厂", "滨江港务集团", "东城区自来水公司", "滨江纺织有限公司", "江南化工股份有限公司",
         "滨江市第二机床厂", "城东物流有限公司", "滨江电子科技有限公司"]


def paragraphs(answers: dict) -> list[str]:
    return [b.text for b in Composer().compose(answers).blocks if b.kind == "p"]


@pytest.mark.parametrize("name", NAMES)
def test_the_years_honours_are_one_sentence_each_in_its_earners_name_with_no_weighing(name: str) -> None:
    found = paragraphs({**BASE, "unit_name": name, "honors": "省先进基层工会",
                        "honors_others": "装配车间二班获评省工人先锋号；焊工赵建军获市五一劳动奖章"})
    honours = next(p for p in found if "工人先锋号" in p)
    assert honours.count("。") == 1 and honours.endswith("焊工赵建军获市五一劳动奖章。"), honours
    assert "装配车间二班获评省工人先锋号" in honours and "工会获评省工人先锋号" not in honours


@pytest.mark.parametrize("name", NAMES)
def test_the_unions_own_honour_alone_is_weighed_without_crediting_others(name: str) -> None:
    found = paragraphs({**BASE, "unit_name": name, "honors": "省先进基层工会"})
    honours = next(p for p in found if "省先进基层工会" in p)
    assert "集体和个人" not in honours and "先进个人" not in honours


@pytest.mark.parametrize("name", NAMES)
def test_a_care_story_nothing_places_names_the_union_joins_the_visits_and_comes_before_the_womens_work(
        name: str) -> None:
    story = "汛期为坚守一线的12名同事送去防汛物资和慰问信"
    found = paragraphs({**BASE, **AMPLE, "unit_name": name, "welfare_done": ["visits", "women"], "visits_n": 19,
                        "women_care": ["march8"], "welfare_highlight": story})
    told = next(p for p in found if "防汛物资" in p)
    assert "19人次。汛期，" in told and "工会为坚守一线" in told
    women = next(p for p in found if "三八" in p)
    assert found.index(women) > found.index(told)
    assert not any(p.strip() == "" for p in found)


@pytest.mark.parametrize("name", NAMES)
def test_a_festivals_highlight_stands_after_the_routine_care_not_among_the_greetings(name: str) -> None:
    found = paragraphs({**BASE, **AMPLE, "unit_name": name, "welfare_done": ["visits", "festivals", "health"],
                        "visits_n": 73, "festivals": ["spring", "autumn"], "festival_spend": 365000,
                        "health_check": 605,
                        "welfare_highlight": "春节前，公司为留厂过年的46名外地职工准备年夜饭，每人发放300元红包",
                        "welfare_highlight_by": "joint"})
    story = next(p for p in found if "年夜饭" in p)
    assert story.startswith("春节前") and "体检" not in story and "73人次" not in story, story
    care = next(p for p in found if "73人次" in p)
    assert found.index(care) < found.index(story) and "36.5万元" in care, care


@pytest.mark.parametrize("name", NAMES)
def test_summer_care_ticked_without_a_story_is_no_sentence_of_its_own(name: str) -> None:
    found = paragraphs({**BASE, **AMPLE, "unit_name": name, "welfare_done": ["visits", "cool"], "visits_n": 12})
    said = [s for p in found for s in p.split("。") if "夏送清凉" in s and "新厂区" not in s]  # not the weighing
    assert len(said) == 1 and ("还" in said[0] or "此外" in said[0]), said


@pytest.mark.parametrize("name", NAMES)
def test_the_years_classes_are_told_as_the_units_whoever_held_them(name: str) -> None:
    found = paragraphs({**BASE, **AMPLE, "unit_name": name, "unit_type": "hosp", "self_name": None,
                        "train_done": ["courses"], "train_sessions": 12, "train_people": 1650})
    said = next(s for p in found for s in p.split("。") if "培训班12期" in s)
    assert "我院" in said and "工会" not in said, said


@pytest.mark.parametrize("unit_type, reading_room, safety", [
    ("school", "教工书屋", "校园安全"), ("kinder", "教工书屋", "园所安全"), ("ent", "职工书屋", "安全生产监督"),
])
def test_each_kind_reads_its_own_reading_room_and_never_another_kinds_safety_words(unit_type: str, reading_room: str,
                                                                                   safety: str) -> None:
    for name in NAMES:
        text = "".join(paragraphs({**BASE, "unit_type": unit_type, "unit_name": name, "home_facilities": "open",
                                   "home_items": ["room", "books"], "rights_done": ["safety"], "safety": ["check"],
                                   "safety_checks": 12}))
        assert reading_room in text
        other_room = {"教工书屋": "职工书屋", "职工书屋": "教工书屋"}[reading_room]
        assert other_room not in text
        if unit_type != "ent":
            assert "安全生产" not in text


@pytest.mark.parametrize("unit_type", ["school", "hosp", "ent"])
def test_the_union_not_the_unit_signs_a_contract_with_the_unit(unit_type: str) -> None:
    for name in NAMES:
        text = "".join(paragraphs({**BASE, "unit_type": unit_type, "unit_name": name, "rights_done": ["contract"],
                                   "contract": ["running", "women"]}))
        signing = next(s for s in text.split("。") if "专项集体合同" in s)
        assert "工会" in signing.split("签订")[0], signing


def test_a_lone_sentence_on_retirees_does_not_stand_as_a_paragraph() -> None:
    found = paragraphs({**BASE, "unit_name": NAMES[0], "retirees_total": 71,
                        "welfare_done": ["retirees", "festivals"], "retirees_visits": 71,
                        "festivals": ["spring", "autumn"], "festival_spend": 74000})
    retirees = next(p for p in found if "71人次" in p)
    assert "节日" in retirees


@pytest.mark.parametrize("name", NAMES)
def test_prizes_won_outside_name_how_many_won_each_and_a_teams_prize_goes_to_the_team(name: str) -> None:
    found = paragraphs({**BASE, "unit_name": name, "self_name": "factory", "train_done": ["contest"],
                        "train_awards": "省数控车工竞赛三等奖1人，市焊工技能大赛二等奖2人",
                        "activity_types": ["tugofwar"], "external_awards": "高新区职工运动会拔河比赛第一名"})
    text = "".join(found)
    assert "我厂有1名职工获省数控车工竞赛三等奖，2名职工获市焊工技能大赛二等奖" in text
    assert "三等奖1人" not in text and "二等奖2人" not in text
    assert "我厂拔河队获得高新区职工运动会拔河比赛第一名" in text


def test_a_teams_skill_prize_is_the_teams_and_an_uncounted_place_the_units_contestants() -> None:
    found = "".join(paragraphs({**BASE, "unit_name": "滨江港务集团", "self_name": "company", "train_done": ["contest"],
                                "train_awards": "全市执法技能竞赛团体三等奖；全国门机司机项目第五名"}))
    assert "我公司代表队获得全市执法技能竞赛团体三等奖" in found
    assert "我公司选手获得全国门机司机项目第五名" in found and "职工获得" not in found


def test_teams_prizes_keep_the_chairs_order_and_air_volleyball_is_won_by_its_own_team() -> None:
    found = "".join(paragraphs({**BASE, "unit_name": "滨江港务集团", "self_name": "company",
                                "activity_types": ["tugofwar"],
                                "external_awards": "县直机关职工气排球赛第三名、拔河比赛第二名"}))
    assert "我公司气排球队获得县直机关职工气排球赛第三名，拔河队获得拔河比赛第二名" in found, found


def test_an_individual_prize_of_a_contest_whose_team_prize_comes_first_keeps_the_contests_name() -> None:
    found = "".join(paragraphs({**BASE, "unit_name": "滨江港务集团", "self_name": "company", "train_done": ["contest"],
                                "train_awards": "省配电线路工技能竞赛团体第二名、个人三等奖1人，市电工大赛一等奖1人"}))
    assert "1名职工获省配电线路工技能竞赛个人三等奖" in found, found
    assert "我公司代表队获得省配电线路工技能竞赛团体第二名" in found, found


def test_two_teams_prizes_each_name_their_team_and_a_second_squad_of_the_unit_its_unit() -> None:
    found = "".join(paragraphs({**BASE, "unit_name": "滨江港务集团", "self_name": "company",
                                "activity_types": ["pingpong"],
                                "external_awards": "区职工运动会团体总分第二名；市职工乒乓球赛女子团体第三名；"
                                                   "市职工田径赛团体第五名；区登山赛团体第四名"}))
    assert "我公司代表队获得区职工运动会团体总分第二名，乒乓球队获得市职工乒乓球赛女子团体第三名" in found, found
    assert "田径队获得市职工田径赛团体第五名，我公司代表队获得区登山赛团体第四名" in found, found


def test_a_prize_won_alone_is_one_persons_and_a_teams_prize_names_its_team() -> None:
    found = "".join(paragraphs({**BASE, "unit_type": "gov", "unit_name": "东城区市场监管局", "self_name": "bureau",
                                "activity_types": ["chess", "choir"],
                                "external_awards": "区直机关象棋赛个人第二名，区直机关合唱比赛二等奖"}))
    assert "我局有1名干部获区直机关象棋赛个人第二名" in found
    assert "干部职工获得区直机关象棋赛" not in found
    assert "我局合唱队获得区直机关合唱比赛二等奖" in found


def test_a_person_named_bare_is_named_as_one_of_the_units_staff() -> None:
    found = "".join(paragraphs({**BASE, "unit_type": "kinder", "unit_name": "滨江市机关第二幼儿园",
                                "self_name": "kinder", "honors_others": "林晓获评区教坛新秀"}))
    assert "我园教师林晓获评区教坛新秀" in found


@pytest.mark.parametrize("name", NAMES)
def test_a_note_of_the_womens_day_tells_the_womens_day_activity_listed_not_a_second_one(name: str) -> None:
    text = "".join(paragraphs({**BASE, "unit_name": name, "welfare_done": ["women"],
                               "women_care": ["march8", "screen"],
                               "women_note": "三八节组织女职工到花博园踏青，120人参加"}))
    assert "花博园踏青，120人参加" in text
    assert "三八节，" not in text and "还组织女职工到花博园" not in text
    assert "活动中，" in text, text
    assert text.count("三八") == 1, text  # not listed first and then told again


def test_a_note_of_another_day_is_told_as_the_chair_wrote_it() -> None:
    text = "".join(paragraphs({**BASE, "unit_name": NAMES[0], "welfare_done": ["women"], "women_care": ["screen"],
                               "women_note": "三八节组织女职工到花博园踏青，120人参加"}))
    assert "三八节，" in text and "花博园踏青" in text


@pytest.mark.parametrize("name", NAMES)
def test_what_the_donations_went_to_follows_their_amount(name: str) -> None:
    given = {**BASE, "unit_name": name, "welfare_done": ["donation"], "donations_for": "救助1名患白血病的青年职工"}
    told = "".join(paragraphs({**given, "donations": 28700}))
    assert "2.87万元，用于救助1名患白血病的青年职工。" in told  # not 全部用于: the chair did not say all
    # No amount given: the purpose is still told, with the donation it belongs to.
    told = "".join(paragraphs(given))
    assert "工会组织职工爱心捐款，用于救助1名患白血病的青年职工。" in told


@pytest.mark.parametrize("name", NAMES)
def test_donations_are_told_with_the_aid_not_the_health_checks(name: str) -> None:
    found = paragraphs({**BASE, **AMPLE, "unit_name": name, "welfare_done": ["hardship", "donation", "health"],
                        "hardship_households": 12, "donations": 28700, "health_check": 600})
    aid = next(p for p in found if "12户次" in p)
    assert "2.87万元" in aid and "600人" not in aid


@pytest.mark.parametrize("name", NAMES)
def test_the_cadres_training_counts_attendances_after_the_training_not_the_cadres_sent(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "train_done": ["cadre"], "cadre_training": "upper",
                               "cadre_people": 3}))
    assert re.search("(培训班?|学习)，(共|累计|计)3人次", told), told


@pytest.mark.parametrize("name", NAMES)
def test_what_the_donations_went_to_follows_a_story_that_tells_them(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "welfare_done": ["donation"], "donations": 32600,
                               "donations_for": "用于一名护士的治疗",
                               "welfare_highlight": "一名护士罹患重病，工会发起爱心募捐，两天内捐款3.26万元"}))
    assert told.count("3.26万元") == 1
    assert re.search("3.26万元。[^。]*善款用于一名护士的治疗。", told), told


def test_the_funds_and_the_ethics_work_are_not_led_the_same_way_in_every_units_summary() -> None:
    funds, ethics = set(), set()
    for name in NAMES:
        told = "".join(paragraphs({**BASE, "unit_name": name, "rights_done": ["funds"], "funds_work": ["open", "audit"],
                                   "funds_spend": 86400, "train_done": ["ethics"],
                                   "ethics_work": "开展“诚信港口”建设月活动"}))
        funds.add(next(sentence for sentence in told.split("。") if "经费" in sentence)[:5])
        ethics.add(told[: told.index("开展“诚信港口”")].rsplit("。", 1)[-1])
    assert len(funds) > 2 and not any("经费管理方面" in lead for lead in funds), funds
    assert len(ethics) > 1, ethics


def test_the_visits_count_is_worded_more_than_three_ways_across_units() -> None:
    ways = set()
    for name in NAMES:
        told = "".join(paragraphs({**BASE, "unit_name": name, "welfare_done": ["visits"], "visits_n": 73}))
        ways.add(re.sub(r"^本年度，?", "", next(s for s in told.split("。") if "73人次" in s)))
    assert len(ways) > 3, ways


@pytest.mark.parametrize("name", NAMES)
def test_ethics_work_that_names_the_ethics_itself_is_told_with_the_unit_as_doer_not_under_a_lead_naming_it(
        name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "train_done": ["ethics"],
                               "ethics_work": "开展“诚信港口”职业道德教育，评选服务明星12名"}))
    assert "本企业开展“诚信港口”职业道德教育" in told, told
    assert told.count("职业道德") == 1, told


@pytest.mark.parametrize("name", NAMES)
def test_the_contests_list_does_not_credit_the_union_with_a_contest_the_chair_said_the_unit_ran(name: str) -> None:
    story = "8月举办岗位技能竞赛，27人参赛"
    given = {**BASE, "unit_name": name, "self_name": "company", "train_done": ["contest"],
             "contests": ["skills", "quiz"], "contests_n": 3, "training_highlight": story}
    shared = "".join(paragraphs({**given, "training_highlight_by": "joint"}))
    assert "工会组织" not in shared and "工会举办了" not in shared and "工会开展了" not in shared, shared
    helped = "工会(协助|配合)公司|在(我公司)?工会(协助|的配合)下，公司|公司在(我公司)?工会协助下"
    assert re.search(f"({helped})举办岗位技能竞赛", shared), shared


@pytest.mark.parametrize("name", NAMES)
def test_the_health_check_is_not_said_to_be_the_unions_unless_the_chair_said_so(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "welfare_done": ["health"], "health_check": 170}))
    assert "170人" in told and "工会组织的健康体检" not in told


@pytest.mark.parametrize("name", NAMES)
def test_a_health_check_alone_closes_the_care_paragraph_rather_than_standing_alone(name: str) -> None:
    found = paragraphs({**BASE, "unit_name": name, "welfare_done": ["visits", "health"], "visits_n": 11,
                        "health_check": 45})
    told = next(p for p in found if "45人" in p)
    assert "11人次" in told, found


@pytest.mark.parametrize("name", NAMES)
def test_a_retirees_story_on_a_festival_follows_the_festivals_that_name_the_day(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "welfare_done": ["retirees", "festivals"],
                               "retirees_visits": 47, "festivals": ["spring", "elder"],
                               "welfare_highlight": "重阳节邀请退休职工回厂座谈，参观新建的厂房"}))
    assert told.index("重阳节") < told.index("47人次") < told.index("回厂座谈"), told


@pytest.mark.parametrize("name", NAMES)
def test_donations_without_other_aid_close_the_care_paragraph_with_the_union_as_doer(name: str) -> None:
    found = paragraphs({**BASE, **AMPLE, "unit_name": name, "welfare_done": ["visits", "donation"], "visits_n": 11,
                        "donations": 5400})
    told = next(p for p in found if "5400元" in p)
    assert told.index("11人次") < told.index("5400元") and told.endswith("5400元。"), told
    assert re.search("工会[^。]*捐款[^。]*5400元|爱心捐款[^。]*共募集5400元|爱心捐款活动共收到捐款5400元", told), told


@pytest.mark.parametrize("name", NAMES)
def test_a_single_award_is_not_said_to_come_from_every_level_or_kind_of_contest(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "activity_types": ["basketball"], "activities_n": 3,
                               "external_awards": "区职工篮球赛第三名", "train_done": ["contest"],
                               "train_awards": "市焊工技能大赛二等奖2人"}))
    for award in (s for s in told.split("。") if "第三名" in s or "二等奖" in s):
        assert "各级" not in award and "各类" not in award and "对外" not in award, award


@pytest.mark.parametrize("name", NAMES)
def test_two_sentences_in_a_row_do_not_both_open_with_the_same_aim(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "train_done": ["ethics", "cadre"],
                               "ethics_work": "组织教师逐人签订承诺书", "cadre_training": "upper", "cadre_people": 3}))
    assert told.count("为加强") <= 1, told


@pytest.mark.parametrize("name", NAMES)
def test_the_arts_are_headed_by_a_word_that_fits_every_item_under_it(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "activities_n": 6,
                               "activity_types": ["basketball", "pingpong", "show", "reading"]}))
    assert "文娱" not in told and "文艺类" not in told and "文艺活动有" not in told, told
    assert "文化" in told, told


@pytest.mark.parametrize("name", NAMES)
def test_the_contests_are_counted_once(name: str) -> None:
    told = "".join(paragraphs({**BASE, "unit_name": name, "train_done": ["contest"],
                               "contests": ["skills", "quiz"], "contests_n": 9}))
    counted = next(s for s in told.split("。") if "9场次" in s)
    assert not ("共" in counted and "合计" in counted), counted


@pytest.mark.parametrize("name", NAMES)
def test_the_chairs_care_stories_open_a_paragraph_after_the_visits_festivals_and_health_check(name: str) -> None:
    found = paragraphs({**BASE, "unit_name": name, "welfare_done": ["visits", "festivals", "health"],
                        "visits_n": 11, "festivals": ["spring", "labor"], "health_check": 45,
                        "welfare_highlight": "入冬前为一线职工15人送去暖贴等防寒用品",
                        "welfare_highlight_2": "为一名家中突遭变故的职工送去慰问金"})
    visits = next(p for p in found if "11人次" in p)
    stories = next(p for p in found if "防寒用品" in p)
    assert visits != stories and "慰问金" in stories, found
    assert "45人" in visits, found  # the health check is not told after a donation or a story of hardship


HOME = {"home_facilities": "open", "home_items": ["activity", "books"]}
MANY_NAMES = [f"滨江市第{n}机械厂" for n in range(1, 41)]


@pytest.mark.parametrize("title", ["通过全国总工会复查，保持全国模范职工之家称号", "被市总工会评为市模范职工之家",
                                   "获评区先进职工之家"])
def test_after_the_homes_title_the_unions_honour_is_not_recognised_or_rated_a_second_time(title: str) -> None:
    for name in MANY_NAMES:
        for built in ("new", "open"):
            found = paragraphs({**BASE, **HOME, "unit_name": name, "home_facilities": built, "home_title": title,
                                "honors": "省工会工作先进单位"})
            home = next(p for p in found if "省工会工作先进单位" in p)
            honour = next(s for s in home.split("。") if "省工会工作先进单位" in s)
            assert "得到上级认可" not in honour and home.count("评为") <= 1, home


@pytest.mark.parametrize("name", NAMES)
def test_a_title_won_is_a_title_and_a_prize_is_not(name: str) -> None:
    for honours in ("省先进基层工会", "市模范职工之家、区先进基层工会", "市职工技能大赛团体一等奖"):
        found = paragraphs({**BASE, **AMPLE, "honors_others": None, "unit_name": name, "honors": honours})
        told = next(p for p in found if honours[:3] in p)
        if "荣获" in told:
            assert told.endswith("称号。") == (not honours.endswith("奖")), told


def test_the_unions_honour_without_a_home_joins_the_members_paragraph() -> None:
    for name in NAMES:
        for groups in ({}, {"union_groups": 3, "org_change": "none"}):
            found = paragraphs({**BASE, **groups, "unit_name": name, "staff_total": 300, "members": 290,
                                "honors": "省先进基层工会"})
            honour = next(p for p in found if "省先进基层工会" in p)
            assert "290" in honour, found  # not a paragraph of one sentence
            assert not any("~" in p for p in found), found  # the template's soft break is never printed


def test_a_new_home_and_its_title_name_the_home_once() -> None:
    title = "被市总工会评为市模范职工之家"
    for name in MANY_NAMES:
        found = paragraphs({**BASE, **HOME, "unit_name": name, "staff_total": 300, "home_facilities": "new",
                            "home_title": title})
        home = next(p for p in found if title in p)
        assert home.replace(title, "").count("职工之家") == 1, home
        assert home.index("职工书屋") < home.index(title), home  # the title after what the home has


def test_the_unions_honour_after_a_title_the_home_got_says_neither_huoping_nor_tongshi_twice() -> None:
    for name in MANY_NAMES:
        found = paragraphs({**BASE, **HOME, "unit_name": name, "home_title": "获评区先进职工之家",
                            "honors": "省工会工作先进单位", "honors_others": "装配车间获评市工人先锋号"})
        home = next(p for p in found if "省工会工作先进单位" in p)
        honour = next(s for s in home.split("。") if "省工会工作先进单位" in s)
        assert "获评省工会" not in honour and honour.count("同时") <= 1, home


def test_a_womens_committee_title_is_the_womens_committees_not_the_unions() -> None:
    for honours in ("省教育系统先进女职工委员会", "市模范职工之家、省先进女职工委员会"):
        found = "".join(paragraphs({**BASE, "honors": honours}))
        assert re.search("女职工委员会(获评|荣获)省(教育系统)?先进女职工委员会", found), found
        assert not re.search("工会(获评|荣获|被评为)[^。；，]*先进女职工委员会", found), found


@pytest.mark.parametrize("name", NAMES)
def test_a_prize_the_chair_tells_with_its_winner_is_told_as_typed_and_adds_no_winners(name: str) -> None:
    text = "".join(paragraphs({**BASE, "unit_name": name, "self_name": "factory", "train_done": ["contest"],
                               "train_awards": "市焊工技能大赛一等奖1人、二等奖2人，赵敏代表我厂参加省赛获三等奖"}))
    assert "我厂有1名职工获市焊工技能大赛一等奖，2名职工获二等奖" in text, text
    assert "赵敏代表我厂参加省赛获三等奖" in text and "获得赵敏" not in text and "另有" not in text, text


def test_a_share_of_places_the_chair_claims_for_the_unit_is_told_as_typed() -> None:
    text = "".join(paragraphs({**BASE, "unit_name": "兴业银行赣州分行", "train_done": ["contest"],
                               "train_awards": "市银行业点钞技能比赛团体一等奖，个人前十名我行占了4个"}))
    assert "个人前十名我行占了4个" in text and "职工获" not in text, text


def test_a_courts_staff_are_its_officers() -> None:
    text = "".join(paragraphs({**BASE, "unit_name": "芦淞区人民法院", "unit_type": "gov", "self_name": "court",
                               "staff_total": 150, "welfare_done": ["visits"], "visits_n": 22}))
    assert "在职干警" in text and "看望慰问干警" in text and "干部职工" not in text, text


@pytest.mark.parametrize("name", NAMES)
def test_an_honour_typed_after_its_earner_with_a_space_goes_to_that_earner(name: str) -> None:
    typed = parse_text(load_bank().by_id["honors_others"], "邓春梅 县优秀乡村教师；石门教学点 县文明校园",
                       ParseContext(today=None, year=2025, period="year", all_of=None))
    text = "".join(paragraphs({**BASE, "unit_name": name, "unit_type": "school", "self_name": "school",
                               "honors_others": typed}))
    assert "邓春梅获评县优秀乡村教师" in text and "石门教学点获评县文明校园" in text, text
    assert "获得邓春梅" not in text, text
    two = "".join(paragraphs({**BASE, "unit_name": name, "honors_others": "市文明单位、省卫生先进单位"}))
    assert "获评省卫生先进单位" not in two and "市文明单位" in two, two


NURSES = {**BASE, "unit_type": "hosp", "unit_name": "太湖县人民医院", "self_name": "hosp",
          "train_done": ["contest"], "contests": ["skills"], "contests_n": 9,
          "training_highlight": "5月举办护理技能大赛，182名护士参赛，前三名代表医院参加安庆市比赛，获团体二等奖"}


def test_a_prize_the_parts_story_tells_is_not_told_again_among_its_prizes() -> None:
    text = "".join(paragraphs({**NURSES, "train_awards": "安庆市护理技能竞赛团体二等奖；县急救技能竞赛个人一等奖1人"}))
    assert text.count("团体二等奖") == 1, text
    assert "1名职工获县急救技能竞赛个人一等奖" in text, text


def test_a_prize_of_the_same_grade_won_elsewhere_or_by_several_is_still_told() -> None:
    text = "".join(paragraphs({**NURSES, "train_awards": "全省护理技能竞赛团体二等奖，安庆市急救竞赛团体二等奖3人"}))
    assert "全省护理技能竞赛团体二等奖" in text and "3名职工获安庆市急救竞赛团体二等奖" in text, text


def test_a_prize_whose_contest_the_story_does_not_name_is_still_told_with_its_name() -> None:
    text = "".join(paragraphs({**NURSES, "training_highlight": "5月办四手操作比赛，沈佳怡后来去安庆市比赛获个人二等奖",
                               "train_awards": "安庆市口腔护理技能竞赛个人二等奖1人（沈佳怡）"}))
    assert "获安庆市口腔护理技能竞赛个人二等奖" in text, text


def test_a_prize_the_story_tells_gives_its_contest_to_the_grade_typed_after_it() -> None:
    text = "".join(paragraphs({**BASE, "unit_type": "school", "unit_name": "江城职业技术学院机电学院",
                               "self_name": "college", "train_done": ["contest"], "contests": ["teaching"],
                               "contests_n": 1,
                               "training_highlight": "11月办青年教师讲课比赛，前两名推荐到学校，赵敏最后拿了学校一等奖",
                               "train_awards": "学校青年教师讲课比赛一等奖1人、二等奖2人"}))
    assert "赵敏最后获得学校一等奖" in text and text.count("一等奖") == 1, text
    assert "2名教师获学校青年教师讲课比赛二等奖" in text, text


def test_an_honour_a_part_tells_with_its_winner_is_not_told_again_among_the_honours() -> None:
    text = "".join(paragraphs({**NURSES, "training_highlight": NURSES["training_highlight"] + "，陈静获个人一等奖",
                               "honors_others": "护士陈静获安庆市护理技能竞赛个人一等奖；急诊科获评市青年文明号",
                               "train_awards": "安庆市护理技能竞赛个人一等奖1人"}))
    assert text.count("个人一等奖") == 1 and "急诊科获评市青年文明号" in text, text


def test_an_honour_whose_winner_no_part_names_stays_among_the_honours() -> None:
    text = "".join(paragraphs({**NURSES, "honors_others": "护士陈静获安庆市护理技能竞赛团体二等奖"}))
    assert "陈静获安庆市护理技能竞赛团体二等奖" in text, text


@pytest.mark.parametrize("typed, reads", [
    ("种植科主任医师陈晓峰评了南湖区“最美医生”", "陈晓峰获评南湖区“最美医生”"),
    ("双氧水车间主任陶建平评为“荆州工匠”", "陶建平被评为“荆州工匠”"),
    ("公司评了成都市“和谐劳动关系企业”", "我公司获评成都市“和谐劳动关系企业”"),
])
def test_an_honour_typed_with_a_bare_choosing_verb_says_the_earner_was_chosen(typed: str, reads: str) -> None:
    text = "".join(paragraphs({**BASE, "unit_name": "成都数衡软件科技有限公司", "self_name": "company",
                               "honors_others": typed}))
    assert reads in text and "评出了" not in text and "职工我公司" not in text, text


@pytest.mark.parametrize("typed, reads", [
    ("市化工技能竞赛一等奖1人（熊波）、三等奖2人", "1名职工（熊波）获市化工技能竞赛一等奖，2名职工获三等奖"),
    ("市教学能力比赛一等奖1个（张磊、王涛）二等奖2个", "获得市教学能力比赛一等奖1项（张磊、王涛）、二等奖2项"),
    ("市软件测试项目三等奖1个，李想拿的", "1名职工（李想）获市软件测试项目三等奖"),
    ("市“岗位练兵、业务比武”团体第二名，个人前十名我厂3人", "3名职工获市“岗位练兵、业务比武”个人前十名"),
    ("省技能大赛学生组拿了2个三等奖，指导老师都是我厂的", "省技能大赛学生组获得2个三等奖，指导老师都是我厂的"),
])
def test_a_prize_keeps_the_winners_the_chair_named_with_it(typed: str, reads: str) -> None:
    text = "".join(paragraphs({**BASE, "unit_name": "江陵恒信化工有限公司", "self_name": "factory",
                               "train_done": ["contest"], "train_awards": typed}))
    assert reads in text, text


def test_an_honour_won_by_one_the_union_put_forward_says_so_and_is_grounded_in_both_answers() -> None:
    answers = {**BASE, "unit_name": "江陵恒信化工有限公司", "self_name": "factory", "train_done": ["model"],
               "honors_others": "仪表工周国栋获荆州市五一劳动奖章；焊工李强获市技术能手",
               "models": "推荐周国栋评上了荆州市五一劳动奖章"}
    sentence = next(s for b in Composer().compose(answers).blocks if b.kind == "p" for s in b.sentences
                    if "周国栋" in s.text)
    assert "经工会推荐，仪表工周国栋获荆州市五一劳动奖章" in sentence.text, sentence.text
    assert "经工会推荐，焊工李强" not in sentence.text and "models" in sentence.sources, sentence


@pytest.mark.parametrize("name", NAMES)
def test_a_contest_of_a_craft_is_told_with_the_other_activities_not_the_sports(name: str) -> None:
    text = "".join(paragraphs({**BASE, "unit_name": name, "activity_types": ["basketball", "walk", "other"],
                               "activity_other": "运转班厨艺比赛、职工象棋赛"}))
    sports = next(s for s in text.split("。") if "篮球赛" in s)
    assert re.search("体育[^，；]*象棋赛", sports) and "厨艺比赛" in sports, sports
    assert not re.search("(体育|文化)[^，；]*厨艺", sports), sports


def test_a_small_count_of_those_who_took_part_in_activities_is_not_stressed_with_da() -> None:
    for n in range(24):
        text = "".join(paragraphs({**BASE, "unit_name": f"第{n}机械厂", "activity_types": ["walk"],
                                   "activities_n": 2, "activities_people": 48}))
        assert "48人次" in text and "达48" not in text, text


@pytest.mark.parametrize("name", NAMES)
def test_models_the_chair_names_no_doer_for_are_the_units_and_visits_are_counted_after_their_verb(name: str) -> None:
    text = "".join(paragraphs({**BASE, "unit_name": name, "self_name": "factory", "train_done": ["model"],
                               "models": "评选厂级“金牌工匠”3名", "welfare_done": ["visits"], "visits_n": 18}))
    assert "我厂评选厂级“金牌工匠”3名" in text and "看望慰问本年度" not in text, text


@pytest.mark.parametrize("name", NAMES)
def test_summer_care_ticked_with_no_story_closes_the_festivals_sentence_not_a_sentence_of_its_own(name: str) -> None:
    answers = {**BASE, "unit_name": name, "welfare_done": ["festivals", "cool"], "festivals": ["spring", "autumn"]}
    sentence = next(s for s in "".join(paragraphs(answers)).split("。") if "夏送清凉" in s)
    assert "春节" in sentence and "工作也已落实" not in sentence, sentence
    story = "7月高温期间，工会给一线工人送去绿豆汤和西瓜"
    text = "".join(paragraphs({**answers, "welfare_highlight": story, "welfare_highlight_by": "union"}))
    assert "绿豆汤" in text and not re.search("节日慰问[^。]*夏送清凉", text), text
    # Nor before a story of a festival, which 其中 ties to the greetings.
    story = "春节前，工会给每位职工送了一份年货礼包"
    text = "".join(paragraphs({**answers, "welfare_highlight": story, "welfare_highlight_by": "union"}))
    assert "年货礼包" in text and not re.search("节日慰问[^。]*夏送清凉", text), text
