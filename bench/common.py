"""Shared helpers: timing, percentiles, the result table and its JSON file."""

from __future__ import annotations

import json
import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/test")


def chair_script(length: int) -> list[str]:
    """The first `length` lines a chair sends in the interview, taken from the factory fixture's answers
    as the bank asks for them today: hand-written lists fell out of step when a question was added, and
    the bench then measured the bot refusing them."""
    from tests.support.answers import script
    from tests.support.samples import typed

    lines = script(typed("factory"))[:length]
    if "跳过" in lines or len(lines) < length:
        raise RuntimeError("the bench wants answers the factory fixture gives, not skips")
    return lines


def saved_prefix() -> str:
    """How the bot's reply to an accepted answer begins (messages.yaml `saved`, up to the label)."""
    from dialogs.texts import say

    return say("saved", label="\0", value="").split("\0")[0]


class RefusedAnswer(RuntimeError):
    """The bot did not take a scripted answer: the figures would measure refusals, not answers."""


@dataclass
class Row:
    group: str
    measure: str
    product: float
    floor: float | None
    unit: str
    target: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.product / self.floor if self.floor else None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = time.perf_counter() - self.start


def print_table(rows: list[Row]) -> None:
    print(f"\n{'group':<10} {'measure':<34} {'product':>10} {'floor':>10} {'ratio':>7}  {'target':<14} notes")
    for r in rows:
        floor = f"{r.floor:10.3f}" if r.floor is not None else " " * 10
        ratio = f"{r.ratio:7.2f}" if r.ratio is not None else " " * 7
        print(f"{r.group:<10} {r.measure:<34} {r.product:10.3f} {floor} {ratio}  {r.target:<14} {r.unit} {r.notes}")


def save(rows: list[Row]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps([{**asdict(r), "ratio": r.ratio} for r in rows], ensure_ascii=False, indent=2))
    return path
