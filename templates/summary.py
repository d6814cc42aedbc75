"""The composed summary as plain values: what the chat preview and the DOCX both render.

Every sentence of the body knows which answers it states (its sources), or is marked as frame (the
opening formula, 现将…总结如下), so a test can prove that nothing is invented and nothing given is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Sentence:
    text: str
    sources: frozenset[str]  # ids of the answers the sentence states
    frame: bool = False  # a fixed formula that states no fact of the chair's


@dataclass(frozen=True)
class Block:
    kind: str  # "h1", "h2", "p" or "figure" (a photo: `ref` is its key, `text` its caption line)
    text: str
    ref: str | None = None
    sentences: tuple[Sentence, ...] = ()  # a paragraph's sentences, whose texts make up `text`


@dataclass(frozen=True)
class Summary:
    title: str
    blocks: tuple[Block, ...]
    signature: str
    date: str
    signed_on: date | None = None  # the signing date, also the document's own created and modified dates

    def as_text(self) -> str:
        lines = [self.title, ""]
        lines += ["　　" + b.text if b.kind == "p" else b.text for b in self.blocks]
        return "\n".join([*lines, "", self.signature, self.date])

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            yield from block.sentences
