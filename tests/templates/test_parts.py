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
