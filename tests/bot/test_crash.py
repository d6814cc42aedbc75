"""SIGKILL at random moments: every answer the bot acknowledged survives, and the report stays consistent.

The bot runs as a real process (`union-summary run` with a token) against the fake Bot API; the test
plays a chair, kills the process with SIGKILL at random moments and starts it again, checking the
database after every kill. A chair whose message got no reply sends it again after the restart.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from pathlib import Path

from docx import Document as open_docx
from sqlalchemy import select

from dialogs.bank import load_bank
from storage.database import create_engine
from storage.models import Answer, Chair, Report
from tests.support import samples
from tests.support.answers import HOSPITAL, HOSPITAL_FIGURES, shown_ids
from tests.support.fake_bot_api import FakeBotAPI

KILLS = 50
CHAT = 5001
ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank()


class BotProcess:
    def __init__(self, fake: FakeBotAPI, database_url: str, workdir: Path) -> None:
        self.env = {**os.environ, "TELEGRAM_BOT_TOKEN": "321:CRASH-TEST", "PYTHONPATH": str(ROOT),
                    "TELEGRAM_BASE_URL": f"http://127.0.0.1:{fake.port}", "DATABASE_URL": database_url}
        self.workdir = workdir
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = (self.workdir / "bot.log").open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=self.env, cwd=self.workdir, stdout=log, stderr=log,
        )

    async def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> None:
        if self.process and self.process.returncode is None:
            self.process.terminate()
            await asyncio.wait_for(self.process.wait(), 30)


async def reply_after(fake: FakeBotAPI, mark: int, timeout: float, method: str = "sendMessage") -> bool:
    for _ in range(int(timeout / 0.01)):
        if any(s.chat_id == CHAT and s.method == method for s in fake.sent[mark:]):
            return True
        await asyncio.sleep(0.01)
    return False


async def stored_state(database) -> tuple[dict, Report | None]:  # type: ignore[no-untyped-def]
    async with database.connect() as connection:
        chair_row = (await connection.execute(select(Chair).where(Chair.chat_id == CHAT))).first()
        if chair_row is None or chair_row.current_report_id is None:
            return {}, None
        report = (await connection.execute(select(Report).where(Report.id == chair_row.current_report_id))).first()
        rows = await connection.execute(select(Answer.question_id, Answer.value).where(Answer.report_id == report.id))
        return dict(rows.all()), report


def check_invariants(stored: dict, report, acknowledged: set[str], expected: dict) -> None:  # type: ignore[no-untyped-def]
    for question_id in acknowledged:
        assert question_id in stored, f"acknowledged answer to {question_id} lost"
    for question_id, value in stored.items():
        assert value == expected[question_id], f"{question_id} stored as {value!r}"  # complete, never partial
    if report is not None:
        open_questions = [q.id for q in BANK.questions if q.is_shown(stored) and q.id not in stored]
        assert report.cursor == (open_questions[0] if open_questions else "review"), (report.cursor, open_questions)
        assert report.pending is None


async def test_sigkill_at_random_moments_loses_nothing(fake: FakeBotAPI, database_url: str, tmp_path: Path) -> None:
    rng = random.Random(20261122)
    values = samples.parsed(HOSPITAL)
    steps = [(qid, HOSPITAL.get(qid, "跳过")) for qid in shown_ids(HOSPITAL)]
    expected = {qid: values.get(qid) for qid, _ in steps}
    database = create_engine(database_url)
    bot = BotProcess(fake, database_url, tmp_path)
    acknowledged: set[str] = set()
    kills = 0
    try:
        await bot.start()
        mark = len(fake.sent)
        fake.send_text(CHAT, "/start")
        assert await reply_after(fake, mark, 60), (tmp_path / "bot.log").read_text()
        step = 0
        while step < len(steps):
            question_id, text = steps[step]
            mark = len(fake.sent)
            fake.send_text(CHAT, text)
            if kills < KILLS and rng.random() < 0.95:
                await asyncio.sleep(rng.uniform(0, 0.12))
                replied = any(s.chat_id == CHAT for s in fake.sent[mark:])
                await bot.kill()
                kills += 1
                if replied:
                    acknowledged.add(question_id)
                stored, report = await stored_state(database)
                check_invariants(stored, report, acknowledged, expected)
                await bot.start()
                # /status is a barrier: updates are handled in order, so its reply means all before it were.
                mark = len(fake.sent)
                fake.send_text(CHAT, "/status")
                assert await reply_after(fake, mark, 60), (tmp_path / "bot.log").read_text()[-3000:]
                stored, report = await stored_state(database)
                check_invariants(stored, report, acknowledged, expected)
                if question_id in stored:
                    acknowledged.add(question_id)
                    step += 1
                # otherwise the message was lost before it was handled: the chair sends it again
            else:
                assert await reply_after(fake, mark, 30)
                acknowledged.add(question_id)
                step += 1
        stored, report = await stored_state(database)
        check_invariants(stored, report, acknowledged, expected)
        assert set(stored) == set(expected)
        mark = len(fake.sent)
        fake.send_text(CHAT, "/finish")
        assert await reply_after(fake, mark, 30, method="sendDocument")
        document = next(s for s in fake.sent[mark:] if s.method == "sendDocument")
        import io

        text = "\n".join(p.text for p in open_docx(io.BytesIO(document.document)).paragraphs)
        assert all(figure in text for figure in HOSPITAL_FIGURES)
    finally:
        await bot.stop()
        await database.dispose()
    assert kills >= KILLS
    print(f"\ncrash test on {database_url.split(':')[0]}: {kills} kills survived, "
          f"{len(acknowledged)} acknowledged answers, none lost")
