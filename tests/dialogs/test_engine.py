"""The engine on a real database (SQLite and PostgreSQL): the interview, resume and bad input."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as open_docx

from dialogs.events import Choice, Command, Document, Preview, Start
from tests.support.answers import HOSPITAL_FIGURES, HOSPITAL_SCRIPT
from tests.support.chat import Chair, answers_of, make_engine


async def test_whole_interview_produces_the_document(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    assert chair.prompt.question_id == "unit_name"
    for line in HOSPITAL_SCRIPT:
        await chair.send(line)
    assert chair.prompt.question_id == "review"  # the review offers its buttons
    assert [o.label for o in chair.prompt.options] == ["生成文档", "预览全文", "修改回答"]
    replies = await chair.send(Choice(("finish",), "review", chair.prompt.version))
    document = next(r for r in replies if isinstance(r, Document))
    assert document.filename == "滨江市第一人民医院工会2025年工作总结.docx"
    text = "\n".join(p.text for p in open_docx(io.BytesIO(document.data)).paragraphs)
    for figure in HOSPITAL_FIGURES:
        assert figure in text, figure
    assert "None" not in text


async def test_a_fresh_engine_continues_at_the_same_question(database) -> None:
    first = Chair(make_engine(database))
    await first.send(Start())
    answered = await first.answer_until("train_people")
    waiting_on = first.prompt.question_id

    second = Chair(make_engine(database))  # as after a restart: nothing shared but the database
    await second.send(Start())
    assert second.prompt.question_id == waiting_on
    stored = await answers_of(second)
    assert stored["unit_name"] == "滨江市第一人民医院"
    assert stored["members_female"] == 583
    assert stored["train_sessions"] == 12
    # Every question the first engine asked and the chair answered (or skipped) is stored, and nothing else.
    assert set(stored) == set(answered)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "没看懂“abc”"),
        ("-5", "不能是负数"),
        ("1000000000000", "之间的数字"),
        ("", "还没有输入内容"),
        ("😀", "没看懂"),
        ("3.5", "整数"),
    ],
)
async def test_bad_number_is_refused_and_nothing_is_stored(database, typed: str, message: str) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("staff_total")
    before = await answers_of(chair)
    await chair.send(typed)
    assert any(message in notice for notice in chair.notices), chair.notices
    assert chair.prompt.question_id == "staff_total"
    assert await answers_of(chair) == before


async def test_back_skip_and_required_questions(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.send("返回")
    assert "第一题" in chair.notices[0]
    await chair.send("跳过")  # the unit name is required
    assert "必答题" in chair.notices[0] and chair.prompt.question_id == "unit_name"
    await chair.answer_until("members")
    await chair.send("跳过")
    # No members, so the follow-up about women members is not asked.
    assert chair.prompt.question_id == "new_members"
    await chair.send("/back")
    assert chair.prompt.question_id == "members"
    assert "已跳过" in chair.prompt.text
    await chair.send("80")
    assert chair.prompt.question_id == "members_female"
    await chair.send("90")  # more women than members
    assert any("女会员人数”（90人）不能多于“工会会员人数”（80人）" in n for n in chair.notices)
    assert (await answers_of(chair)).get("members_female") is None


async def test_after_going_back_an_answer_returns_to_where_the_chair_was(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("train_sessions")
    for _ in range(10):  # train_done, honors_others, honors, org_change_n, org_change, union_groups, … members
        await chair.send("返回")
    assert chair.prompt.question_id == "members"
    await chair.send("841")
    assert chair.prompt.question_id == "train_sessions"
    assert (await answers_of(chair))["members"] == 841


async def test_preview_shows_the_text_so_far(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("members_female")
    replies = await chair.send("预览")
    preview = next(r for r in replies if isinstance(r, Preview))
    assert "滨江市第一人民医院工会2025年工作总结" in preview.text
    assert re.search(r"在职职工(共|为)?862人", preview.text)
    assert chair.prompt.question_id == "members_female"


async def test_finish_is_refused_while_required_questions_are_open(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("party_org")
    await chair.send(Command("finish"))
    assert re.search("培训与竞赛工作.*民主管理与维权工作.*帮扶和福利工作.*文体活动.*落款日期", chair.notices[0])
    assert not any(isinstance(r, Document) for r in chair.replies)


async def test_a_redelivered_update_is_applied_once(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start(), update_id=1)
    await chair.send("甲厂", update_id=2)
    replies = await chair.send("乙厂", update_id=2)
    assert [r.question_id for r in replies] == ["unit_type"]  # where the chair is, nothing applied
    assert (await answers_of(chair))["unit_name"] == "甲厂"


async def test_a_stale_button_gets_the_current_question(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.send("甲厂")
    tapped = chair.prompt
    await chair.send(Choice(("ent",), tapped.question_id, tapped.version))
    assert chair.prompt.question_id == "self_name"
    await chair.send(Choice(("school",), tapped.question_id, tapped.version))  # the old message's button
    assert "过期" in chair.notices[0]
    assert chair.prompt.question_id == "self_name"
    assert (await answers_of(chair))["unit_type"] == "ent"


async def test_a_summary_too_thin_to_hand_in_is_not_written_silently(database) -> None:
    from tests.support import samples
    from tests.support.answers import script

    chair = Chair(make_engine(database))
    await chair.send(Start())
    for line in script(samples.typed("minimal")):
        await chair.send(line)
    replies = await chair.send("完成")
    assert not any(isinstance(r, Document) for r in replies)
    assert "内容还很少" in chair.notices[0] and "干部与职工培训" in chair.notices[0]
    replies = await chair.send("仍然生成")
    assert any(isinstance(r, Document) for r in replies)


async def test_nothing_typed_is_none_of_a_count_and_a_skip_of_text_never_words_of_the_summary(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.send("无")  # the unit's name: the summary cannot do without it
    assert "不能填“没有”" in chair.notices[0] and chair.prompt.question_id == "unit_name"
    await chair.answer_until("retirees_total")
    await chair.send("没有")  # 没有请填 0
    assert (await answers_of(chair))["retirees_total"] == 0
    await chair.answer_until("honors")
    await chair.send("没有。")
    assert any("记为“没有”" in n for n in chair.notices) and chair.prompt.question_id != "honors"
    answers = await answers_of(chair)
    assert "honors" in answers and answers["honors"] is None
    await chair.answer_until("train_sessions", typed={"train_done": "1"})
    await chair.send("没有")  # counted from 1: none is no count, the question is left as skipped
    assert chair.prompt.question_id != "train_sessions"
    assert (await answers_of(chair))["train_sessions"] is None
