"""Answers → Summary: the prose of every part, written by Jinja2 templates (templates/prose/), one part per
section of the bank, then cut into blocks and numbered (templates/parts.py).

Answers are data, never template source: `{{` or markup typed by a chair appears verbatim. Phrasings vary
by a stable hash of the unit and year, so two units never hand in the same paragraphs and the same answers
always give the same document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dialogs import formats
from dialogs.answers import says_nothing
from dialogs.bank import Bank, load_bank
from templates import doers, parts, recap, sources, stories, typography
from templates.summary import Block, Summary
from templates.typography import settings

HERE = Path(__file__).parent
OTHER = "other"
TRAINING, RIGHTS = "training", "rights"
CONGRESS_OF_REPRESENTATIVES = "rep"
LIST_SEPARATOR = "、"


@cache
def vocabulary_table() -> dict[str, dict[str, str]]:
    with (HERE / "vocabulary.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def self_words() -> dict[str, dict[str, Any]]:
    """Words that follow from the chair's name for the unit (templates/self_words.yaml)."""
    with (HERE / "self_words.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def name_words() -> dict[str, dict[str, str]]:
    """Words that follow from how the unit's name ends (templates/name_words.yaml)."""
    with (HERE / "name_words.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def phrasings() -> dict[str, list[str]]:
    """The recurring sentences and their variants: key → phrasings with {placeholders}."""
    with (HERE / "phrasings.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def vocabulary(unit_type: str | None) -> dict[str, str]:
    """The words of one kind of unit (default: before the kind is known)."""
    table = vocabulary_table()
    return dict(table.get(unit_type or "default", table["default"]))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "prose"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(typography.FILTERS, **doers.FILTERS, money=formats.money, chinese_date=formats.full_date)
    env.tests.update(typography.TESTS)
    env.globals.update(percent=formats.percent, src=sources.src, frame=sources.frame)
    return env


ENVIRONMENT = _environment()


def _safe(value: Any) -> Any:
    """An answer as templates see it: text can carry no source mark."""
    if isinstance(value, str):
        return sources.without_marks_possible(value)
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def _as_told(question_type: str, value: Any) -> Any:
    """An answer as the document tells it: a chair's text in the written register, and a text of "nothing" (没有, 无;
    stored before the interview read it as a skip) as no answer at all."""
    if question_type != "text" or not value:
        return value
    return None if says_nothing(value) else typography.written(value)


class Composer:
    def __init__(self, bank: Bank | None = None, guiding_thought: str | None = None) -> None:
        self.bank = bank or load_bank()
        self.settings = {**settings(), **({"guiding_thought": guiding_thought} if guiding_thought else {})}
        # Loaded and compiled at start-up, not in the first chair's event.
        vocabulary_table()
        self_words()
        phrasings()
        stories.table()
        name_words()
        recap.table()
        typography.words()
        for name in ENVIRONMENT.list_templates():
            ENVIRONMENT.get_template(name)
        # The body follows the bank's sections; a section with no template of its own (the signature) has none.
        self.body_parts = [s.id for s in self.bank.sections if f"{s.id}.j2" in ENVIRONMENT.list_templates()]
        # question id → the free-text question asked when its 其他 option is ticked
        self.other_text = {
            q.when.question: q.id for q in self.bank.questions
            if q.when and q.when.operator == "includes" and q.when.operand == OTHER
        }

    def context(self, answers: dict[str, Any]) -> dict[str, Any]:
        """What templates see: every question id (None when unanswered or skipped), vocabulary, helpers."""
        answers = self.bank.effective(answers)
        bank = self.bank.for_answers(answers)  # options and their phrases as this kind of unit words them
        words = vocabulary(self.bank.fact(answers, "unit_type"))
        # The chair's own word for the unit (我厂, 我公司, 我局…) wherever the document names it.
        chosen = bank.by_id[self.bank.roles["self_name"]].option(self.bank.fact(answers, "self_name") or "")
        if chosen:
            words["self"] = chosen.prose.format_map(words)
            follows = self_words().get(chosen.key, {})
            words.update({k: v for k, v in follows.items() if isinstance(v, str)})
            words.update(follows.get(self.bank.fact(answers, "unit_type") or "", {}))
        name = self.bank.fact(answers, "unit_name") or ""
        for ending, follows_name in name_words().items():
            if name.endswith(ending):
                words.update(follows_name)
        facts = {q.id: _safe(_as_told(q.type, answers.get(q.id))) for q in self.bank.questions}
        texts = {q.id for q in self.bank.questions if q.type == "text"}
        # The chair's 今年 (written 本年度) is the report's period: 本学年 in a school year's report.
        this_year, term = typography.words()["written_words"]["今年"], formats.term(self.bank.fact(facts, "period"))

        def in_report(text: str) -> str:
            """The chair's 局里/所里 as the unit, or its management after 跟/向… (跟厂里谈 → 跟企业谈)."""
            return typography.unit_named(text, words.get("self", ""), words["management"]).replace(this_year, term)

        facts = {key: in_report(value) if key in texts and isinstance(value, str) else value
                 for key, value in facts.items()}
        fact = self.bank.fact
        seed = f"{fact(facts, 'unit_name')}|{fact(facts, 'year')}"

        def pick(key: str, *variants: str) -> str:
            # Stable per report, so a re-downloaded document reads the same, yet varied across units.
            # BLAKE2b rather than CRC-32: CRC is linear, so units whose names differ alike would pick alike.
            digest = hashlib.blake2b(f"{seed}|{key}".encode(), digest_size=8).digest()
            return variants[int.from_bytes(digest, "big") % len(variants)]

        # What the chair typed: an option worded as they word it elsewhere (公开栏 beside their 局务公开栏, not 公示栏).
        typed = "".join(value for value in facts.values() if isinstance(value, str))

        def worded(key: str, variants: Sequence[str]) -> str:
            filled = [variant.format_map(words) for variant in variants]
            return pick(key, *([variant for variant in filled if variant in typed] or filled))

        def prose(question_id: str) -> list[str]:
            """The chosen options of a choice or multi question, as they read inside a sentence.

            An 其他 option reads as what the chair wrote in its follow-up question, or not at all.
            """
            question = bank.by_id[question_id]
            value = facts[question_id]
            keys = value if isinstance(value, list) else [value] if value else []
            phrases = [worded(f"{question_id}.{k}", question.option(k).phrasings)
                       for k in keys if k not in (OTHER, question.exclusive)]
            follow_up = self.other_text.get(question_id)
            if OTHER in keys and follow_up and facts.get(follow_up):
                # What the chair wrote in their own words comes after the common items, as 其他 does; several
                # typed with 、 where the bank asks for a list are items of it each (not 业务技能竞赛和优秀裁判文书
                # 评比、书记员速录比赛); in a sentence (人员少、任务多，…) 、 is the chair's own.
                listed = question.type == "multi" and bank.by_id[follow_up].spaces == LIST_SEPARATOR
                typed_items = facts[follow_up]
                phrases.extend(typography.listed_items(typed_items) if listed else [typography.clause(typed_items)])
            return phrases

        def wordings(question_id: str) -> list[str]:
            """Every way the document may word a choice question's chosen option."""
            return [p.format_map(words) for p in bank.by_id[question_id].option(facts[question_id]).phrasings]

        def phrase(key: str, avoid: Sequence[str] = (), **fields: Any) -> str:
            """One of the phrasings of `key` (phrasings.yaml), with the unit's words and `fields` filled in; none with
            a word of `avoid` where another is free (不足 before items that say 不足: typography.first_free)."""
            variants = phrasings()[key]
            drawn = typography.first_free(variants, variants.index(pick(key, *variants)), avoid)
            return drawn.format_map({**words, **fields})

        def heading(action_key: str, aim_key: str) -> str:
            """A part's heading, its action then its aim (抓培训、办竞赛，提升队伍整体素质), the aim one that repeats no
            word of the action (not 用好民主渠道，畅通诉求渠道)."""
            action, aim = phrase(action_key), phrase(aim_key)
            if typography.shares_word(action, aim):
                aims = [other.format_map(words) for other in phrasings()[aim_key]]
                aim = pick(aim_key, *([other for other in aims if not typography.shares_word(action, other)] or aims))
            return f"{action}，{aim}"

        # The congress the unit held names it wherever the document speaks of it (公开栏、职工大会和各类会议), not the
        # representatives' congress of its kind.
        if facts.get("congress_form") not in (None, CONGRESS_OF_REPRESENTATIVES):
            words["congress"] = prose("congress_form")[0]
        party_key = fact(facts, "party_org")
        party_org = bank.by_id[self.bank.roles["party_org"]].option(party_key) if party_key else None
        party = words["prefix"] + party_org.label if party_org else words["party"]
        school_year = fact(facts, "period") == "school"
        told = stories.Storyteller(facts, pick, sources.src, wordings,
                                   first_month=self.settings["school_year_first_month"] if school_year else 1,
                                   unit=(prose("self_name") or [words["self"]])[0])
        return {"a": facts, "v": words, "s": self.settings, "prose": prose, "pick": pick, "phrase": phrase,
                "heading": heading, "year_deeds": lambda: recap.year_deeds(facts, prose, pick, words),
                "here": told.here, "here_all": told.here_all, "loose": told.loose, "has_story": told.has_story,
                # The order of the parts is free in human summaries: rights and democratic management often come first.
                "rights_first": pick("part-order", False, True),
                "thin": False,  # a report told without headings (parts.is_thin) is told again without its 总之
                # The year is weighed once: at the head of the part of the shortcomings and plans when the chair gave
                # any (outlook.j2), else in the closing (closing.j2).
                "looks_ahead": bool(prose("shortcomings") or typography.items(facts.get("next_plans"))),
                "period": formats.period(fact(facts, "year"), fact(facts, "period")),
                "party": party,
                "term": formats.term(fact(facts, "period")), "ahead": formats.ahead(fact(facts, "period"))}

    def compose(self, answers: dict[str, Any]) -> Summary:
        ctx, blocks = self._told(answers, thin=False)
        if parts.is_thin(blocks):
            # A report this short weighs no year in a 总之 (开好职代会，做好帮扶… just after telling them): told again
            # without it, from a fresh context (a story told once is placed and credited anew).
            ctx, blocks = self._told(answers, thin=True)
        signed = self.bank.fact(ctx["a"], "sign_date")
        return Summary(
            title=sources.strip_marks(self._render("title", ctx)).strip(),
            blocks=tuple(parts.numbered(parts.unheaded_when_thin(blocks))),
            signature=sources.strip_marks(self._render("signature", ctx)).strip(),
            date=formats.full_date(signed) if signed else "",
            signed_on=date.fromisoformat(signed) if isinstance(signed, str) else signed,
        )

    def _told(self, answers: dict[str, Any], thin: bool) -> tuple[dict[str, Any], list[Block]]:
        """The context and the opening, the body's parts in the order drawn for this report, and the closing."""
        ctx = {**self.context(answers), "thin": thin}
        # A report told under headings with more than one deed weighs its year in a 总之 (recap.j2).
        ctx["weighs_year"] = not thin and len(ctx["year_deeds"]()) > 1
        words = ctx["v"]
        # The union, the staff and the union's home by the unit's name once a part (我院工会, 我院职工,
        # 我院职工之家), then 工会, 职工, 职工之家.
        named = {words["self"] + "工会": "工会", words["self"] + words["staff"]: words["staff"],
                 words["self"] + words["home"]: words["home"]}
        order = list(self.body_parts)
        if ctx["rights_first"] and TRAINING in order and RIGHTS in order:
            training, rights = order.index(TRAINING), order.index(RIGHTS)
            order[training], order[rights] = order[rights], order[training]
        body: list[Block] = []
        figures = 0
        for name in order:
            photos = self._figures(name, ctx, first=figures + 1)
            figures += len(photos)
            body += parts.blocks(self._render(name, ctx), photos, named, ctx["term"])
        ctx["has_body"] = bool(body)

        def heading_of(name: str) -> str:
            return sources.strip_marks(self._render(name, ctx).strip().splitlines()[0].lstrip("# "))

        return ctx, [
            *parts.blocks(self._render("opening", ctx)),
            *parts.merge_thin(body, heading_of, sources.strip_marks(self._render("welfare_culture_head", ctx).strip())),
            *parts.blocks(self._render("closing", ctx), named=named, term=ctx["term"]),
        ]

    def empty_sections(self, answers: dict[str, Any]) -> list[str]:
        """Titles of the body's sections that the answers give nothing to write about."""
        ctx = self.context(answers)
        return [section.title for section in self.bank.sections if section.id in self.body_parts
                and not any(b.kind == "p" for b in parts.blocks(self._render(section.id, ctx)))]

    @staticmethod
    def _render(name: str, ctx: dict[str, Any]) -> str:
        return ENVIRONMENT.get_template(f"{name}.j2").render(ctx)

    def _figures(self, part: str, ctx: dict[str, Any], first: int) -> list[Block]:
        """Photos answered in the section a part reports on, numbered through the document."""
        figures = []
        for question in self.bank.questions:
            if question.type == "photo" and question.section == part:
                for photo_key, caption in ctx["a"][question.id] or []:
                    line = self._render("figure", {"number": first + len(figures), "caption": caption})
                    # Reports from before photo keys refer to their photos by row id, now the key's text.
                    figures.append(Block("figure", line.strip(), str(photo_key)))
        return figures
