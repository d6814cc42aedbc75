"""The year's deeds, one per part the chair reported, as the 总之 names them (templates/deeds.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from templates.typography import and_list

HERE = Path(__file__).parent
EVERY = "every"  # a deed for whatever the chair ticked of its question
NONE = "none"
UNION = "工会"
VERB_CHARS = 2  # the verb a deed opens with (开展, 组织…): one deed's verb is not the next one's


@dataclass(frozen=True)
class Deed:
    text: str
    sources: tuple[str, ...]


@cache
def table() -> dict[str, Any]:
    with (HERE / "deeds.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _activities(chosen: list[str]) -> str:
    """One or two activities by name (篮球赛和拔河比赛); of more, the first two and 等 with the kind they are."""
    if len(chosen) <= 2:
        return and_list(chosen)
    more = table()["more_activities"]
    # Not 歌咏活动等文体活动: the kind they all are says it once.
    named = [name.removesuffix(more[-2:]) if len(name) > len(more[-2:]) + 1 else name for name in chosen[:2]]
    return "、".join(named) + more


def year_deeds(facts: dict[str, Any], prose: Callable[[str], list[str]], pick: Callable[..., str],
               words: dict[str, str]) -> list[Deed]:
    """A deed for each part the chair reported anything in, in the order of the parts, each said with a verb the
    deed before did not open with (开展劳动竞赛，开好职代会, not 开展…，开展…)."""
    fields = {**words,
              # The union is the sentence's subject: it holds a 会员代表大会, not a 工会会员代表大会 of its own.
              "congress": words["congress"].removeprefix(UNION),
              "contest": next(iter(prose("contests") if facts.get("contests") else []), words["contests"]),
              "activities": _activities(prose("activity_types") if facts.get("activity_types") else [])}
    deeds: list[Deed] = []
    for question_id, by_option in table()["parts"].items():
        chosen = facts.get(question_id) or []
        if not chosen or NONE in chosen:
            continue
        key = EVERY if EVERY in by_option else next((k for k in by_option if k in chosen), None)
        if key is None:
            continue
        used = {deed.text[:VERB_CHARS] for deed in deeds}
        variants = [v.format_map(fields) for v in by_option[key]]
        free = [v for v in variants if v[:VERB_CHARS] not in used] or variants
        sources = [question_id] + [asked for field, asked in (("{contest}", "contests"),)
                                   if field in by_option[key][0] and facts.get(asked)]
        deeds.append(Deed(pick(f"deed-{question_id}", *free), tuple(sources)))
    return deeds
