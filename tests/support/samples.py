"""The answer sets in tests/fixtures, parsed as the engine would, and `make samples` to look at them."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from datetime import date
from pathlib import Path

import yaml

from dialogs.answers import ParseContext, all_of
from dialogs.bank import load_bank
from dialogs.question_types import parse_typed
from templates.maker import SummaryMaker

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = date(2026, 1, 10)


def names() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.yaml"))


def typed(name: str) -> dict[str, str]:
    with (FIXTURES / f"{name}.yaml").open(encoding="utf-8") as f:
        return {key: str(value) for key, value in yaml.safe_load(f).items()}


def parsed(answers: dict[str, str], today: date = TODAY) -> dict:
    """Stored values for typed answers, in interview order; questions hidden by `when:` are left out."""
    bank = load_bank()
    values: dict = {}
    for question in bank.questions:
        if question.id in answers and question.is_shown(values):
            # Option numbers are those the chair sees: their own kind of unit's options.
            seen = bank.for_answers(values).by_id[question.id]
            ctx = ParseContext(today=today, year=values.get("year"), period=values.get("period"),
                               all_of=all_of(seen, values))
            values[question.id] = parse_typed(seen, answers[question.id], ctx)
    return values


def write_samples(output: Path) -> list[Path]:
    """DOCX for every fixture, and PDF and PNG pages where LibreOffice and poppler are installed."""
    output.mkdir(parents=True, exist_ok=True)
    maker = SummaryMaker()
    written = []
    for name in names():
        path = output / f"{name}.docx"
        path.write_bytes(maker.document(parsed(typed(name))))
        written.append(path)
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(output),
                        *map(str, written)], check=True, capture_output=True, timeout=300)
        if shutil.which("pdftoppm"):
            for path in written:
                for stale in output.glob(f"{path.stem}-*.png"):  # pages of a longer earlier version
                    stale.unlink()
                subprocess.run(["pdftoppm", "-png", "-r", "70", str(path.with_suffix(".pdf")),
                                str(output / path.stem)], check=True, timeout=120)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the sample summaries (DOCX, and PDF/PNG if possible).")
    parser.add_argument("output", nargs="?", default="samples", type=Path)
    for path in write_samples(parser.parse_args().output):
        print(path)


if __name__ == "__main__":
    main()
