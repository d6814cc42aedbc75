"""From rendered template text to blocks: headings and paragraphs, empty parts dropped, thin ones merged,
headings numbered 一、（一）… after dropping, so the numbering never has a gap or a lone （一）.

Templates write plain text. A line starting with `# ` is a part's heading, `## ` a sub-heading; blank lines
separate paragraphs and the lines of one paragraph are joined. A line `~~` marks where a paragraph may be split
between two topics: a long one is (a reader of an official summary expects a topic or two per paragraph, and a
short one stays whole rather than falling into scraps).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from templates.doers import UNION
from templates.sources import marked_sentences, sentences, strip_marks
from templates.summary import Block
from templates.typography import term_once, words

BODY_KINDS = {"p", "figure"}
THIN_PART_CHARS = 120  # welfare plus culture shorter than this share one heading
# A report whose paragraphs are shorter than this together is told without headings, like a short human summary:
# five numbered parts over a sentence or two each promise a structure the year did not fill.
THIN_REPORT_CHARS = 600
ONE_LINE_CHARS = 28  # a paragraph shorter than one line of the page
SOFT_BREAK = "~~"
LONG_PARAGRAPH_CHARS = 240  # a paragraph longer than this is split at its soft breaks
SHORTEST_PIECE_CHARS = 90  # but never into a piece shorter than this


def _visible(lines: list[str]) -> int:
    return sum(len(strip_marks(line)) for line in lines)


def split_long(lines: list[str], breaks: list[int]) -> list[list[str]]:
    """The lines of one paragraph in pieces cut at its soft breaks (indices into `lines`), each cut made only while
    the piece being cut is long, and only where both sides keep a paragraph's worth of text."""
    pieces: list[list[str]] = []
    start = 0
    for cut in breaks:
        head, rest = _visible(lines[start:cut]), _visible(lines[cut:])
        if head + rest > LONG_PARAGRAPH_CHARS and min(head, rest) >= SHORTEST_PIECE_CHARS:
            pieces.append(lines[start:cut])
            start = cut
    return [*pieces, lines[start:]] if lines else []


@cache
def _union_act() -> re.Pattern[str]:
    said = words()
    adverbs = "|".join(map(re.escape, said["union_act_adverbs"]))
    acts = "|".join(map(re.escape, [*said["union_acts"], *said["union_deeds"]]))
    # 工会组织的集中学习… is the union's study, not its act.
    return re.compile(rf"^{UNION}(?P<adverb>{adverbs})?(?P<act>{acts})(?!的)")


def one_doer(text: str) -> str:
    """Rendered text of one topic (between two soft breaks) with a short one of the union's acts taking the next one
    like it as its second clause (工会看望离退休老同志380人次。工会为过生日的职工… → 工会看望离退休老同志380人次，
    为过生日的职工…): a writer names the doer once, not at the head of every sentence. The joined sentence keeps the
    marks of both, so it states what both stated."""
    limit = words()["one_doer_chars"]
    joined: list[str] = []
    for sentence in marked_sentences(text):
        seen = strip_marks(sentence).strip()
        before = strip_marks(joined[-1]).strip() if joined else ""
        first, second = _union_act().match(before), _union_act().match(seen)
        if (first and second and before.endswith("。") and len(before) <= limit
                and not re.search("[，；：“]", before)):
            head = joined[-1]
            # The same act again is another one of it: 工会组织…参加健康体检，还组织…参加疗休养.
            again = words()["union_act_again"] if first["act"] == second["act"] and not second["adverb"] else ""
            joined[-1] = head[: head.rindex("。")] + "，" + again + sentence.replace(UNION, "", 1)
        else:
            joined.append(sentence)
    return "".join(joined)


def unit_of(named: dict[str, str]) -> str:
    """The unit's own word the full names begin with: 我院 for {我院工会: 工会, 我院职工: 职工}."""
    return next((full.removesuffix(short) for full, short in named.items() if full.endswith(short)), "")


def shortened(paragraph: str, named: dict[str, str], said: bool) -> str:
    """The unit named in full once (我院工会 or 我院职工, whichever comes first), then simply 工会, 职工, as a
    writer would; not at all when `said` (an earlier paragraph of the part, which spoke of its union or staff), nor
    after the paragraph itself named the unit, its union or its staff: 本企业建设改造了职工之家。本企业职工之家… or
    工会…。汛期，我局工会… reads as a slip."""
    first = min(((paragraph.find(full), full) for full in named if full in paragraph), default=None)
    if first is None:
        return paragraph
    before = paragraph[: first[0]]
    cut = 0 if said or any(word and word in before for word in [unit_of(named), *named.values()]) else (
        first[0] + len(first[1]))
    rest = paragraph[cut:]
    for full, short in named.items():
        if full.endswith(short):
            rest = rest.replace(full, short)
    return paragraph[:cut] + rest


def blocks(text: str, figures: list[Block] | None = None, named: dict[str, str] | None = None,
           term: str = "") -> list[Block]:
    """Headings and paragraphs of one part, its photos last; a part without paragraphs yields nothing.
    `named` maps full names to short ones (我院工会 → 工会): the unit is said in full at most in the part's first
    paragraph (shortened), as `term` (本年度) is once (typography.term_once); the unit's name in every paragraph reads
    as a form filled in."""
    # A template's block tag may swallow the newline before a soft break (…个。{% endif %} then ~~): the marker is a
    # line of its own wherever it stands.
    mark = re.escape(SOFT_BREAK)
    text = re.sub(rf"{mark}(?!\n)", f"{SOFT_BREAK}\n", re.sub(rf"(?<!\n){mark}", f"\n{SOFT_BREAK}", text))
    found: list[Block] = []
    paragraph: list[str] = []
    breaks: list[int] = []

    def close() -> None:
        # One line a topic, kept apart by newlines until the union is named once within each (one_doer, after the
        # unit and the period are said once: 本年度，我院工会… may have become 工会…), never across a soft break.
        topics = [paragraph[start:end] for start, end in zip([0, *breaks], [*breaks, len(paragraph)], strict=True)]
        lines = ["".join(topic) for topic in topics if topic]
        for piece in split_long(lines, list(range(1, len(lines)))):
            # Every paragraph of a part speaks of its union or its staff: after the first, the unit is not named again.
            said = any(b.kind == "p" for b in found)
            joined = shortened("\n".join(piece), named or {}, said)
            joined = term_once(joined, term, said=any(term and term in b.text for b in found))
            told = sentences("".join(one_doer(topic) for topic in joined.split("\n")))
            found.append(Block("p", "".join(s.text for s in told), sentences=told))
        paragraph.clear()
        breaks.clear()

    for line in (raw.strip() for raw in text.splitlines()):
        if line == SOFT_BREAK:
            if paragraph and (not breaks or breaks[-1] != len(paragraph)):
                breaks.append(len(paragraph))
        elif line.startswith("#"):
            close()
            level = len(line) - len(line.lstrip("#"))
            found.append(Block(f"h{level}", strip_marks(line.lstrip("#")).strip()))
        elif strip_marks(line):
            paragraph.append(line)
        else:
            close()
    close()
    if figures and any(b.kind == "p" for b in found):
        found += figures
    # Drop headings left without a paragraph under them (a sub-heading whose facts were all skipped).
    kept: list[Block] = []
    for i, block in enumerate(found):
        if block.kind in BODY_KINDS:
            kept.append(block)
            continue
        following = found[i + 1 :]
        body_follows = next((b for b in following if b.kind in BODY_KINDS or b.kind <= block.kind), None)
        if body_follows is not None and body_follows.kind in BODY_KINDS:
            kept.append(block)
    return kept


def _parts(body: list[Block]) -> list[list[Block]]:
    parts: list[list[Block]] = []
    for block in body:
        if block.kind == "h1" or not parts:
            parts.append([])
        parts[-1].append(block)
    return parts


def merge_thin(body: list[Block], heading_of: Callable[[str], str], merged_heading: str) -> list[Block]:
    """Welfare and culture with a sentence or two each read better as one part under one heading."""
    parts = _parts(body)
    heads = {heading_of(name): name for name in ("welfare", "culture")}
    named = {heads.get(part[0].text): i for i, part in enumerate(parts) if part[0].kind == "h1"}
    if "welfare" not in named or "culture" not in named:
        return body
    welfare, culture = parts[named["welfare"]], parts[named["culture"]]
    text = [b for b in welfare[1:] + culture[1:] if b.kind != "figure"]
    if any(b.kind != "p" for b in text) or sum(len(b.text) for b in text) > THIN_PART_CHARS:
        return body
    said = tuple(s for b in text for s in b.sentences)
    merged = [Block("h1", merged_heading), Block("p", "".join(b.text for b in text), sentences=said),
              *[b for b in welfare + culture if b.kind == "figure"]]
    parts[named["welfare"]] = merged
    del parts[named["culture"]]
    return [block for part in parts for block in part]


def is_thin(blocks: list[Block]) -> bool:
    return sum(len(b.text) for b in blocks if b.kind == "p") < THIN_REPORT_CHARS


def unheaded_when_thin(blocks: list[Block]) -> list[Block]:
    """A thin report as plain paragraphs in the order of its parts: no headings over a sentence or two. A paragraph of
    one short sentence is no paragraph: it joins the one before it in its own part (职工之家向职工开放。 after the
    members), or else the next part's first (集中学习 before the congress), as a writer groups a short report."""
    if not is_thin(blocks):
        return blocks
    part = 0
    placed: list[tuple[int, Block]] = []  # each block with the part it was told in
    for block in blocks:
        if block.kind == "h1":
            part += 1
        elif block.kind != "h2":
            placed.append((part, block))
    result: list[tuple[int, Block]] = []
    held: Block | None = None  # a short paragraph waiting for the next one
    for part, block in placed:
        if held and block.kind == "p":
            block, held = _joined(held, block), None
        short = block.kind == "p" and len(block.text) < ONE_LINE_CHARS and len(result) > 0
        if short and result[-1][0] == part and result[-1][1].kind == "p":
            result[-1] = (part, _joined(result[-1][1], block))
        elif short:
            held = block
        else:
            result.append((part, block))
    if held:  # the last part's short paragraph: it joins the one before it
        last_part, last = result[-1]
        if last.kind == "p":
            result[-1] = (last_part, _joined(last, held))
        else:
            result.append((last_part, held))
    return [block for _, block in result]


def _joined(first: Block, second: Block) -> Block:
    return Block("p", first.text + second.text, sentences=first.sentences + second.sentences)


def numbered(body: list[Block]) -> list[Block]:
    typography = words()
    numerals = typography["ordinals"]
    result: list[Block] = []
    top = sub = 0
    subs_in_part = 0
    for i, block in enumerate(body):
        if block.kind == "h1":
            top, sub = top + 1, 0
            subs_in_part = sum(1 for b in _until_next_h1(body, i) if b.kind == "h2")
            result.append(Block("h1", typography["heading1"].format(numeral=numerals[top - 1], text=block.text)))
        elif block.kind == "h2":
            if subs_in_part < 2:
                continue  # a lone （一） is no structure at all
            sub += 1
            result.append(Block("h2", typography["heading2"].format(numeral=numerals[sub - 1], text=block.text)))
        else:
            result.append(block)
    return result


def _until_next_h1(body: list[Block], start: int) -> list[Block]:
    rest = []
    for block in body[start + 1 :]:
        if block.kind == "h1":
            break
        rest.append(block)
    return rest
