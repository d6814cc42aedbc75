"""Answers that fill a report's opening, basic part and culture part: enough for the report to be told under
headings (a thin one is told as plain paragraphs), for tests of what the headings of the other parts say."""

from __future__ import annotations

AMPLE = {
    "centre_task": "新厂区搬迁和满产达产",
    "centre_result": "9月迁入新厂区，年底各产线达到设计产能",
    "centre_union": "组织职工分批参观新厂区，开通上下班通勤班车，搬迁期间给加班职工送夜餐，"
                    "开展“搬迁我出力”合理化建议征集",
    "staff_total": 612, "retirees_total": 210, "members": 598, "members_female": 137, "new_members": 64,
    "union_groups": 18, "org_change": "elect", "org_change_n": 7, "honors": "省模范职工之家",
    "home_facilities": "open", "home_items": ["room", "books", "gym", "mother"],
    "honors_others": "装配车间二班获评省工人先锋号；焊工赵建军获市五一劳动奖章",
    "activity_types": ["basketball", "pingpong"], "activities_n": 6,
    "culture_highlight": "5月举办职工篮球联赛，8个车间组队参赛，历时一个月共打了28场比赛，装配车间队夺得冠军，"
                         "决赛那天三百多名职工到场加油",
    "culture_highlight_by": "union",
    "culture_highlight_2": "国庆前组织职工合唱团参加区职工合唱比赛，40多名职工利用午休排练了两个月，请了区文化馆的老师"
                           "来指导，最后拿了二等奖",
    "culture_highlight_2_by": "union",
}
