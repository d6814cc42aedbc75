"""The document: a complete report's DOCX against bare python-docx writing the same paragraphs unstyled;
and the preview text."""

from __future__ import annotations

import io
import time

from docx import Document

from bench.common import Row, median
from templates.compose import Composer
from templates.maker import SummaryMaker
from tests.support.samples import parsed, typed

ROUNDS = 30


def _bare(paragraphs: list[str]) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _time(action, rounds: int = ROUNDS) -> float:  # type: ignore[no-untyped-def]
    action()  # warm: templates compiled, fonts table read
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return median(timings) * 1000


def run() -> list[Row]:
    answers = parsed(typed("everything"))
    maker, composer = SummaryMaker(), Composer()
    summary = composer.compose(answers)
    paragraphs = [summary.title, *(b.text for b in summary.blocks), summary.signature, summary.date]
    product = _time(lambda: maker.document(answers))
    floor = _time(lambda: _bare(paragraphs))
    preview = _time(lambda: maker.preview(answers))
    return [
        Row("docx", "complete report (everything.yaml)", product, floor, "ms", "≤ 1.5× bare"),
        Row("docx", "preview text", preview, None, "ms"),
    ]
