"""Arbitrary and hostile input: the engine never raises, and free text reaches the DOCX as it was echoed."""

from __future__ import annotations

import asyncio
import io
import itertools
import re

import pytest
from docx import Document as open_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.answers import AnswerError, ParseContext, clean_text
from dialogs.bank import load_bank
from dialogs.events import Notice, Preview, Prompt, Text
from dialogs.normalise import normalise_text
from dialogs.ports import ChatRef
from dialogs.question_types import parse_typed
from storage.database import create_engine
from templates.maker import SummaryMaker
from tests.support.chat import make_engine
from tests.support.samples import TODAY, parsed, typed

BANK = load_bank()
CTX = ParseContext(today=TODAY, year=2025, period="year")
NASTY = st.sampled_from([
    "{{ 7*7 }}", "{% for x in y %}", "</w:t><w:t>", "<script>", "\x00\x01\x08\x0b\x1f", "\ud800", "\udfff",
    "\u202e\u200f", "😀👍🏽", "國小教職員工會", "1,200", "两万五千", "99。8", "-0", "1e9", "NaN", "  ", "\n\t",
    "۱۲۳", "１２", "%s%d{0}", "' OR 1=1 --",
])
TEXT = st.one_of(st.text(max_size=60), NASTY, st.integers(9000, 10000).map(lambda n: ("长文本{{x}}" * n)[:n]),
                 st.lists(NASTY, max_size=4).map("".join))


@settings(max_examples=300, deadline=None)
@given(question=st.sampled_from(BANK.questions), text=TEXT)
def test_parsing_any_text_either_accepts_or_explains(question, text: str) -> None:  # type: ignore[no-untyped-def]
    if question.type == "photo":
        return
    try:
        value = parse_typed(question, text, CTX)
    except AnswerError as error:
        assert str(error) and re.search(r"[\u4e00-\u9fff]", str(error))  # a message in Chinese
        return
    if isinstance(value, str):
        assert value == clean_text(value)  # nothing XML can't hold survives parsing


FREE_TEXT = [q for q in BANK.questions if q.type == "text"]
BASE = parsed(typed("hospital"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=st.sampled_from(FREE_TEXT), text=TEXT)
def test_free_text_reaches_the_document_as_echoed(question, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        value = parse_typed(question, text, CTX)
    except AnswerError:
        return
    answers = {**BASE, question.id: value}
    document = open_docx(io.BytesIO(SummaryMaker().document(answers)))
    body = "".join(p.text for p in document.paragraphs)
    pieces = [p for p in re.split(r"[；;、，,。.！!？?\s]+", value.replace("“", "‘").replace("”", "’")) if p]
    plain = body.replace("“", "‘").replace("”", "’")
    if question.id == "unit_name":
        pieces = [value]
    assert all(piece.strip("“”‘’\"'") in plain for piece in pieces), (value, body[:200])


def test_a_hashtag_typed_before_a_story_is_not_a_heading_in_the_document() -> None:
    question = next(q for q in FREE_TEXT if q.id == "innovations")
    value = parse_typed(question, "#检验科标本转运系统投入使用", CTX)
    assert value == "检验科标本转运系统投入使用"
    document = open_docx(io.BytesIO(SummaryMaker().document({**BASE, question.id: value})))
    body = [p for p in document.paragraphs if "标本转运系统投入使用" in p.text]
    assert body and all(p.style.name != "Summary Heading 1" for p in body)
    with pytest.raises(AnswerError):
        parse_typed(question, "#", CTX)


def test_traditional_text_is_converted_phrase_by_phrase() -> None:
    assert normalise_text("國小教職員參加軟體培訓,共30人(含退休)") == "小学教职员参加软件培训，共30人（含退休）"
    assert normalise_text("中國小聯合運動會") == "中小学联合运动会"
    # A character whose Simplified form most fonts cannot draw (鮰 → 𫚔) is kept as typed.
    assert normalise_text("丙班的紅燒鮰魚得了第一") == "丙班的红烧鮰鱼得了第一"
    assert normalise_text("红烧鮰鱼") == "红烧鮰鱼"
    # A space after a title's closing mark is a pause too.
    assert normalise_text("演了《小红帽》 园长演大灰狼") == "演了《小红帽》，园长演大灰狼"
    assert normalise_text("1,200元 8:30") == "1,200元 8:30"
    assert normalise_text("高温补帖按月发") == "高温补贴按月发"  # a typo common in union summaries
    # Homophones a phone keyboard offers first; a word that only looks like one is kept.
    typed = "老师门反映，给孩子门排了舞蹈活懂，参家的吃了蛋高"
    meant = "老师们反映，给孩子们排了舞蹈活动，参加的吃了蛋糕"
    assert normalise_text(typed) == meant
    assert normalise_text("职工门诊和员工门禁") == "职工门诊和员工门禁"
    assert normalise_text("矿上以经连续六年没出事，以经济效益为中心") == "矿上已经连续六年没出事，以经济效益为中心"
    assert normalise_text("职工家属扭秧哥，明年在办一期培训班") == "职工家属扭秧歌，明年再办一期培训班"
    assert normalise_text("迎接市级示范高中复平，11月通过复评了") == "迎接市级示范高中复评，11月通过复评了"
    # Simplified text keeps its words: no Taiwan-vocabulary swaps.
    assert normalise_text("开发报修小程序，新增会员12人") == "开发报修小程序，新增会员12人"


def test_a_space_typed_between_words_is_a_pause_in_a_story_a_separator_in_a_list_and_nothing_in_a_name() -> None:
    story = parse_typed(BANK.by_id["training_highlight"], "11月请消防大队来讲消防 顺带搞了疏散演练  全员参加", CTX)
    assert story == "11月请消防大队来讲消防，顺带搞了疏散演练，全员参加"
    assert parse_typed(BANK.by_id["honors"], "区先进教工之家 市文明单位", CTX) == "区先进教工之家、市文明单位"
    # A phrase placed inside the summary's sentence: its parts are not clauses.
    assert parse_typed(BANK.by_id["centre_task"], "提升中考质量，创建平安校园", CTX) == "提升中考质量、创建平安校园"
    assert parse_typed(BANK.by_id["unit_name"], "滨江市 第一医院 工会", CTX) == "滨江市第一医院"
    # Beside a number a space is no pause between words.
    numbers = "早上8:30 开始，共1,200 人"
    assert parse_typed(BANK.by_id["training_highlight"], numbers, CTX) == numbers
    # Before a count it is a pause; inside a date or a time it is nothing of the kind.
    story = parse_typed(BANK.by_id["training_highlight"], "5月收银比赛 23个店参赛，5月 23日决赛", CTX)
    assert story == "5月收银比赛，23个店参赛，5月 23日决赛"
    # Before a Latin word it separates too (数字化教学 AI工具应用: two topics).
    assert parse_typed(BANK.by_id["train_topics_other"], "数字化教学 AI工具应用", CTX) == "数字化教学、AI工具应用"


_chat_ids = itertools.count(90_000)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(TEXT, min_size=1, max_size=8))
def test_the_engine_never_raises(migrated_sqlite_url: str, lines: list[str]) -> None:
    async def scenario() -> None:
        database = create_engine(migrated_sqlite_url)
        engine = make_engine(database)
        chat = ChatRef("telegram", next(_chat_ids))
        try:
            await engine.handle(chat, Text("/start"))
            await engine.handle(chat, Text("红星机械厂"))  # past the first question, into numbers and choices
            for line in lines:
                replies = await engine.handle(chat, Text(line))
                assert replies and all(isinstance(r, Notice | Prompt | Preview) for r in replies), replies
        finally:
            await database.dispose()

    asyncio.run(scenario())


def test_a_story_too_short_to_tell_anything_is_asked_for_again() -> None:
    with pytest.raises(AnswerError, match="至少需要 10 个字"):
        parse_typed(BANK.by_id["culture_highlight"], "五一拔河，8个队", CTX)
    assert parse_typed(BANK.by_id["culture_highlight"], "五一前组织拔河比赛，8个队参加", CTX)
