"""The year's deeds, one per part the chair reported, as the 总之 names them (templates/deeds.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from templates.doers import UNION
from templates.typography import settings

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
        if key == CONGRESS and facts.get("congress_form") in settings()["members_forms"]:
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
