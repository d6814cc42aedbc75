"""Marking in a template which answers a sentence states, and reading the marks back out.

A template writes `{{ src("train_sessions", "train_people") }}` inside a sentence (or `{{ frame() }}` in a
fixed formula). The marks travel through the rendered text as private-use characters, which no answer
can carry (they are removed from answers first), and are taken out again sentence by sentence.
"""

from __future__ import annotations

import re

from templates.summary import Sentence

OPEN, CLOSE = "\ue000", "\ue001"
FRAME = "*"
_MARK = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# A sentence ends at 。！？ (with any closing quotation mark or bracket that follows it).
_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’」』）)])|(?<=[。！？][”’」』）)])")


def src(*question_ids: str) -> str:
    return OPEN + ",".join(question_ids) + CLOSE


def frame() -> str:
    return OPEN + FRAME + CLOSE


def without_marks_possible(text: str) -> str:
    """An answer made safe to place in a template: it can never forge a mark."""
    return _PRIVATE_USE.sub("", text)


def strip_marks(text: str) -> str:
    return _MARK.sub("", text)


def marked_sentences(paragraph: str) -> list[str]:
    """A rendered paragraph's sentences as rendered, each with its marks."""
    return [piece for piece in _SENTENCE_END.split(paragraph) if strip_marks(piece).strip()]


def sentences(paragraph: str) -> tuple[Sentence, ...]:
    """A rendered paragraph's sentences, each with the answers its marks name."""
    found = []
    for piece in marked_sentences(paragraph):
        marks = _MARK.findall(piece)
        ids = frozenset(i for mark in marks for i in mark.split(",") if i and i != FRAME)
        found.append(Sentence(strip_marks(piece), ids, frame=not ids and FRAME in marks))
    return tuple(found)
