"""The typographic rules of a 工作总结, and the marks that tie each sentence to the answers it states."""

from __future__ import annotations

import re

import pytest

from templates.compose import Composer
from templates.doers import done_by, led, month_of, told_by
from templates.sources import frame, sentences, src, without_marks_possible
from templates.typography import (
    cn_list,
    enumerated,
    fresh_lead,
    honours,
    items,
    listed_items,
    renumbered,
    sentence,
    term_once,
    written,
)
from tests.templates.test_samples import NAMES, answers


def test_one_is_only_for_two_or_more_and_the_chairs_own_numbering_goes() -> None:
    assert enumerated(["建好职工书屋"]) == "建好职工书屋"
    assert enumerated(["一是建好职工书屋", "二是办一次技能比武"]) == "一是建好职工书屋；二是办一次技能比武"
    assert enumerated(["1.建好职工书屋", "2、办一次技能比武。"]) == "一是建好职工书屋；二是办一次技能比武"


def test_a_typed_list_is_split_and_its_numbering_dropped() -> None:
    assert items("1.建好职工书屋 2.办一次技能比武") == ["建好职工书屋", "办一次技能比武"]
    assert items("建好职工书屋；办一次技能比武；") == ["建好职工书屋", "办一次技能比武"]
    assert items("①建好书屋②办比武") == ["建好书屋", "办比武"]


def test_a_list_says_it_was_cut_and_how_long_it_was() -> None:
    assert cn_list(["甲", "乙", "丙"]) == "甲、乙和丙"
    assert cn_list(["甲", "乙和丙", "丁"]) == "甲、乙和丙、丁"  # an item's own 和 keeps the list in 、
    assert cn_list(["甲和乙", "丙", "丁"]) == "甲和乙、丙和丁"  # but only one of the two the 和 would join
    assert cn_list(list("甲乙丙丁戊己戌")) == "甲、乙、丙、丁、戊等7项"


def test_two_items_are_joined_by_and_unless_one_has_its_own() -> None:
    assert cn_list(["岗位练兵", "业务技能竞赛"]) == "岗位练兵和业务技能竞赛"
    assert cn_list(["法律法规和《工会法》", "安全知识"]) == "法律法规和《工会法》、安全知识"


def test_free_text_as_a_sentence_ends_once() -> None:
    assert sentence("全年无安全事故") == "全年无安全事故。"
    assert sentence("全年无安全事故。") == "全年无安全事故。"
    assert sentence("好！") == "好！"


def test_each_sentence_knows_the_answers_it_states() -> None:
    paragraph = (f"{src('train_sessions', 'train_people')}全年举办培训班6期，参训240人次。"
                 f"{frame()}现将主要工作总结如下。")
    said = sentences(paragraph)
    assert [s.text for s in said] == ["全年举办培训班6期，参训240人次。", "现将主要工作总结如下。"]
    assert said[0].sources == {"train_sessions", "train_people"} and not said[0].frame
    assert said[1].frame and not said[1].sources


def test_an_answer_cannot_forge_a_mark() -> None:
    forged = src("members") + "我们有100人。"
    assert sentences(without_marks_possible(forged))[0].sources == frozenset()


@pytest.mark.parametrize(
    ("story", "told"),
    [
        ("1月18日举办迎新春趣味运动会", "1月18日，我院工会举办迎新春趣味运动会"),
        ("国际护士节前后举办护理技能比武", "国际护士节前后，我院工会举办护理技能比武"),
        ("组织“万步有约”健步走打卡", "我院工会组织“万步有约”健步走打卡"),
        # A story with a doer of its own, or one that starts otherwise, stays as the chair wrote it.
        ("春节前院领导和工会干部分5组走访困难职工家庭", "春节前，院领导和工会干部分5组走访困难职工家庭"),
        ("根据职代会提案，7月起为夜班医护人员供应夜餐", "我院根据职代会提案，7月起为夜班医护人员供应夜餐"),
    ],
)
def test_a_story_without_a_doer_names_the_union(story: str, told: str) -> None:
    assert told_by(story, "我院工会") == told


def test_a_story_that_opens_with_its_date_takes_no_connector() -> None:
    assert led("暑期，我校工会组织教代会代表论证方案", "此外") == "暑期，我校工会组织教代会代表论证方案"
    assert led("为3名职工调整了出差安排", "此外") == "此外，为3名职工调整了出差安排"


def test_the_period_is_said_once_a_part_and_kept_where_a_word_leans_on_it() -> None:
    assert term_once("本年度共举办培训6期。本年度，工会帮扶8户。调解委员会本年度受理4件。", "本年度") == (
        "本年度共举办培训6期。工会帮扶8户。调解委员会受理4件。")
    assert term_once("工会在本年度获得了先进称号。", "本年度", said=True) == "工会获得了先进称号。"
    kept = "回顾本年度工作，本年度的赛事不少，本年度未换届。"
    assert term_once(kept, "本年度", said=True) == kept
    apart = "2023年获评省模范职工之家，本年度通过省总工会复核。"
    assert term_once(apart, "本年度", said=True) == apart  # another year in the sentence: it tells when
    assert term_once("2025年上半年，工会帮扶8户。上半年共举办培训6期。", "上半年") == (
        "2025年上半年，工会帮扶8户。共举办培训6期。")


def test_no_document_repeats_its_period_in_every_sentence() -> None:
    for name in NAMES:
        text = Composer().compose(answers(name)).as_text()
        assert max(text.count(t) for t in ("本年度", "本学年", "上半年")) <= 10, name


def test_a_time_ending_in_before_is_set_off_from_the_subject_that_follows() -> None:
    story = "春节前院领导和工会干部分5组走访困难职工家庭"
    assert told_by(story, "我院工会") == "春节前，院领导和工会干部分5组走访困难职工家庭"
    assert told_by("7月至9月开展“夏送清凉”", "工会") == "7月至9月，工会开展“夏送清凉”"
    assert told_by("端午节在江边举办龙舟赛", "工会") == "端午节，工会在江边举办龙舟赛"


def test_what_the_union_did_names_the_union_whatever_the_verb() -> None:
    assert done_by("搬迁期间开通上下班通勤班车", "我厂工会") == "搬迁期间，我厂工会开通上下班通勤班车"
    assert done_by("为加班教职工送去晚餐", "我园工会") == "我园工会为加班教职工送去晚餐"
    assert done_by("工会组织迎检练兵", "我园工会") == "工会组织迎检练兵"


def test_a_story_of_what_the_unit_did_names_the_unit() -> None:
    story = "采纳教代会提案，为年级组办公室添置护眼灯"
    assert told_by(story, "我校工会") == "我校采纳教代会提案，为年级组办公室添置护眼灯"
    assert told_by("7月起根据职代会提案增设夜班休息室", "我院工会") == "7月起，我院根据职代会提案增设夜班休息室"


def test_a_line_of_honours_splits_into_each_honour() -> None:
    found = honours("全国模范职工之家、省工会工作先进单位；市文明单位。")
    assert found == ["全国模范职工之家", "省工会工作先进单位", "市文明单位"]
    assert honours(None) == [] and honours("、") == []


def test_a_list_whose_item_joins_two_things_takes_no_second_conjunction() -> None:
    assert cn_list(["教育教学业务", "《工会法》与相关法规"]) == "教育教学业务、《工会法》与相关法规"
    listed = ["政治理论", "法律法规及《工会法》", "健康与心理疏导"]
    assert cn_list(listed) == "政治理论、法律法规及《工会法》、健康与心理疏导"
    assert cn_list(["应急处置与安全防范", "岗前知识", "作业规范"]) == "应急处置与安全防范、岗前知识和作业规范"


def test_an_item_that_is_a_list_itself_comes_last_after_yiji() -> None:
    assert cn_list(["劳动竞赛", "采煤机司机、液压支架工和电钳工比武", "技术比武"]) == (
        "劳动竞赛和技术比武以及采煤机司机、液压支架工和电钳工比武")
    assert cn_list(["劳保用品发放", "夏季防暑、冬季防寒", "隐患整改"]) == "劳保用品发放、夏季防暑、冬季防寒和隐患整改"


def test_kinds_typed_under_the_last_ones_head_are_one_item() -> None:
    assert listed_items("篮球、乒乓球、羽毛球比赛") == ["篮球、乒乓球和羽毛球比赛"]
    assert listed_items("业务技能竞赛、优秀文书评比") == ["业务技能竞赛", "优秀文书评比"]
    assert listed_items("八段锦、太极拳") == ["八段锦", "太极拳"]


def test_a_phrase_before_a_story_swaps_its_leading_event_verb_the_story_uses() -> None:
    assert fresh_lead("举办", "11月，学校举办同课异构比武") == "开展"
    assert fresh_lead("开展劳动竞赛和技术比武", "6月，工会开展知识竞赛") == "组织劳动竞赛和技术比武"
    assert fresh_lead("举办", "11月，学校组织同课异构比武") == "举办"
    assert fresh_lead("比武竞赛有教学比武", "11月，学校举办同课异构比武") == "比武竞赛有教学比武"  # no lead to swap


def test_the_month_a_story_opens_with() -> None:
    assert month_of("12月举办跳绳比赛") == 12 and month_of("1月18日举办运动会") == 1
    assert month_of("春节前走访困难职工") is None


def test_a_drawn_wording_gives_way_only_to_the_next_one_free_of_the_avoided_words() -> None:
    from templates.typography import first_free

    wordings = ["甲不足", "乙差距", "丙", "丁不足"]
    assert first_free(wordings, 2, ["不足"]) == "丙"  # the drawn one says none: kept
    assert first_free(wordings, 3, ["不足"]) == "乙差距"  # round the list to the next one free
    assert first_free(wordings, 3, ["不足", "差距"]) == "丙"
    assert first_free(wordings, 0, ["不足", "差距", "丙"]) == "甲不足"  # none free: the drawn one


@pytest.mark.parametrize(("typed", "counted"), [
    ("老师提了两条，1.实训车间冬天太冷 2.汽修车间没地方换衣服，学校都解决了",
     "老师提了两条，一是实训车间冬天太冷；二是汽修车间没地方换衣服，学校都解决了"),
    ("1.办好教学比赛；2.添几台健身器材、3.落实加班补助", "一是办好教学比赛；二是添几台健身器材；三是落实加班补助"),
    # In the middle of a story they are its clauses: 一是 would turn what happened into points.
    ("比赛分两轮，1.35岁以下的都参加 2.前两名推荐去市里", "比赛分两轮，35岁以下的都参加，前两名推荐去市里"),
    ("暑假集训期间1.给老师送午餐、2.派人去省里陪同", "暑假集训期间，给老师送午餐，派人去省里陪同"),
    ("经费增长1.5倍，2.3万元用于慰问", "经费增长1.5倍，2.3万元用于慰问"),  # no 1, 2… in order: decimals
    ("教学团队获评省级创新团队；1.黄老师获二等奖 2.林老师获评优秀班主任",
     "教学团队获评省级创新团队；一是黄老师获二等奖；二是林老师获评优秀班主任"),
    # Circled numbers and spoken ordinals count off points as digits do.
    ("收费技能比武 ①9个站每站派2人 ②同时开展了手语服务比赛", "收费技能比武，9个站每站派2人，同时开展了手语服务比赛"),
    ("车缝组开展劳动竞赛，①每周评一次流动红旗 ②返工率最低的组每人奖200元",
     "车缝组开展劳动竞赛，每周评一次流动红旗，返工率最低的组每人奖200元"),
    ("提了两条，第一，食堂加个菜，第二，夜班有人接送", "提了两条，一是食堂加个菜；二是夜班有人接送"),
    ("小何拿了第一，大家都说好", "小何拿了第一，大家都说好"),
])
def test_points_numbered_by_hand_are_counted_off_as_a_report_does(typed: str, counted: str) -> None:
    assert renumbered(typed) == counted


def test_plans_numbered_by_hand_whatever_the_separator_are_each_a_plan() -> None:
    plans = "1.办好教学能力比赛；2.教工之家添几台健身器材、3.争取落实加班补助；4.办好合唱队"
    text = "".join(b.text for b in Composer().compose({**answers("minimal"), "next_plans": plans}).blocks
                   if b.kind == "p")
    assert "三是争取落实加班补助" in text and "四是办好合唱队" in text and "3." not in text, text


def test_plans_counted_off_in_words_after_an_announcement_are_each_a_plan_and_the_announcement_none() -> None:
    plans = "明年想做这么几件事，第一，推进编外人员权益保障，第二，更新健身房器材，第三，办好短视频大赛"
    assert items(plans) == ["推进编外人员权益保障", "更新健身房器材", "办好短视频大赛"]
    # As the document reads them: the chair's own words in the written register first.
    assert items(written(plans)) == ["推进编外人员权益保障", "更新健身房器材", "办好短视频大赛"]
    assert items(written("明年想做这么几件事：1.建好书屋 2.办好比武")) == ["建好书屋", "办好比武"]


def test_a_numbered_plan_ending_on_a_counting_word_is_a_plan_not_an_announcement() -> None:
    plans = "1.安康杯接着搞，群监员要覆盖到每个作业点 2.再办一届技能比武 3.困难职工档案每年更新一次"
    assert items(written(plans))[0] == "安康杯继续开展，群监员要覆盖到每个作业点"
    assert len(items(written(plans))) == 3


@pytest.mark.parametrize("typed, reads", [
    ("咱们全体老师签了师德承诺书，查了有偿补课，没发现问题", "全体老师签订了师德承诺书，查了有偿补课，未发现问题"),
    ("七夕跟电子厂搞了青年联谊会，听说成了3对", "七夕跟电子厂举办了青年联谊会，据了解成了3对"),
    ("一圈跑下来一个多钟头，检测从半个钟头缩短到10分钟", "一圈跑下来一个多小时，检测从半小时缩短到10分钟"),
    ("6个年级组打，高二组拿第一", "6个年级组打，高二组获得第一名"),
    ("9月通过了省里的星级评定，评上三星级", "9月通过了省级星级评定，获评三星级"),
    ("动员老师们整理材料，暑假加班的老师工会给送了水果和盒饭",
     "动员老师们整理材料，工会为暑假加班的老师送了水果和盒饭"),
    ("工会给每人配了防晒袖套", "工会给每人配了防晒袖套"),
    ("咱们400多人连续抢修三天三夜，咱们留守儿童多", "400多人连续抢修三天三夜，留守儿童多"),
    ("评了年度十佳驾驶员10名，我校11月通过复评了", "评出了年度十佳驾驶员10名，我校11月通过复评"),
    ("我园就是签订了师德承诺书，然后家长会上发了问卷，满意度挺高的",
     "我园签订了师德承诺书，随后家长会上发了问卷，满意度较高"),
    ("就是签了师德承诺书", "签订了师德承诺书"),
    ("我校11月通过复评了，我们园长演大灰狼", "我校11月通过复评，园长演大灰狼"),
    ("12名代表交了5件提案，底薪提到2600，每晚发20块夜宵补贴",
     "12名代表提交了5件提案，底薪提高到2600，每晚发20元夜宵补贴"),
    ("把72个首末站挨个跑了一遍，最后输电运检班赢了，2项拿了国家实用新型专利",
     "把72个首末站逐一走访了一遍，最后输电运检班获胜，2项获得国家实用新型专利"),
    ("迎检那段时间，老师天天加班；线路调整那几个月给司机送早餐", "迎检期间，老师天天加班；线路调整期间给司机送早餐"),
    ("师德承诺书全签了，开学查了一遍有偿补课，没发现", "师德承诺书全部签订，开学查了一遍有偿补课，未发现问题"),
    ("老师说工资发得太晚，我姐（园长）说以后每月10号前发", "老师说工资发得太晚，园长说以后每月10日前发"),
    ("十月份去农庄亲子游，20来个家庭，家长都笑疯了", "10月去农庄亲子游，20余个家庭，家长都笑得前仰后合"),
    ("有个保育员阿姨腰扭了，给娃穿衣服", "有个保育员腰扭了，给孩子穿衣服"),
    ("推了2个县优秀教师，老师跟留守娃结对", "推荐了2个县优秀教师，老师跟留守儿童结对"),
    ("赵敏最后拿了学校一等奖，代表队拿了团体第二", "赵敏最后获得学校一等奖，代表队获得团体第二"),
    ("9月16号到18号办了比武", "9月16日至18日办了比武"),
    ("基地搞个休息板房，给医生弄个心理减压的活动", "基地建一个休息板房，给医生举办一次心理减压的活动"),
    ("弄个小的休息室给老师", "建一个小的休息室给老师"),
    ("安全监督员一共38个，会员有3个小组，老师12个。", "安全监督员共38名，会员有3个小组，老师12名。"),
    ("职工之家8月改造完，把剩下8条隐患整改完；改造完成的", "职工之家8月改造完成，把剩下8条隐患整改完成；改造完成的"),
    ("建了个小的母婴室，分院刚开那会儿大伙两头跑", "建了一个小的母婴室，分院刚开时大家两头跑"),
    ("冲刺那两个月，研发天天加班；她化疗那半年", "冲刺的两个月里，研发天天加班；她化疗的半年里"),
    ("工会搞了加班餐和夜间打车报销，9月底上线了", "工会安排了加班餐和夜间打车报销，9月底上线"),
    ("41个年轻人全部参加，6个队、72个人，12个司机之家，32个家庭",
     "41名年轻人全部参加，6个队、72人，12个司机之家，32个家庭"),
    ("一年省电费大概80多万，差不多70个人，降了大概110度", "一年省电费80余万，近70人，降了约110度"),
    ("夜里给抢工的弟兄送面条，每天排队上百号人", "夜里给抢工的职工送面条，每天排队上百人"),
    ("一共11组，好几个代表提了，统一共享", "共11组，多个代表提了，统一共享"),
    ("帮一个老大爷跑了三趟，奖了8000元，好多人不知道工会是干啥的",
     "帮一位老人跑了三趟，奖励了8000元，许多人不知道工会是做什么的"),
    ("是我们前台平时收集的留言，情况好多了", "是前台平时收集的留言，情况好多了"),
    ("外包检修队的民工也有份，农民工全部入会", "外包检修队的务工人员也有份，农民工全部入会"),
    ("评出了10个“服务之星”，师德标兵6个，“金牌班组”4个", "评出了10名“服务之星”，师德标兵6名，“金牌班组”4个"),
    ("县教职工篮球赛第三，第三届运动会，技能赛第一批", "县教职工篮球赛第三名，第三届运动会，技能赛第一批"),
    ("“最美女司机”评选，评出来10名，全员签承诺书", "“最美女司机”评选，评出10名，全员签订承诺书"),
    ("弄虚作假的抓了2起，最后赔了6800，每月300块放射津贴，2块展板",
     "弄虚作假的查处了2起，最后赔偿了6800，每月300元放射津贴，2块展板"),
])
def test_a_chairs_spoken_words_read_in_the_written_register(typed: str, reads: str) -> None:
    assert written(typed) == reads


@pytest.mark.parametrize("name", ["桐溪县第二中学", "和平街道社区卫生服务中心"])
def test_the_whole_staff_as_the_doer_of_the_ethics_work_takes_no_unit_before_it(name: str) -> None:
    for unit_type, self_name, typed in (("school", "school", "咱们全体老师签了师德承诺书"),
                                        ("hosp", "centre", "全中心签了医德医风承诺书")):
        text = Composer().compose({"unit_name": name, "unit_type": unit_type, "self_name": self_name,
                                   "period": "year", "year": 2025, "train_done": ["ethics"],
                                   "ethics_work": typed}).as_text()
        assert re.search("全(体老师|中心)签订了", text), text
        assert not re.search("我(校|中心)(咱们)?全", text), text


def test_what_the_union_did_for_the_central_work_opening_on_mobilising_takes_the_union_as_its_doer() -> None:
    assert done_by("动员老师们整理课程材料，工会为加班的老师送了盒饭", "我院工会").startswith("我院工会动员老师们")
