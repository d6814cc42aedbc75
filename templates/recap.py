"""The year's deeds, one per part the chair reported, as the 总之 names them (templates/deeds.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from templates import doers
from templates.doers import UNION

HERE = Path(__file__).parent
EVERY = "every"  # a deed for whatever the chair ticked of its question
NONE = "none"
VERB_CHARS = 2  # the verb a deed opens with (开展, 组织…): one deed's verb is not the next one's
CONTEST, CONGRESS = "contest", "congress"
TRAINING_STORIES = ("training_highlight", "training_highlight_2")
UNIONS_OWN = "union"  # a story's doer question: the union did it


@dataclass(frozen=True)
class Deed:
    text: str
    sources: tuple[str, ...]
    routine: bool = False  # what every union does each year (its congress, greetings, activities)


@cache
def table() -> dict[str, Any]:
    with (HERE / "deeds.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _contest_helped(facts: dict[str, Any]) -> list[str]:
    """The training stories (and their doers) that tell a contest of the year as the unit's, the union helping or
    suggesting: none when the union held them."""
    return [asked for story in TRAINING_STORIES
            if facts.get(story) and facts.get(f"{story}_by") not in (None, UNIONS_OWN)
            and any(word in facts[story] for word in table()["contest_words"])
            for asked in (story, f"{story}_by")]


def year_deeds(facts: dict[str, Any], prose: Callable[[str], list[str]], pick: Callable[..., str],
               words: dict[str, str]) -> list[Deed]:
    """A deed for each part the chair reported anything in, in the order of the parts, each said with a verb the
    deed before did not open with (开展劳动竞赛，开好职代会, not 开展…，开展…)."""
    fields = {**words,
              # The union is the sentence's subject: it holds a 会员代表大会, not a 工会会员代表大会 of its own.
              "congress": words["congress"].removeprefix(UNION),
              "contest": next(iter(prose("contests") if facts.get("contests") else []), words["contests"])}
    deeds: list[Deed] = []
    for question_id, by_option in table()["parts"].items():
        chosen = facts.get(question_id) or []
        if not chosen or NONE in chosen:
            continue
        # The part's first deed in the table's order, one beyond what every union does each year where it has one.
        ticked = [k for k in by_option if k in chosen]
        key = EVERY if EVERY in by_option else next(
            (k for k in ticked if k not in table()["routine"]), next(iter(ticked), None))
        if key is None:
            continue
        sources = [question_id]
        ways = by_option[key]
        if key == CONGRESS and facts.get("congress_form") in table()["members_forms"]:
            ways, sources = table()["members_congress"], [*sources, "congress_form"]
        if key == CONTEST:
            sources += ["contests"] if facts.get("contests") else []
            helped = _contest_helped(facts)
            if helped:
                ways, sources = table()["helped_contest"], sources + helped
        used = {deed.text[:VERB_CHARS] for deed in deeds}
        variants = [way.format_map(fields) for way in ways]
        free = [v for v in variants if v[:VERB_CHARS] not in used] or variants
        deeds.append(Deed(pick(f"deed-{question_id}", *free), tuple(sources), key in table()["routine"]))
    return deeds


def union_deed(did: str, union: str) -> str:
    """What the chair said the union did for the central work (centre_union), as the 总之 can tell it after the union
    as its subject (…围绕创建省一级幼儿园，组织迎检练兵，为加班教职工送去晚餐; …，搬迁期间开通通勤班车): only what the
    union opens, after its time if any, in one sentence, the union not named again; else empty, and the 总之 names
    the year's deeds alone."""
    if any(stop in did for stop in "。；！？"):
        return ""
    for told in (did, *(did.removeprefix(name) for name in (union, UNION) if did.startswith(name))):
        when = doers.story_time(told)
        head = f"{when}，{union}" if when else union
        said = doers.done_by(told, union)
        if said.startswith(head) and said != told:
            # As the chair typed it (搬迁期间开通…), the union being the whole sentence's subject: not named again in a
            # later clause (…，工会为加班的老师送了…).
            return told.replace(f"，{UNION}", "，")
    return ""


def beside(deeds: list[Deed], union_did: str) -> list[Deed]:
    """The year's deeds beside the union's deed for the central work: none that every union does each year
    (readers: 筹备职代会、开展文体活动这类常规工作不要再列), nor what it tells already: what it names, and any contest
    when it tells one (not 开展服务提升竞赛…；此外还配合我行开展技术比武)."""
    contest_words = table()["contest_words"]
    told_contest = any(word in union_did for word in contest_words)
    return [deed for deed in deeds
            if not deed.routine and deed.text[VERB_CHARS:] not in union_did
            and not (told_contest and any(word in deed.text for word in contest_words))]
