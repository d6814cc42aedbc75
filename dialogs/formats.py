"""How dates, money, percentages and reporting periods read: one place for the chat and the document.

The patterns are data (formats.yaml); this module only does the arithmetic around them.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
WAN = 10_000  # from here on money reads in 万元


@cache
def patterns() -> dict[str, Any]:
    with (HERE / "formats.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _number(value: float, places: int) -> str:
    """At most `places` decimals and no trailing zeros: 2.4, 4600, 66.7; never 100.0."""
    return f"{round(value, places):.{places}f}".rstrip("0").rstrip(".") if places else str(round(value))


def money(value: float) -> str:
    """Yuan as a chair reads them: 4600元 below ten thousand, 2.4万元 from there on; no separators."""
    if value >= WAN:
        return patterns()["wan_yuan"].format(amount=_number(value / WAN, 2))
    return patterns()["yuan"].format(amount=_number(value, 2))


def full_date(value: str | date) -> str:
    """An ISO date (as stored) or a date, in Arabic numerals: 2026年1月10日."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return patterns()["date"].format(year=day.year, month=day.month, day=day.day)


def listing(items: list[str]) -> str:
    """Items read out in one line: 春节、中秋、国庆."""
    return patterns()["list_separator"].join(items)


def month(value: int) -> str:
    return patterns()["month"].format(month=value)


def percent(part: float, whole: float) -> str | None:
    """One decimal at most (66.7%, 100%), only for a real denominator and never above 100 %."""
    if not whole or part > whole:
        return None
    return patterns()["percent"].format(value=_number(part * 100 / whole, 1))


def period(year: int | None, kind: str | None) -> str:
    """The reporting period by name (2025年, 2025年上半年, 2025—2026学年); empty before the year is known."""
    if not year:
        return ""
    named = patterns()["period"]
    return named.get(kind or "year", named["year"]).format(year=year, next=year + 1)


def ahead(kind: str | None) -> str:
    """What follows the reporting period, for plans: 新的一年, 下半年, 新学年."""
    following = patterns()["ahead"]
    return following.get(kind or "year", following["year"])


def term(kind: str | None) -> str:
    """How a document refers to its own period: 本年度, 上半年, 本学年."""
    terms = patterns()["term"]
    return terms.get(kind or "year", terms["year"])
