"""Checks over every sample answer set: what a union federation would send back if it saw it."""

from __future__ import annotations

import io
import random
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from dialogs.bank import load_bank
from dialogs.formats import money
from templates.compose import Composer, vocabulary_table
from templates.doers import credited, done_by, story_time, told_by
from templates.maker import SummaryMaker
from templates.typography import prizes, shares_word
from templates.typography import words as typography_words
from tests.support import samples
from tests.support.images import jpeg

BANK = load_bank()
NAMES = samples.names()
ZERO_FACT = re.compile(r"(?<![0-9.])0(?:期|人次|人|名|件|户次|场|次|个|元|万元|项)")


def answers(name: str) -> dict:
    return samples.parsed(samples.typed(name))


def test_there_is_a_sample_per_unit_type_plus_thin_and_full() -> None:
    types = {answers(name)["unit_type"] for name in NAMES}
    assert types == {"ent", "school", "kinder", "hosp", "gov", "inst"}
    assert {"minimal", "everything"} <= set(NAMES) and len(NAMES) >= 8


def test_sample_answers_may_say_all_of_them_for_a_count_as_the_interview_accepts() -> None:
    typed = {**samples.typed("everything"), "proposals": "12", "proposals_answered": "全部"}
    assert samples.parsed(typed)["proposals_answered"] == 12


@pytest.mark.parametrize("name", NAMES)
def test_no_placeholders_none_or_zero_sentences(name: str) -> None:
    text = Composer().compose(answers(name)).as_text()
    assert "None" not in text and "{{" not in text and "{%" not in text and "}}" not in text
    assert not ZERO_FACT.search(text), ZERO_FACT.search(text)
    assert "等等" not in text and "等等节日" not in text
    assert not re.search(r"[，。；、]{2}", text)
    assert text.count("“") == text.count("”")


@pytest.mark.parametrize("name", NAMES)
def test_headings_are_numbered_consecutively_and_never_empty(name: str) -> None:
    blocks = Composer().compose(answers(name)).blocks
    tops = [b.text for b in blocks if b.kind == "h1"]
    assert [t[0] for t in tops] == list(typography_words()["ordinals"][: len(tops)])
    for i, block in enumerate(blocks):
        if block.kind.startswith("h"):
            assert i + 1 < len(blocks), f"{block.text} ends the document"
            following = blocks[i + 1]
            assert following.kind == "p" or (block.kind == "h1" and following.kind == "h2"), block.text
    subs = [b for b in blocks if b.kind == "h2"]
    assert len(subs) != 1  # never a lone （一）


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_the_chair_gave_appears(name: str) -> None:
    values = answers(name)
    composer = Composer()
    text = composer.compose(values).as_text()
    context = composer.context(values)
    union = (context["prose"]("self_name")[0] if values.get("self_name") else context["v"]["self"]) + "工会"
    for question in BANK.questions:
        value = values.get(question.id)
        # One session of the congress is said by naming it; an answer equal to the count it may not exceed
        # reads 全部 (已全部答复, 全部调解成功).
        said_otherwise = question.id == "year" or (question.id == "congress_sessions" and value == 1) or any(
            c.operator == "le" and len(c.others) == 1 and values.get(c.others[0]) == value for c in question.checks)
        if question.type == "int" and value and not said_otherwise:
            assert re.search(rf"(?<![0-9.]){value}(?![0-9.])", text), f"{question.id}={value}"
        if question.type == "money" and value:
            assert money(value) in text, f"{question.id}={value}"
        if question.type == "text" and value:
            plain = text.replace("‘", "“").replace("’", "”")
            # A story that names no doer gets one (1月18日举办… → 1月18日，我院工会举办…): the unit for training.
            doer = union.removesuffix("工会") if question.id.startswith("training") else union
            said = told_by(value, doer) if "highlight" in question.id else value
            if values.get(question.id + "_by"):  # the doer the chair named: 经我院工会建议，医院…, 我局组织…
                by = BANK.for_answers(values).by_id[question.id + "_by"].option(values[question.id + "_by"])
                tell = told_by if by.key == "union" else credited
                ways = [tell(value, w.format_map(context["v"])) for w in by.phrasings]
                said = next((w for w in ways if w in plain or w.replace(union, "工会") in plain), ways[0])
            if question.id == "centre_union":  # the union as its doer: 搬迁期间，我厂工会开通…
                said = done_by(value, union)
            if question.id == "women_note":  # the women's committee as its doer: 三八节，女工委还组织…
                said = told_by(value, "")
                if "三八" in story_time(value) and "march8" in values.get("women_care", []):
                    said = value[len(story_time(value)):]  # 在三八节主题活动中，女工委组织…
            if question.id.endswith("_awards"):  # each prize with who won it: 2名职工获…二等奖, 我院代表队获得…
                found = prizes(value)
                said = "、".join([f"获{prize}" for prize, *_ in found["counted"]]
                                + [prize for prize, _ in found["team"]] + found["plain"])
            # The union is named in full once a part, then 工会 (parts.shortened).
            assert all(part in plain or part.replace(union, "工会") in plain
                       for part in re.split(r"[；;、，]", said) if len(part) > 1), question.id


@pytest.mark.parametrize("name", NAMES)
def test_the_unit_refers_to_itself_one_way(name: str) -> None:
    values = answers(name)
    summary = Composer().compose(values)
    text = summary.as_text().replace(values["unit_name"], "")
    chosen = BANK.for_answers(values).by_id["self_name"].option(values.get("self_name") or "")
    own = chosen.prose if chosen else vocabulary_table()[values["unit_type"]]["self"]
    words = {row["self"] for row in vocabulary_table().values()} | {o.label for o in BANK.by_id["self_name"].options}
    others = {w for w in words if w.startswith(("我", "本"))} - {own}
    if any(b.kind == "h1" for b in summary.blocks):  # a report with nothing to tell may never name itself
        assert own in text
    assert not [word for word in others if word in text]


@pytest.mark.parametrize("name", NAMES)
def test_the_document_reads_back_to_the_specification(name: str) -> None:
    document = Document(io.BytesIO(SummaryMaker().document(answers(name), {1: jpeg()})))
    section = document.sections[0]
    assert [round(x.mm, 1) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                      section.right_margin, section.page_width, section.page_height)] == [
        37, 35, 28, 26, 210, 297]
    for paragraph in document.paragraphs:
        fonts = paragraph.style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")), paragraph.style.name
    assert document.paragraphs[0].style.font.size.pt == 22
    body = [p for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert body and all(p.style.font.size.pt == 16 for p in body)
    assert document.paragraphs[-1].text.endswith("日")


def test_the_same_answers_give_the_same_document() -> None:
    values = answers("everything")
    assert SummaryMaker().document(values) == SummaryMaker().document(dict(values))


@pytest.mark.parametrize("name", NAMES)
def test_no_two_parts_open_the_same_way(name: str) -> None:
    blocks = Composer().compose(answers(name)).blocks
    openings = [blocks[i + 1].text[:2] for i, b in enumerate(blocks[:-1])
                if b.kind == "h1" and blocks[i + 1].kind == "p"]
    assert len(openings) == len(set(openings)), openings


@pytest.mark.parametrize("name", NAMES)
def test_a_summary_does_not_open_sentence_after_sentence_with_a_stock_lead(name: str) -> None:
    """「建家方面，」「院务公开方面，」「文体活动方面，」…: six in one document read as a form filled in."""
    text = Composer().compose(answers(name)).as_text()
    assert text.count("方面，") <= 2, re.findall(r"[^，。；]{0,8}方面，", text)


@pytest.mark.parametrize("name", NAMES)
def test_no_sentence_opens_with_an_aim_that_has_nothing_to_hang_on(name: str) -> None:
    """「推行厂务公开，本企业利用…」「加强自身建设，工会…」: an aim opens a sentence only with 为 before it."""
    text = Composer().compose(answers(name)).as_text()
    dangling = re.findall(r"(?:^|[。\n　])((?:推行|管好|参加上级|参加各级|加强|抓)[^，。]{0,12}，)", text)
    assert not dangling, dangling


@pytest.mark.parametrize("name", samples.names())
def test_a_long_paragraph_is_split_between_topics(name: str) -> None:
    summary = Composer().compose(samples.parsed(samples.typed(name)))
    paragraphs = [b.text for b in summary.blocks if b.kind == "p"]
    for text in paragraphs:
        assert len(text) <= 420, text  # the chair's long own lists aside, no paragraph runs on for a page
    if name == "everything":
        assert not any("职工代表大会" in p and "厂务公开" in p for p in paragraphs)  # the congress apart
        assert any(p.startswith("劳动保护") for p in paragraphs)


# A paragraph opening on one of these has no doer (参加…的 may open one: its doer is the clause).
DOERLESS_OPENINGS = ("收到", "组织", "安排", "开展", "举办", "共", "并", "还", "采纳", "帮扶", "累计", "走访")


@pytest.mark.parametrize("name", NAMES)
def test_no_paragraph_opens_on_a_verb_with_no_doer(name: str) -> None:
    for block in Composer().compose(answers(name)).blocks:
        if block.kind == "p":
            assert not block.text.startswith((*DOERLESS_OPENINGS, "参加")), block.text


CORE = {"unit_name", "unit_type", "self_name", "period", "year", "sign_date", "train_done", "rights_done",
        "welfare_done", "activity_types"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("seed", range(10))
def test_with_half_the_answers_skipped_no_paragraph_opens_on_a_verb_with_no_doer(name: str, seed: int) -> None:
    chooser = random.Random(seed)
    skipped = {k: (v if k in CORE or chooser.random() < 0.5 else None) for k, v in answers(name).items()}
    for block in Composer().compose(skipped).blocks:
        if block.kind == "p":
            assert not block.text.startswith(DOERLESS_OPENINGS), block.text
            assert "~" not in block.text, block.text  # a template's soft break is never printed


@pytest.mark.parametrize("name", NAMES)
def test_a_parts_heading_repeats_no_word_of_its_action_in_its_aim(name: str) -> None:
    for n in range(30):
        given = answers(name)
        summary = Composer().compose({**given, "unit_name": f"{given['unit_name']}{n}"})
        for heading in (b.text for b in summary.blocks if b.kind == "h1" and "，" in b.text):
            action, _, aim = heading.partition("、")[2].partition("，")
            assert not shares_word(action, aim), heading
            # Nor its meaning (帮困解难办实事，解决实际困难; 以赛促学，促进…成长).
            assert not any(char in action and char in aim for char in "困促暖强"), heading
