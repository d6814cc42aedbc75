"""What the chair sees of where they are: progress that only rises, totals that never jump."""

from __future__ import annotations

from datetime import date

from dialogs import display
from dialogs.answers import ParseContext
from dialogs.bank import load_bank
from dialogs.question_types import parse_typed
from tests.support import samples


def _walk(fixture: str) -> list[tuple[str, int, int, int]]:
    """(section, n, m, percent) at every question a chair of the fixture is asked, in order."""
    bank, typed, values, seen = load_bank(), samples.typed(fixture), {}, []
    for question in bank.questions:
        if not question.is_shown(values):
            continue
        p = display.progress(bank, question, values)
        seen.append((p.section, p.n, p.m, p.percent))
        ctx = ParseContext(today=date(2026, 1, 10), year=values.get("year"), period=values.get("period"))
        values[question.id] = parse_typed(question, typed[question.id], ctx) if question.id in typed else None
    return seen


def test_progress_only_rises_and_section_totals_never_change() -> None:
    for fixture in samples.names():
        walk = _walk(fixture)
        percents = [percent for *_, percent in walk]
        assert percents == sorted(percents), fixture
        totals: dict[str, set[int]] = {}
        for section, n, m, _ in walk:
            totals.setdefault(section, set()).add(m)
            assert 1 <= n <= m, (fixture, section, n, m)
        assert all(len(m) == 1 for m in totals.values()), (fixture, totals)
