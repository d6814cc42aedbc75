"""From template text to blocks: long paragraphs split between topics, the unit named once a part."""

from __future__ import annotations

from templates import parts


def test_a_paragraph_is_cut_only_where_both_sides_keep_a_paragraphs_worth() -> None:
    lines = ["甲" * 60, "乙" * 100, "丙" * 120]
    assert parts.split_long(lines, [1, 2]) == [["甲" * 60, "乙" * 100], ["丙" * 120]]  # not after a scrap of 60
    assert parts.split_long(lines * 2, [1, 2, 3, 4, 5]) == [lines[:2], lines[2:], lines[:2], lines[2:]]
    assert parts.split_long(["甲" * 100, "乙" * 100], [1]) == [["甲" * 100, "乙" * 100]]  # not long: whole
    assert parts.split_long(["甲" * 200, "乙" * 60], [1]) == [["甲" * 200, "乙" * 60]]  # no scrap of 60


def test_a_part_that_named_the_unit_does_not_name_it_again_before_its_union_or_home() -> None:
    named = {"本企业工会": "工会", "本企业职工": "职工", "本企业职工之家": "职工之家"}
    text = "# 一、基本情况\n本企业建设改造了职工之家。本企业职工之家通过复查。\n\n本企业工会获评先进。"
    said = [b.text for b in parts.blocks(text, named=named) if b.kind == "p"]
    assert said == ["本企业建设改造了职工之家。职工之家通过复查。", "工会获评先进。"]


def test_after_a_bare_union_the_unit_is_not_named_before_its_union_again() -> None:
    named = {"我局工会": "工会", "我局干部职工": "干部职工", "我局职工之家": "职工之家"}
    text = "# 四、关心干部职工\n工会看望干部职工19人次。\n\n汛期，我局工会为执法人员送去防汛物资。"
    said = [b.text for b in parts.blocks(text, named=named) if b.kind == "p"]
    assert said == ["工会看望干部职工19人次。", "汛期，工会为执法人员送去防汛物资。"]
    heading = "# 四、关心干部职工生活\n本年度，我局工会看望干部职工19人次。"
    first = [b.text for b in parts.blocks(heading, named=named) if b.kind == "p"]
    assert first == ["本年度，我局工会看望干部职工19人次。"]  # a heading's words do not count as said


def test_no_lines_make_no_paragraph() -> None:
    assert parts.split_long([], []) == []
    assert parts.blocks("# 一、基本情况\n~~\n") == []


def test_a_short_act_of_the_union_takes_the_next_one_as_its_second_clause() -> None:
    from templates.sources import src

    text = (f"工会看望离退休老同志380人次{src('retirees_visits')}。工会为过生日的职工送上蛋糕，还举办了集体生日会"
            f"{src('birthday')}。经工会组织，2790人参加了健康体检{src('health_check')}。")
    [paragraph] = parts.blocks(text)
    assert paragraph.text == ("工会看望离退休老同志380人次，为过生日的职工送上蛋糕，还举办了集体生日会。"
                              "经工会组织，2790人参加了健康体检。")
    assert [set(s.sources) for s in paragraph.sentences] == [{"retirees_visits", "birthday"}, {"health_check"}]


def test_only_a_short_single_clause_act_takes_the_next_one_and_only_the_unions_acts() -> None:
    kept = [
        "工会为过生日的职工送上蛋糕，还举办了集体生日会。工会组织320名职工参加疗休养。",  # the first has two clauses
        "工会经费共支出486万元。工会编制经费预算和决算。",  # 工会经费 is not the union acting
        "工会看望离退休老同志380人次。工会干部参加培训26人次。",  # nor are its cadres
        "工会组织全体在职和离退休的职工及其家属参加了本年度组织的健康体检。工会为320名职工安排了疗休养。",  # too long
        "工会组织的集中学习每月举行一次。工会选派干部参加上级培训班。",  # the union's study is not its act
    ]
    for text in kept:
        assert [b.text for b in parts.blocks(text)] == [text]
    # Nor across a change of topic the template marks.
    [paragraph] = parts.blocks("工会参加安全检查8次。\n~~\n工会向会员公示经费收支。")
    assert paragraph.text == "工会参加安全检查8次。工会向会员公示经费收支。"


def test_a_soft_break_glued_to_a_sentence_still_breaks_and_is_never_printed() -> None:
    [paragraph] = parts.blocks("工会小组共有3个。~~\n工会获评先进。")
    assert paragraph.text == "工会小组共有3个。工会获评先进。"
    long = "甲" * 150 + "。~~乙" + "乙" * 150 + "。"
    assert [b.text for b in parts.blocks(long)] == ["甲" * 150 + "。", "乙" * 151 + "。"]


def test_the_same_act_of_the_union_joined_again_is_told_as_another() -> None:
    [paragraph] = parts.blocks("工会组织全体45名教职工参加健康体检。工会组织40名教职工参加疗休养。")
    assert paragraph.text == "工会组织全体45名教职工参加健康体检，还组织40名教职工参加疗休养。"
