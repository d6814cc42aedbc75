"""Complete, realistic answer sets, typed the way chairs type them, and the scripts they make."""

from __future__ import annotations

from datetime import date

from dialogs.answers import ParseContext, parse_answer
from dialogs.bank import load_bank

# What a hospital chair types for every question of the bank (a question not listed is skipped).
HOSPITAL: dict[str, str] = {
    "unit_name": "滨江市第一人民医院工会",  # the 工会 suffix is dropped
    "unit_type": "4",
    "period": "1",
    "year": "2025",
    "party_org": "1",
    "upper_union": "滨江市卫生健康系统工会",
    "centre_task": "创建三级甲等医院",
    "staff_total": "86",
    "retirees_total": "20",
    "members": "80",
    "members_female": "52",
    "union_groups": "6",
    "org_change": "1",
    "org_change_n": "7",
    "honors": "市级模范职工之家",
    "train_sessions": "6",
    "train_people": "240",
    "train_topics": "1 2 3 7",
    "train_topics_other": "心理健康讲座",
    "cadre_training": "3",
    "cadre_people": "5",
    "contests": "1 2 9",
    "contests_other": "护理操作大比武",
    "contests_n": "4",
    "study_routine": "2",
    "train_awards": "市护理技能竞赛二等奖2人",
    "congress": "是",
    "congress_month": "3月",
    "congress_reps": "45",
    "congress_agenda": "1 2 3 8",
    "congress_agenda_other": "职工食堂改造方案",
    "proposals": "18",
    "proposals_answered": "15",
    "openness": "1 2 3",
    "openness_items": "1 2 4",
    "contract": "2",
    "safety": "1 2 3",
    "safety_checks": "4",
    "funds_open": "是",
    "hardship_households": "12",
    "hardship_funds": "2.4万",
    "visit_occasions": "1 3 4",
    "visits_n": "35",
    "festivals": "2 4 9",
    "festival_spend": "3.6万",
    "health_check": "80",
    "women_care": "1 2 3",
    "retirees_visits": "20",
    "mutual_insurance": "86",
    "donations": "6800",
    "activity_types": "1 7 8 15",
    "activity_other": "八段锦教学",
    "activities_n": "8",
    "activities_people": "300",
    "featured_event": "迎新春趣味运动会",
    "featured_month": "1月",
    "external_awards": "市卫生系统职工乒乓球赛团体第三名",
    "home_facilities": "1",
    "shortcomings": "1 2 6",
    "shortcomings_other": "会员信息化管理还比较薄弱",
    "next_plans": "建好职工书屋；办一次技能比武",
    "sign_date": "2026年1月10日",
}

# Figures from these answers that the finished document must state.
HOSPITAL_FIGURES = ["86人", "80人", "52人", "6期", "240人次", "45名", "18件", "15件", "12户次", "2.4万元", "80名",
                    "8场", "300人次"]

TODAY = date(2026, 1, 10)


def script(typed: dict[str, str], today: date = TODAY) -> list[str]:
    """The lines a chair sends, in interview order: skipped questions as 跳过, hidden ones not at all."""
    bank = load_bank()
    values: dict = {}
    lines = []
    for question in bank.questions:
        if not question.is_shown(values):
            continue
        if question.id in typed:
            ctx = ParseContext(today=today, year=values.get("year"), period=values.get("period"))
            values[question.id] = parse_answer(question, typed[question.id], ctx)
            lines.append(typed[question.id])
        else:
            values[question.id] = None
            lines.append("跳过")
    return lines


HOSPITAL_SCRIPT = script(HOSPITAL)


def lines_before(question_id: str, typed: dict[str, str] = HOSPITAL) -> list[str]:
    """The script up to (not including) the answer to `question_id`."""
    shown_ids = _shown_ids(typed)
    assert question_id in shown_ids, question_id
    return script(typed)[: shown_ids.index(question_id)]


def _shown_ids(typed: dict[str, str]) -> list[str]:
    bank = load_bank()
    values: dict = {}
    ids = []
    for question in bank.questions:
        if question.is_shown(values):
            ids.append(question.id)
            ctx = ParseContext(today=TODAY, year=values.get("year"), period=values.get("period"))
            values[question.id] = parse_answer(question, typed[question.id], ctx) if question.id in typed else None
    return ids
