"""What chairs really type, per question type: accepted inputs and their values, refused ones and why."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from dialogs.answers import AnswerError, ParseContext, check_relations
from dialogs.bank import Question, load_bank
from dialogs.display import format_value, label
from dialogs.question_types import parse_keys, parse_typed

BANK = load_bank()
Q = {**BANK.for_unit("hosp").by_id}  # as a hospital chair sees them: the options they are offered
# The bank asks no yes/no question today; the type stays available to banks, so it keeps its tests.
Q["yes_no"] = Question(id="yes_no", section="rights", label="召开职代会", type="yesno", text="召开职代会了吗？")
CTX = ParseContext(today=date(2026, 1, 10), year=2025, period="year")
PHRASES = {"staff": "职工", "self": "公司", "congress": "职代会", "openness": "厂务公开", "ethics": "职业道德",
           "home": "职工之家", "kind": "企业"}


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        ("staff_total", "86", 86),
        ("staff_total", "１２", 12),
        ("staff_total", "1,200", 1200),
        ("staff_total", "共300人", 300),
        ("year", "2025年", 2025),
        ("year", "二〇二五年", 2025),
        ("staff_total", "三十", 30),
        ("staff_total", "86人", 86),
        ("train_people", "2.5万", 25000),
        ("train_people", "两万五千", 25000),
        ("hardship_funds", "2.5万", 25000),
        ("hardship_funds", "25000元", 25000),
        ("hardship_funds", "两万五千", 25000),
        ("hardship_funds", "99。8", 99.8),
        ("hardship_funds", "1,200.50元", 1200.5),
        ("unit_name", "  红星机械厂工会 ", "红星机械厂"),
        ("unit_type", "4", "hosp"),
        ("unit_type", "医院", "hosp"),
        ("festivals", "1 3 5", ["newyear", "lantern", "labor"]),
        ("festivals", "1，3、5", ["newyear", "lantern", "labor"]),
        ("festivals", "135", ["newyear", "lantern", "labor"]),
        ("festivals", "春节 中秋", ["spring", "autumn"]),
        ("yes_no", "是", True),
        ("yes_no", "没有", False),
        ("yes_no", "1", True),
        ("congress_month", "3月", 3),
        ("congress_month", "三月", 3),
        ("congress_month", "12", 12),
        ("congress_month", "3月8日", 3),
        ("sign_date", "2026-1-10", "2026-01-10"),
        ("sign_date", "2026年1月10日", "2026-01-10"),
        ("sign_date", "1月8日", "2026-01-08"),
        ("sign_date", "二〇二六年一月八日", "2026-01-08"),
        ("sign_date", "今天", "2026-01-10"),
    ],
)
def test_accepted(question: str, typed: str, value: object) -> None:
    assert parse_typed(Q[question], typed, CTX) == value


@pytest.mark.parametrize(
    ("question", "typed", "message"),
    [
        ("staff_total", "abc", "没看懂“abc”，请只回复一个数字，例如：86"),
        ("staff_total", "-5", "不能是负数"),
        ("staff_total", "0", "请输入 1 到 100000 之间的数字"),
        ("staff_total", "1000000000000", "请输入 1 到 100000 之间的数字"),
        ("staff_total", "   ", "还没有输入内容"),
        ("staff_total", "😀", "没看懂"),
        ("staff_total", "12.5", "整数"),
        ("hardship_funds", "很多", "没看懂这个金额"),
        ("hardship_funds", "-100", "不能是负数"),
        ("unit_name", "厂", "至少需要 2 个字"),
        ("unit_name", "长" * 41, "请控制在 40 字以内"),
        ("unit_type", "9", "请回复选项前的数字（1 到 6）"),
        ("festivals", "1 99", "请回复选项前的数字（1 到 11）"),
        ("activity_types", "1 17", "“没有”不能和其他选项同时选"),
        ("yes_no", "也许", "请回复“是”或“否”"),
        ("congress_month", "13月", "1 到 12"),
        ("sign_date", "明年", "2026年1月10日"),
        ("sign_date", "2026-2-30", "2026年2月没有30日"),
        ("sign_date", "2026年2月30日", "2026年2月没有30日"),
        ("staff_total", "约300", "“约300”是个约数"),
        ("staff_total", "300多", "请回复一个确数，例如：300"),
        ("staff_total", "十来次", "请回复一个确数，例如：10"),
        ("hardship_funds", "约2万", "请回复一个确数，例如：20000"),
        ("sign_date", "2024年5月1日", "应在 2025年1月1日 到 2026年12月31日 之间"),
    ],
)
def test_refused(question: str, typed: str, message: str) -> None:
    with pytest.raises(AnswerError) as error:
        parse_typed(Q[question], typed, CTX)
    assert message in str(error.value)


def test_an_unreadable_chinese_date_is_refused_without_echoing_it_to_the_logs() -> None:
    # Python warnings go to stderr, the bot's log; the chair's text must not.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AnswerError, match="没看懂这个日期"):
            parse_typed(Q["sign_date"], "两万五千两万五千月三日", CTX)


def test_a_half_year_refuses_months_after_june() -> None:
    half = ParseContext(today=date(2025, 7, 10), year=2025, period="half")
    assert parse_typed(Q["congress_month"], "6月", half) == 6
    with pytest.raises(AnswerError, match="上半年的总结只包括 1 到 6 月"):
        parse_typed(Q["congress_month"], "9月", half)


def test_a_school_year_spans_two_calendar_years() -> None:
    school = ParseContext(today=date(2026, 7, 10), year=2025, period="school")
    assert parse_typed(Q["sign_date"], "2026年7月10日", school) == "2026-07-10"
    with pytest.raises(AnswerError, match="2025年9月1日"):
        parse_typed(Q["sign_date"], "2025年3月1日", school)


def test_buttons_are_validated_too() -> None:
    assert parse_keys(Q["activity_types"], ["walk", "basketball"]) == ["basketball", "walk"]
    assert parse_keys(Q["yes_no"], ["yes"]) is True and parse_keys(Q["yes_no"], ["no"]) is False
    with pytest.raises(AnswerError):
        parse_keys(Q["yes_no"], ["maybe"])
    with pytest.raises(AnswerError):
        parse_keys(Q["festivals"], ["kids"])  # 六一 is a kindergarten's festival, not a hospital's
    with pytest.raises(AnswerError):
        parse_keys(Q["activity_types"], ["none", "walk"])
    with pytest.raises(AnswerError):
        parse_keys(Q["unit_type"], ["castle"])


# How the interview names a question and shows a value in a message.
SHOWN = (lambda q: label(q, PHRASES), lambda q, v: format_value(q, v, PHRASES))


@pytest.mark.parametrize(
    ("question", "value", "answers", "message"),
    [
        ("members_female", 90, {"members": 80}, "“女会员人数”（90人）不能多于“工会会员人数”（80人）"),
        ("members", 40, {"members_female": 52}, "“女会员人数”（52人）不能多于“工会会员人数”（40人）"),
        ("proposals_answered", 20, {"proposals": 18}, "“已答复或落实的提案”（20件）不能多于“收到提案和建议”（18件）"),
        ("train_people", 3, {"train_sessions": 6}, "“参训人次”（3人次）不能少于“培训期数”（6期）"),
        ("health_check", 120, {"staff_total": 86, "retirees_total": 20},
         "“体检人数（含离退休人员）”（120人）不能多于“在职职工人数、离退休人员人数之和”（106人）"),
        ("festival_spend", 365000.0, {"funds_spend": 300000.0},
         "“节日慰问支出”（36.5万元）不能多于“工会经费支出”（30万元）"),
        # Each kind of contest ticked was held at least once, whichever answer comes second.
        ("contests_n", 1, {"contests": ["drill", "skills"]},
         "“比武竞赛场次”（1场）不能少于“比武与竞赛”里选中的项数（2项）"),
        ("contests", ["drill", "skills", "quiz"], {"contests_n": 2},
         "“比武竞赛场次”（2场）不能少于“比武与竞赛”里选中的项数（3项）"),
    ],
)
def test_cross_field_checks_name_the_numbers(question: str, value: int, answers: dict, message: str) -> None:
    with pytest.raises(AnswerError) as error:
        check_relations(Q[question], value, answers, Q, *SHOWN)
    assert str(error.value).startswith(message)


def test_cross_field_checks_pass_when_consistent() -> None:
    check_relations(Q["health_check"], 100, {"staff_total": 86, "retirees_total": 20}, Q, *SHOWN)
    check_relations(Q["health_check"], 80, {"staff_total": 86}, Q, *SHOWN)
    check_relations(Q["festival_spend"], 365000.0, {"funds_spend": 586000.0}, Q, *SHOWN)
    check_relations(Q["contests_n"], 2, {"contests": ["drill", "skills"]}, Q, *SHOWN)


def test_all_of_them_stands_for_the_count_it_may_not_exceed() -> None:
    with_received = ParseContext(today=CTX.today, year=2025, period="year", all_of=12)
    assert parse_typed(Q["proposals_answered"], "全部", with_received) == 12
    with pytest.raises(AnswerError):
        parse_typed(Q["proposals_answered"], "全部", CTX)  # nothing received to stand for
