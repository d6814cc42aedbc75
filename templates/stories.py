"""Where a chair's story goes in the summary, and how it reads there.

A story that tells something the part already states (a ticked contest, the proposals, the aid) belongs
right after that sentence, not in a paragraph of its own at the end where it reads as a repeat. Which
sentence it belongs to is found by the words the story uses (templates/stories.yaml); the earliest word
in the story wins. A story nothing matches closes its part. Each is told as a sentence with its doer (6月，工会开展
“安康杯”知识竞赛，…), never as a noun phrase hung on the list (6月开展的“安康杯”知识竞赛，…), which readers took
for a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from templates.doers import (
    after_opening,
    credited,
    has_own_subject,
    held,
    led,
    month_of,
    names_own_doer,
    opens_on_what_it_acted_on,
    partnered,
    story_time,
    told_by,
)
from templates.typography import words

HERE = Path(__file__).parent
EMPTY = (None, "", 0, [], "none")
# The question after a story asking who did it, and the answers the placing of a story depends on.
DOER, UNION, SUGGESTED, UNIT = "_by", "union", "suggested", "unit"


@dataclass(frozen=True)
class Anchor:
    question: str  # the answer whose sentence the story follows
    option: str | None  # the ticked item it tells, if it tells one


@cache
def table() -> dict[str, Any]:
    with (HERE / "stories.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def part_of(story_id: str) -> str:
    """The part a story question belongs to (training_highlight_2 → training)."""
    return next((section for section, part in table().items() if story_id in part.get("stories", [])), "")


def story_ids(section: str) -> list[str]:
    return list(table().get(section, {}).get("stories", []))


def anchors(answers: dict[str, Any]) -> dict[str, Anchor]:
    """Each answered story's place: the answered fact it tells, by the earliest word of it in the story."""
    placed: dict[str, Anchor] = {}
    for part in table().values():
        for story_id in part["stories"]:
            story = answers.get(story_id)
            by = answers.get(story_id + DOER)
            # What the unit did alone is not an item of the union's lists: it closes the part.
            if not story or by == UNIT:
                continue
            found: list[tuple[int, int, Anchor]] = []
            for rank, spot in enumerate(part.get("anchors", [])):
                question = spot["question"]
                value = answers.get(question)
                if value in EMPTY:
                    continue
                chosen = _as_list(value)
                options = dict(spot.get("options") or {})
                typed = answers.get(spot.get("other_text", ""))
                if typed:  # the chair's own items (其他) are told by the words they typed for them (八段锦、太极拳)
                    options["other"] = [item for item in re.split("[、，；]", _as_clause(typed)) if item]
                for option, named in options.items():
                    if option in chosen:
                        found += [(story.find(w), rank, Anchor(question, option)) for w in named if w in story]
                found += [(story.find(w), rank, Anchor(question, None)) for w in spot.get("words", [])
                          if w in story]
            found = [f for f in found if f[2].option in part.get("prevailing", [])] or found
            if found:
                # A word in the story's opening time (春节前…走访困难职工) sets the scene; what follows is the topic.
                setting = len(story_time(story))
                placed[story_id] = min(found, key=lambda f: (f[0] < setting, f[0], f[1], f[2].option is None))[2]
            elif by == SUGGESTED and part.get("suggestions"):
                # The union's suggestion the unit acted on is told with the staff's proposals and suggestions.
                spot = part["suggestions"]
                value = answers.get(spot["question"])
                if spot["option"] in _as_list(value):
                    placed[story_id] = Anchor(spot["question"], spot["option"])
    return placed


def _as_list(value: Any) -> list[Any]:
    """A choice's answer as a checklist's: one key or several."""
    return value if isinstance(value, list) else [value]


def _as_clause(story: str) -> str:
    """A story placed inside the summary's sentence: its own full stops become semicolons."""
    text = story.strip().rstrip("。.；;，,！!？?")
    return text.replace("。", "；").replace("！", "；").replace("？", "；")


class Storyteller:
    """The chair's stories of one report as the templates place them: `here` after the sentence about what a
    story tells, `loose` as paragraphs of their own for the rest. Each returned sentence carries its source."""

    def __init__(self, answers: dict[str, Any], pick: Callable[..., str], src: Callable[..., str],
                 wordings: Callable[[str], list[str]], first_month: int = 1, unit: str = "") -> None:
        self.answers = answers
        self.pick = pick
        self.src = src
        self.wordings = wordings
        self.first_month = first_month  # the period's first month, from which the stories' months are ordered
        self.unit = unit  # how the unit names itself (我园, 本企业), the doer of what it did with the union as partner
        self.placed = anchors(answers)
        self.chosen: dict[str, str] = {}  # story id → the doer's wording it was told with

    def has_story(self, question: str, option: str) -> bool:
        """Whether a story of the chair's is placed after this option's sentence, before any is told."""
        return any(anchor == Anchor(question, option) for anchor in self.placed.values())

    def here(self, question: str, option: str | None, doer: str, sources: dict[str, str] | None = None) -> list[str]:
        """The stories placed after this answer's sentence (this option's, or any of the question's when
        `option` is None), as sentences that continue its paragraph."""
        return self.here_all([(question, option)], doer, sources)

    def here_all(self, places: list[tuple[str, str | None]], doer: str,
                 sources: dict[str, str] | None = None) -> list[str]:
        """The stories of several places told after one sentence, together in the order of the period."""
        here = [story_id for story_id, anchor in self.placed.items()
                if any(anchor.question == question and (option is None or anchor.option == option)
                       for question, option in places)]
        return [self._told(story_id, _as_clause(self.answers[story_id]), doer) + self._source(story_id, sources) + "。"
                for story_id in self._in_time_order(here)]

    def _in_time_order(self, story_ids: list[str]) -> list[str]:
        """Stories told together that all open with their month, in the order of the period (12月… then 5月… reads
        as a slip)."""
        months = {story_id: month_of(self.answers[story_id]) for story_id in story_ids}
        if None in months.values():
            return story_ids
        return sorted(story_ids, key=lambda story_id: (months[story_id] - self.first_month) % 12)

    def loose(self, section: str, doer: str, sources: dict[str, str] | None = None) -> list[str]:
        """The part's stories nothing placed, each a paragraph; a second one after a first may open with 此外."""
        told: list[str] = []
        for story_id in story_ids(section):
            if not self.answers.get(story_id) or story_id in self.placed:
                continue
            text = self._told(story_id, _as_clause(self.answers[story_id]), doer)
            if told:
                text = led(text, self.pick(f"{section}-next-lead", *words()["next_story_leads"]))
            told.append(text + self._source(story_id, sources) + "。")
        return told

    def _named(self, story_id: str) -> str | None:
        """The doer the chair named for a story, worded without a verb the story itself uses (not 经工会协调 before
        …协调调整了…), or None when they were not asked."""
        if not self.answers.get(story_id + DOER):
            return None
        story = self.answers[story_id]
        every = self.wordings(story_id + DOER)
        fresh = [w for w in every if not any(verb in w and any(echo in story for echo in echoes)
                                             for verb, echoes in words()["doer_verbs"].items())] or every
        # A wording another story of the document took is left to it (not 在工会协助下，企业… twice), and so is the
        # first character of one a story of the same part took, where another is free (not 经工会协调… then
        # 经工会建议…).
        taken = set(self.chosen.values())
        opened = {wording[:1] for other, wording in self.chosen.items() if part_of(other) == part_of(story_id)}
        # A story that opens on what the unit acted on (根据职代会提案，…), or names its own doer after it (…，院方
        # 为…), takes a credit that leads, not a doer before it (工会协助医院根据职代会提案，…).
        # Nor one whose own subject does what it tells (老师和孩子一起走T台…): 在工会协助下，…
        acted_on = opens_on_what_it_acted_on(story)
        if names_own_doer(story) or acted_on or has_own_subject(story):
            fresh = [w for w in fresh if "，" in w] or fresh
        # After what the unit adopted (园方采纳…建议，) the union pushed it through, it did not propose it then; a
        # push anywhere else would claim more than the proposal the chair ticked.
        pushed = [w for w in fresh if any(word in w for word in words()["after_adoption_credits"])]
        fresh = (pushed if acted_on else [w for w in fresh if w not in pushed]) or fresh
        # Nor the verb a wording of another story of the part says (经工会提议…。在工会的提议下…).
        verbs_taken = {verb for other, wording in self.chosen.items() if part_of(other) == part_of(story_id)
                       for verb in words()["doer_verbs"] if verb in wording}
        fresh = [w for w in fresh if not any(verb in w for verb in verbs_taken)] or fresh
        # Nor the word the story or any of its clauses opens with (经院务会研究，院方经工会协调…; 在…下，在…下;
        # 职工反映…，经职代会讨论后…: not 经工会建议 among them).
        opening = story[len(story_time(story)):].lstrip("，")
        clauses = [opening, after_opening(story), *story.split("，")[1:]]
        heads = [word for word in words()["story_heads"] for clause in clauses if clause.startswith(word)]
        kin = [kin for head in heads for kin in words()["story_heads"][head]]
        fresh = [w for w in fresh if not any(word in w for word in kin)] or fresh
        unused = ([w for w in fresh if w not in taken and w[:1] not in opened]
                  or [w for w in fresh if w not in taken] or fresh)
        chosen = self.pick(story_id + DOER, *unused)
        self.chosen[story_id] = chosen
        return chosen

    def _told(self, story_id: str, story: str, doer: str) -> str:
        story = held(story)
        partner = partnered(story, self.unit) if self.unit else None
        if partner:
            return partner
        named = self._named(story_id)
        if named and self.answers[story_id + DOER] != UNION:
            return credited(story, named)
        # The union's own story. Its doer is the part's (the unit, in training) only when the chair was not asked.
        return told_by(story, named or doer)

    def _source(self, story_id: str, sources: dict[str, str] | None) -> str:
        ids = [story_id, *((sources or {}).get(story_id, "").split(",")),
               *([story_id + DOER] if self.answers.get(story_id + DOER) else [])]
        return self.src(*[i for i in ids if i])
