"""Navigation scenarios on the engine (SQLite and PostgreSQL), as a chair on a phone would move."""

from __future__ import annotations

import io
import re

from docx import Document as open_docx

from dialogs.events import Choice, Document, Preview, Start, Submit, Toggle
from tests.support.answers import HOSPITAL
from tests.support.chat import Chair, answers_of, make_engine


def documents(replies: list) -> list[Document]:
    return [r for r in replies if isinstance(r, Document)]


async def test_back_across_a_when_branch_skips_hidden_follow_ups(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("train_done", HOSPITAL)
    await chair.send("8")  # 都没有: none of the training details are asked
    assert chair.prompt.question_id == "rights_done"
    await chair.send("返回")
    assert chair.prompt.question_id == "train_done"
    assert "当前答案：都没有" in chair.prompt.text
    await chair.send("1")
    assert chair.prompt.question_id == "train_sessions"  # the branch opened


async def test_edit_then_return_to_where_the_chair_was(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("rights_done")
    await chair.send("修改")
    assert chair.prompt.menu and chair.prompt.options[0].label.startswith("基本情况")
    await chair.send("1")  # 基本情况
    labels = [o.label for o in chair.prompt.options]
    assert "工会会员人数：840人" in labels
    await chair.send(str(labels.index("工会会员人数：840人") + 1))
    assert chair.prompt.question_id == "members" and "取消" in chair.prompt.text
    await chair.send("842")
    assert chair.prompt.question_id == "rights_done"  # back where the chair was
    assert (await answers_of(chair))["members"] == 842


async def test_an_edit_that_opens_follow_ups_asks_them_before_returning(database) -> None:
    typed = {**HOSPITAL, "train_done": "8"}  # 都没有
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("welfare_done", typed)
    await chair.send("修改")
    await chair.send(Choice(("training",), "menu:edit"))
    await chair.send(Choice(("train_done",), "menu:edit:training"))
    await chair.send("1")  # 举办培训班或讲座
    assert chair.prompt.question_id == "train_sessions"
    await chair.send("4")
    assert chair.prompt.question_id == "train_people"
    await chair.send("40")
    assert chair.prompt.question_id == "train_topics"
    await chair.send("跳过")
    assert chair.prompt.question_id == "training_highlight"
    await chair.send("跳过")
    assert chair.prompt.question_id == "welfare_done"


async def test_cancel_an_edit(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("union_groups")
    await chair.send("修改")
    await chair.send("1")
    await chair.send("1")  # unit_name
    assert chair.prompt.question_id == "unit_name"
    await chair.send("取消")
    assert "已取消修改" in chair.notices[0]
    assert chair.prompt.question_id == "union_groups"
    assert (await answers_of(chair))["unit_name"] == "滨江市第一人民医院"


async def test_resume_inside_an_edit_menu_and_a_multi_choice(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("train_topics")
    version = chair.prompt.version
    await chair.send(Toggle("theory", "train_topics", version))
    await chair.send(Toggle("skill", "train_topics", chair.prompt.version))
    assert chair.prompt.selected == ("theory", "skill")

    restarted = Chair(make_engine(database))
    await restarted.send(Start())
    assert restarted.prompt.question_id == "train_topics"
    assert restarted.prompt.selected == ("theory", "skill")
    await restarted.send(Toggle("theory", "train_topics", restarted.prompt.version))  # untick
    await restarted.send(Submit("train_topics", restarted.prompt.version))
    assert (await answers_of(restarted))["train_topics"] == ["skill"]

    await restarted.send("修改")
    await restarted.send("2")
    again = Chair(make_engine(database))
    await again.send(Start())
    assert again.prompt.question_id == "menu:edit:training"


async def test_skip_refused_on_required_and_finish_refused_then_allowed(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("train_done")
    await chair.send("跳过")
    assert "必答题" in chair.notices[0] and chair.prompt.question_id == "train_done"
    await chair.send("完成")
    assert "培训与竞赛工作" in chair.notices[0] and not documents(chair.replies)
    await chair.answer_until("sign_date")
    await chair.send(HOSPITAL["sign_date"])
    replies = await chair.send("完成")
    assert documents(replies)[0].filename == "滨江市第一人民医院工会2025年工作总结.docx"
    again = await chair.send("完成")  # the same document again, any time
    assert documents(again)[0].data == documents(replies)[0].data


async def test_a_second_report_carries_over_the_unit_facts(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("sign_date")
    await chair.send(HOSPITAL["sign_date"])
    await chair.send("完成")
    await chair.send("新建")
    assert any("沿用" in n for n in chair.notices)
    assert chair.prompt.question_id == "unit_name"
    assert chair.prompt.keep == "滨江市第一人民医院"
    await chair.send("沿用")
    assert chair.prompt.question_id == "unit_type" and chair.prompt.keep == "医院"
    await chair.send("沿用")
    assert chair.prompt.question_id == "self_name" and chair.prompt.keep == "我院"
    await chair.send("沿用")
    await chair.send("2")  # 上半年
    await chair.send("2026")
    assert chair.prompt.question_id == "party_org"
    await chair.send("沿用")
    await chair.answer_until("staff_total", {})
    assert chair.prompt.keep == "862人"
    await chair.send("90")  # a changed headcount is typed over the default
    stored = await answers_of(chair)
    assert stored["unit_name"] == "滨江市第一人民医院" and stored["staff_total"] == 90
    assert "year" in stored and stored["period"] == "half"


async def test_reports_list_reopen_fetch_again_and_delete(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("sign_date")
    await chair.send(HOSPITAL["sign_date"])
    await chair.send("完成")
    await chair.send("新建")
    await chair.send("沿用")
    await chair.send("我的总结")
    labels = [o.label for o in chair.prompt.options]
    assert labels[0].startswith("滨江市第一人民医院 2025年（已完成）")
    assert labels[1].startswith("滨江市第一人民医院（进行中") and labels[1].endswith("·当前")
    await chair.send("1")
    assert [o.key for o in chair.prompt.options] == ["open", "doc", "delete"]
    replies = await chair.send("2")
    document = documents(replies)[0]
    assert "2025年" in document.filename
    assert "滨江市第一人民医院工会委员会" in [p.text for p in open_docx(io.BytesIO(document.data)).paragraphs]
    assert chair.prompt.question_id == "unit_type"  # still where the chair was in the new report

    await chair.send("我的总结")
    await chair.send("2")
    assert [o.key for o in chair.prompt.options] == ["open", "delete"]  # unfinished: no document yet
    await chair.send("9")
    assert "请回复选项前的数字" in chair.notices[0] and chair.prompt.menu
    await chair.send("删除这份总结")  # an option's words work as well as its number
    assert "确定要删除" in chair.prompt.text
    await chair.send("2")  # 不删了
    assert "没有删除" in chair.notices[0]
    await chair.send("2")
    await chair.send("2")
    await chair.send("1")  # 确定删除
    assert "已删除" in chair.notices[0]
    assert len(chair.prompt.options) == 1


async def test_a_report_of_another_chair_cannot_be_opened(database) -> None:
    owner = Chair(make_engine(database), chat_id=1)
    await owner.send(Start())
    await owner.send("甲厂")
    other = Chair(make_engine(database), chat_id=2)
    await other.send(Start())
    await other.send("乙校")
    await other.send("我的总结")
    own_id = other.prompt.options[0].key
    foreign_id = str(int(own_id) - 1)
    await other.send(Choice((foreign_id,), "menu:reports"))
    assert "过期" in other.notices[0]
    assert [o.key for o in other.prompt.options] == [own_id]


async def test_preview_and_status_inside_the_interview(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("train_done")
    await chair.send("进度")
    assert chair.notices[0].startswith("当前在【干部与职工培训】第 1/")
    replies = await chair.send("预览")
    preview = next(r for r in replies if isinstance(r, Preview)).text
    assert re.search(r"工会小组\D{0,2}28个|28个工会小组", preview)
    assert chair.prompt.question_id == "train_done"


async def test_quick_ticks_on_one_message_all_apply(database) -> None:
    """Taps on one multiple-choice message before its edit arrives carry the version it was sent with."""
    chair = Chair(make_engine(database))
    await chair.send(Start())
    await chair.answer_until("train_topics")
    sent_with = chair.prompt.version
    for key in ("theory", "skill"):
        await chair.send(Toggle(key, "train_topics", sent_with))
        assert not chair.notices, chair.notices
    await chair.send(Submit("train_topics", sent_with))
    assert (await answers_of(chair))["train_topics"] == ["theory", "skill"]
