"""A complete, realistic set of answers, typed the way a chair types them."""

from __future__ import annotations

# (what the chair types, why) in interview order for a hospital; every question is answered.
HOSPITAL_SCRIPT: list[str] = [
    "滨江市第一人民医院工会",  # unit_name; the 工会 suffix is dropped
    "4",  # unit_type: 医院
    "1",  # period: 全年
    "2025",
    "86",  # staff_total
    "80",  # members
    "52",  # members_female
    "1",  # org_change: 完成换届
    "6",  # train_sessions
    "240",  # train_people
    "1 2 3",  # train_topics
    "3",  # cadre_training: both
    "市护理技能竞赛二等奖2人",
    "是",  # congress
    "3月",
    "45",  # congress_reps
    "18",  # proposals
    "15",  # proposals_answered
    "1 3",  # openness
    "12",  # hardship_households
    "2.4万",  # hardship_funds
    "2 3 6",  # festivals
    "80",  # health_check
    "1 6 7",  # activity_types
    "8",  # activities_n
    "300",  # activities_people
    "迎新春趣味运动会",
    "1 2",  # shortcomings
    "建好职工书屋；办一次技能比武",
    "2026年1月10日",
]

# Figures from the script that the finished document must state.
HOSPITAL_FIGURES = ["86人", "80人", "52人", "6期", "240人次", "45名", "18件", "15件", "12户次", "2.4万元", "80名",
                    "8场", "300人次"]
