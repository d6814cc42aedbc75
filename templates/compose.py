"""Answers → Summary: the prose of every part, composed by Jinja2 templates, numbered after dropping empties.

Templates write plain text. A line starting with `# ` is the part's heading, `## ` a sub-heading; blank
lines separate paragraphs and the lines of one paragraph are joined. A part whose template writes no
paragraph is dropped with its heading, and the remaining headings are numbered 一、二、… (（一）… inside).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dialogs import formats
from dialogs.bank import Bank, load_bank

HERE = Path(__file__).parent
CHINESE_NUMERALS = "一二三四五六七八九十"
LIST_LIMIT = 5
OTHER = "other"
BODY_KINDS = {"p", "figure"}
THIN_PART_CHARS = 120  # welfare plus culture shorter than this share one heading


@dataclass(frozen=True)
class Block:
    kind: str  # "h1", "h2", "p" or "figure" (a photo: `ref` is its key, `text` its caption line)
    text: str
    ref: str | None = None


@dataclass(frozen=True)
class Summary:
    title: str
    blocks: tuple[Block, ...]
    signature: str
    date: str

    def as_text(self) -> str:
        lines = [self.title, ""]
        lines += ["　　" + b.text if b.kind == "p" else b.text for b in self.blocks]
        return "\n".join([*lines, "", self.signature, self.date])


@cache
def vocabulary_table() -> dict[str, dict[str, str]]:
    with (HERE / "vocabulary.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def settings() -> dict[str, Any]:
    with (HERE / "settings.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def vocabulary(unit_type: str | None) -> dict[str, str]:
    """The words of one kind of unit (default: before the kind is known)."""
    table = vocabulary_table()
    return dict(table.get(unit_type or "default", table["default"]))


def cn_list(items: list[str], limit: int = LIST_LIMIT) -> str:
    """、-joined; cut lists end in 等 (and only cut ones, so nothing is over-claimed or padded)."""
    items = [i for i in items if i]
    if len(items) > limit:
        return "、".join(items[:limit]) + "等"
    return "、".join(items)


def is_cut(items: list[str]) -> bool:
    """Whether cn_list shortened the list (and so ended it with 等)."""
    return len([i for i in items if i]) > LIST_LIMIT


def quoted(name: str) -> str:
    """An event name in “”; quotation marks inside it become ‘’ as Chinese nesting requires."""
    inner = clause(name)
    if inner.startswith("“") and inner.endswith("”") and inner.count("“") == 1:
        inner = inner[1:-1]
    return "“" + inner.replace("“", "‘").replace("”", "’") + "”"


def clause(text: str) -> str:
    """Free text placed mid-sentence: no trailing full stop doubling the template's own."""
    return text.strip().rstrip("。.；;，,！!")


def items(text: str | None) -> list[str]:
    """A chair's list typed as one line (；/;/、 or numbered) split into its items."""
    if not text:
        return []
    parts = re.split(r"[；;\n]+|(?:^|\s)\d+[.、．]", text)
    return [clause(p) for p in parts if clause(p)]


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "prose"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(money=formats.money, cn_list=cn_list, clause=clause, chinese_date=formats.full_date, items=items,
                       quoted=quoted)
    env.tests.update(cut=is_cut)
    env.globals.update(percent=formats.percent)
    return env


ENVIRONMENT = _environment()


class Composer:
    def __init__(self, bank: Bank | None = None, guiding_thought: str | None = None) -> None:
        self.bank = bank or load_bank()
        self.settings = {**settings(), **({"guiding_thought": guiding_thought} if guiding_thought else {})}
        # Loaded and compiled at start-up, not in the first chair's event.
        vocabulary_table()
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
        facts = {q.id: answers.get(q.id) for q in self.bank.questions}
        fact = self.bank.fact
        seed = f"{fact(facts, 'unit_name')}|{fact(facts, 'year')}"

        def prose(question_id: str) -> list[str]:
            """The chosen options of a choice or multi question, as they read inside a sentence.

            An 其他 option reads as what the chair wrote in its follow-up question, or not at all.
            """
            question = bank.by_id[question_id]
            value = facts[question_id]
            keys = value if isinstance(value, list) else [value] if value else []
            phrases = [question.option(k).prose.format_map(words) for k in keys if k not in (OTHER, question.exclusive)]
            follow_up = self.other_text.get(question_id)
            if OTHER in keys and follow_up and facts.get(follow_up):
                # What the chair wrote in their own words leads, so a cut list never drops it.
                phrases.insert(0, clause(facts[follow_up]))
            return phrases

        def pick(key: str, *variants: str) -> str:
            # Stable per report, so a re-downloaded document reads the same, yet varied across units.
            return variants[zlib.crc32(f"{seed}|{key}".encode()) % len(variants)]

        party_key = fact(facts, "party_org")
        party_org = self.bank.by_id[self.bank.roles["party_org"]].option(party_key) if party_key else None
        party = words["prefix"] + party_org.label if party_org else words["party"]
        return {"a": facts, "v": words, "s": self.settings, "prose": prose, "pick": pick,
                "period": formats.period(fact(facts, "year"), fact(facts, "period")),
                "party": party,
                "term": formats.term(fact(facts, "period"))}

    def compose(self, answers: dict[str, Any]) -> Summary:
        ctx = self.context(answers)
        body: list[Block] = []
        figures = 0
        for name in self.body_parts:
            photos = self._figures(name, ctx, first=figures + 1)
            figures += len(photos)
            body += _blocks(ENVIRONMENT.get_template(f"{name}.j2").render(ctx), photos)
        ctx["has_body"] = bool(body)
        blocks = [
            *_blocks(ENVIRONMENT.get_template("opening.j2").render(ctx)),
            *_merge_thin(body, ctx),
            *_blocks(ENVIRONMENT.get_template("closing.j2").render(ctx)),
        ]
        return Summary(
            title=ENVIRONMENT.get_template("title.j2").render(ctx).strip(),
            blocks=tuple(_numbered(blocks)),
            signature=ENVIRONMENT.get_template("signature.j2").render(ctx).strip(),
            date=formats.full_date(signed) if (signed := self.bank.fact(ctx["a"], "sign_date")) else "",
        )


    def _figures(self, part: str, ctx: dict[str, Any], first: int) -> list[Block]:
        """Photos answered in the section a part reports on, numbered through the document."""
        figures = []
        for question in self.bank.questions:
            if question.type == "photo" and question.section == part:
                for photo_key, caption in ctx["a"][question.id] or []:
                    line = ENVIRONMENT.get_template("figure.j2").render(number=first + len(figures), caption=caption)
                    # Reports from before photo keys refer to their photos by row id, now the key's text.
                    figures.append(Block("figure", line.strip(), str(photo_key)))
        return figures


def _blocks(text: str, figures: list[Block] = ()) -> list[Block]:  # type: ignore[assignment]
    """Headings and paragraphs of one part, its photos last; a part without paragraphs yields nothing."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append(Block("p", "".join(paragraph)))
            paragraph.clear()

    for line in (raw.strip() for raw in text.splitlines()):
        if line.startswith("#"):
            close()
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block(f"h{level}", line.lstrip("#").strip()))
        elif line:
            paragraph.append(line)
        else:
            close()
    close()
    if figures and any(b.kind == "p" for b in blocks):
        blocks += figures
    # Drop headings left without a paragraph under them (a sub-heading whose facts were all skipped).
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        if block.kind in BODY_KINDS:
            kept.append(block)
            continue
        following = blocks[i + 1 :]
        body_follows = next((b for b in following if b.kind in BODY_KINDS or b.kind <= block.kind), None)
        if body_follows is not None and body_follows.kind in BODY_KINDS:
            kept.append(block)
    return kept


def _parts(blocks: list[Block]) -> list[list[Block]]:
    parts: list[list[Block]] = []
    for block in blocks:
        if block.kind == "h1" or not parts:
            parts.append([])
        parts[-1].append(block)
    return parts


def _merge_thin(body: list[Block], ctx: dict[str, Any]) -> list[Block]:
    """Welfare and culture with a sentence or two each read better as one part under one heading."""
    parts = _parts(body)
    heads = {
        ENVIRONMENT.get_template(f"{name}.j2").render(ctx).strip().splitlines()[0].lstrip("# "): name
        for name in ("welfare", "culture")
    }
    named = {heads.get(part[0].text): i for i, part in enumerate(parts) if part[0].kind == "h1"}
    if "welfare" not in named or "culture" not in named:
        return body
    welfare, culture = parts[named["welfare"]], parts[named["culture"]]
    text = [b for b in welfare[1:] + culture[1:] if b.kind != "figure"]
    if any(b.kind != "p" for b in text) or sum(len(b.text) for b in text) > THIN_PART_CHARS:
        return body
    heading = ENVIRONMENT.get_template("welfare_culture_head.j2").render(ctx).strip()
    merged = [Block("h1", heading), Block("p", "".join(b.text for b in text)),
              *[b for b in welfare + culture if b.kind == "figure"]]
    parts[named["welfare"]] = merged
    del parts[named["culture"]]
    return [block for part in parts for block in part]


def _numbered(blocks: list[Block]) -> list[Block]:
    numbered: list[Block] = []
    top = sub = 0
    subs_in_part = 0
    for i, block in enumerate(blocks):
        if block.kind == "h1":
            top, sub = top + 1, 0
            subs_in_part = sum(1 for b in _until_next_h1(blocks, i) if b.kind == "h2")
            numbered.append(Block("h1", f"{CHINESE_NUMERALS[top - 1]}、{block.text}"))
        elif block.kind == "h2":
            if subs_in_part < 2:
                continue  # a lone （一） is no structure at all
            sub += 1
            numbered.append(Block("h2", f"（{CHINESE_NUMERALS[sub - 1]}）{block.text}"))
        else:
            numbered.append(block)
    return numbered


def _until_next_h1(blocks: list[Block], start: int) -> list[Block]:
    rest = []
    for block in blocks[start + 1 :]:
        if block.kind == "h1":
            break
        rest.append(block)
    return rest
