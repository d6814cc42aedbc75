"""Where a chair's story goes in the summary, and how it reads there.

A story that tells something the part already states (a ticked contest, the proposals, the aid) belongs
right after that sentence, not in a paragraph of its own at the end where it reads as a repeat. Which
sentence it belongs to is found by the words the story uses (templates/stories.yaml); the earliest word
in the story wins. A story that names a ticked item of a list reads as that item's elaboration
(…开展的“安康杯”知识竞赛，18个班组全部参赛); a story nothing matches keeps its own paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from templates.typography import credited, led, story_time, told_by, words

HERE = Path(__file__).parent
EMPTY = (None, "", 0, [], "none")
# The question after a story asking who did it, and the answers the placing of a story depends on.
DOER, UNION, SUGGESTED, UNIT = "_by", "union", "suggested", "unit"


@cache
def _event_verb() -> re.Pattern[str]:
    """The verb that opens an event a chair tells (settings.yaml `event_verbs`), with an optional 了."""
    return re.compile("(" + "|".join(map(re.escape, words()["event_verbs"])) + ")了?")


@cache
def _action_in_object() -> re.Pattern[str]:
    """A word that makes an object an action, not an event's name (settings.yaml `actions_in_object`)."""
    return re.compile("|".join(map(re.escape, words()["actions_in_object"])))


@dataclass(frozen=True)
class Anchor:
    question: str  # the answer whose sentence the story follows
    option: str | None  # the ticked item it tells, if it tells one
    word: str  # the word in the story that placed it


@cache
def table() -> dict[str, Any]:
    with (HERE / "stories.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


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
                chosen = value if isinstance(value, list) else [value]
                options = dict(spot.get("options") or {})
                typed = answers.get(spot.get("other_text", ""))
                if typed:  # the chair's own item (其他) is told by the words they typed for it
                    options["other"] = [_as_clause(typed)]
                for option, named in options.items():
                    if option in chosen:
                        found += [(story.find(w), rank, Anchor(question, option, w)) for w in named if w in story]
                found += [(story.find(w), rank, Anchor(question, None, w)) for w in spot.get("words", [])
                          if w in story]
            if found:
                # A word in the story's opening time (春节前…走访困难职工) sets the scene; what follows is the topic.
                setting = len(story_time(story))
                placed[story_id] = min(found, key=lambda f: (f[0] < setting, f[0], f[1], f[2].option is None))[2]
            elif by == SUGGESTED and part.get("suggestions"):
                # The union's suggestion the unit acted on is told with the staff's proposals and suggestions.
                spot = part["suggestions"]
                value = answers.get(spot["question"])
                if spot["option"] in (value if isinstance(value, list) else [value]):
                    placed[story_id] = Anchor(spot["question"], spot["option"], "")
    return placed


def elaborated(story: str, word: str, doer: str = "") -> str | None:
    """The story as an elaboration of the listed item it names (…举办的X，rest; with its doer, …工会举办的X), or
    None when its first clause is not "when/where + 举办-verb + the event's name" followed by what came of it."""
    first, _, rest = story.partition("，")
    verb = _event_verb().search(first)
    if not verb or not rest.strip():
        return None
    name = first[verb.end():]
    if word not in name or _action_in_object().search(name):
        return None
    setting = first[: verb.start()]
    # Without its when or where the event reads as a bare name (第十届职工运动会，设…): tell it as written.
    # The doer goes after the time and before the place: 端午节工会在滨江举办的…, not 端午节在滨江工会举办的….
    when, at, place = setting.partition("在")
    return f"{when}{doer}{at}{place}{verb.group(1)}的{name}，{rest}" if setting else None


def _as_clause(story: str) -> str:
    """A story placed inside the summary's sentence: its own full stops become semicolons."""
    text = story.strip().rstrip("。.；;，,！!？?")
    return text.replace("。", "；").replace("！", "；").replace("？", "；")


class Storyteller:
    """The chair's stories of one report as the templates place them: `here` after the sentence about what a
    story tells, `loose` as paragraphs of their own for the rest. Each returned sentence carries its source."""

    def __init__(self, answers: dict[str, Any], pick: Callable[..., str], src: Callable[..., str],
                 wordings: Callable[[str], list[str]]) -> None:
        self.answers = answers
        self.pick = pick
        self.src = src
        self.wordings = wordings
        self.placed = anchors(answers)
        self.elaborating = {spot["question"] for part in table().values() for spot in part.get("anchors", [])
                            if spot.get("elaborate")}

    def here(self, question: str, option: str | None, doer: str, sources: dict[str, str] | None = None) -> list[str]:
        """The stories placed after this answer's sentence (this option's, or any of the question's when
        `option` is None), as sentences that continue its paragraph."""
        told = []
        for story_id, anchor in self.placed.items():
            if anchor.question != question or (option is not None and anchor.option != option):
                continue
            story = _as_clause(self.answers[story_id])
            text = None
            # The first story of a listed item may read as its account (其中，…工会举办的X，…), the union's own
            # only; a second one told that way would be a bare noun phrase, so it is told as a sentence.
            if anchor.option and question in self.elaborating and self._doer(story_id) is None and not told:
                text = elaborated(story, anchor.word, self._named(story_id) or "")
                if text:
                    text = self.pick(f"{story_id}-lead", *words()["elaboration_leads"]) + text
            told.append((text or self._told(story_id, story, doer)) + self._source(story_id, sources) + "。")
        return told

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
                                             for verb, echoes in words()["doer_verbs"].items())]
        return self.pick(story_id + DOER, *(fresh or every))

    def _doer(self, story_id: str) -> str | None:
        """Who the chair said did it, as the summary names them, when it was not the union alone."""
        return self._named(story_id) if self.answers.get(story_id + DOER) not in (None, UNION) else None

    def _told(self, story_id: str, story: str, doer: str) -> str:
        named = self._named(story_id)
        if named and self.answers[story_id + DOER] != UNION:
            return credited(story, named)
        # The union's own story. Its doer is the part's (the unit, in training) only when the chair was not asked.
        return told_by(story, named or doer)

    def _source(self, story_id: str, sources: dict[str, str] | None) -> str:
        ids = [story_id, *((sources or {}).get(story_id, "").split(",")),
               *([story_id + DOER] if self.answers.get(story_id + DOER) else [])]
        return self.src(*[i for i in ids if i])
