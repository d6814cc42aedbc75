"""The whole bot against a bare PTB echo bot, both as real processes driven by the same fake Bot API.

Throughput with many chairs answering at once, latency for one chair, CPU per update and peak RSS.
Each update counts as done when the bot has sent the message that closes its reply (for the bot, the
next question; for the echo bot, the echo).
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.common import RefusedAnswer, Row, chair_script, median, percentile, saved_prefix
from tests.support.fake_bot_api import FakeBotAPI, Sent

ROOT = Path(__file__).resolve().parents[1]
# A chair's first answers, each taken by the bot and closed by the next question.
ANSWERS = chair_script(10)
# 400 answers in a row: enough that the 99th percentile is not simply the slowest one.
LATENCY_ROUNDS = 40


class Watcher:
    """Counts, per chat, the bot's messages that close a reply, and wakes that chat's waiter.

    The fake tells the watcher of each message as it stores it: a harness that polled would add its
    polling interval to every latency and, on two cores, take CPU from the bot it measures.
    """

    def __init__(self, fake: FakeBotAPI, closes) -> None:  # type: ignore[no-untyped-def]
        self.closes = closes
        self.count: dict[int, int] = defaultdict(int)
        self.last: dict[int, str] = {}  # per chat, the text of the latest message that closed a reply
        self.arrived: dict[int, asyncio.Event] = defaultdict(asyncio.Event)
        fake.on_stored.append(self._stored)

    def _stored(self, sent: Sent) -> None:
        if self.closes(sent):
            self.count[sent.chat_id] += 1
            self.last[sent.chat_id] = sent.text or ""
            self.arrived[sent.chat_id].set()

    async def wait_for(self, chat_id: int, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        arrived = self.arrived[chat_id]
        while self.count[chat_id] < count:
            arrived.clear()
            try:
                await asyncio.wait_for(arrived.wait(), deadline - time.monotonic())
            except TimeoutError:
                raise TimeoutError(f"chat {chat_id}: {self.count[chat_id]} of {count}") from None


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _count_claimed_updates(url: str) -> int:
    from sqlalchemy import func, select

    from storage.database import create_engine
    from storage.models import ProcessedUpdate

    database = create_engine(url)
    try:
        async with database.connect() as connection:
            return (await connection.execute(select(func.count()).select_from(ProcessedUpdate))).scalar_one()
    finally:
        await database.dispose()


async def _measure(command: list[str], env_extra: dict[str, str], closes, first_text, chairs: int,  # type: ignore[no-untyped-def]
                   taken=None) -> dict:
    """`taken(text)`, if given, says whether the message that closed an answer's reply shows the answer was
    taken; the run stops at the first one that was not."""
    fake = FakeBotAPI()
    await fake.start()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": "1:BENCH",
           "TELEGRAM_BASE_URL": f"http://127.0.0.1:{fake.port}", **env_extra}
    process = await asyncio.create_subprocess_exec(*command, env=env, cwd=ROOT,
                                                   stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    watcher = Watcher(fake, closes)

    def check_taken(chat_id: int, text: str) -> None:
        if taken is not None and not taken(watcher.last[chat_id]):
            raise RefusedAnswer(f"e2e bench: chat {chat_id} sent {text!r}, the bot replied {watcher.last[chat_id]!r}")

    try:
        # Warm-up: the first chair's first message waits for start-up.
        fake.send_text(1, first_text)
        await watcher.wait_for(1, 1, timeout=120)

        # One chair, answers one after another: latency. This process's collector stays off meanwhile: its
        # full pass over the fake's stored messages took 30-45 ms, and landed inside one bot's answer.
        latencies = []
        gc.collect()
        gc.disable()
        for i, text in enumerate(ANSWERS * LATENCY_ROUNDS):
            start = time.perf_counter()
            fake.send_text(1, text)
            await watcher.wait_for(1, 2 + i)
            latencies.append(time.perf_counter() - start)
            check_taken(1, text)
            if first_text == "/start" and i % len(ANSWERS) == len(ANSWERS) - 1:
                fake.send_text(1, "新建")  # start over so the same answers apply again
                await watcher.wait_for(1, 3 + i)
                watcher.count[1] -= 1
        gc.enable()

        # Many chairs at once: throughput, CPU per update.
        cpu_before = _cpu_seconds(process.pid)
        start = time.perf_counter()

        async def chair(chat_id: int) -> None:
            fake.send_text(chat_id, first_text)
            await watcher.wait_for(chat_id, 1)
            for n, text in enumerate(ANSWERS, 2):
                fake.send_text(chat_id, text)
                await watcher.wait_for(chat_id, n)
                check_taken(chat_id, text)

        await asyncio.gather(*(chair(1000 + c) for c in range(chairs)))
        elapsed = time.perf_counter() - start
        updates = chairs * (1 + len(ANSWERS))
        cpu = _cpu_seconds(process.pid) - cpu_before
        return {"throughput": updates / elapsed, "p50_ms": percentile(latencies, 0.5) * 1000,
                "p99_ms": percentile(latencies, 0.99) * 1000, "cpu_ms_per_update": cpu / updates * 1000,
                "rss_mb": _peak_rss_mb(process.pid), "updates_sent": len(fake.delivered)}
    finally:
        gc.enable()
        process.terminate()
        await process.wait()
        await fake.stop()


async def _alternating(bot_env: dict[str, str], chairs: int, rounds: int) -> tuple[dict, dict]:
    """Echo bot and whole bot measured turn about, medians of each: this machine's speed drifts by tens
    of per cent within minutes, and a floor measured minutes away from its product would carry that drift."""
    from bench.engine_bench import reset_database

    url = bot_env["DATABASE_URL"]
    saved = saved_prefix()
    echo_runs, bot_runs = [], []
    for _ in range(rounds):
        echo_runs.append(await _measure([sys.executable, "-m", "bench.echo_bot"], {},
                                        lambda s: s.method == "sendMessage", "hello", chairs))
        # Each round from an empty database: every fake starts its update ids at 1, and a bot that had
        # seen them would answer each as a redelivery, writing nothing.
        await reset_database(url)
        bot_run = await _measure(
            [sys.executable, "-m", "bot.cli", "run"], bot_env,
            lambda s: s.method == "sendMessage" and "【" in (s.text or ""), "/start", chairs,
            taken=lambda text: text.startswith(saved))
        claimed = await _count_claimed_updates(url)
        if claimed != bot_run["updates_sent"]:
            raise RuntimeError(f"the bot applied {claimed} of {bot_run['updates_sent']} updates")
        bot_runs.append(bot_run)
    return ({key: median([r[key] for r in echo_runs]) for key in echo_runs[0]},
            {key: median([r[key] for r in bot_runs]) for key in bot_runs[0]})


# SQLAlchemy's async layer (which imports its ORM), the driver and its dialect: the storage stack the
# project's design prescribes, before the bot does anything with it.
STORAGE_STACK = {
    "sqlite": "sqlalchemy.ext.asyncio,aiosqlite,sqlalchemy.dialects.sqlite.aiosqlite",
    "postgresql": "sqlalchemy.ext.asyncio,asyncpg,sqlalchemy.dialects.postgresql.asyncpg",
}


async def _echo_with_storage_stack_rss(name: str, chairs: int) -> float:
    """Peak RSS of the echo bot that also imports the storage stack: what memory that stack alone costs."""
    run = await _measure([sys.executable, "-m", "bench.echo_bot"], {"ECHO_ALSO_IMPORTS": STORAGE_STACK[name]},
                         lambda s: s.method == "sendMessage", "hello", chairs)
    return run["rss_mb"]


async def run(database_urls: dict[str, str], chairs: int = 200, rounds: int = 3) -> list[Row]:
    """The whole bot on each database (each from an empty schema) against the echo bot."""
    rows = []
    for name, url in database_urls.items():
        echo, bot = await _alternating({"DATABASE_URL": url, "TELEGRAM_RATE_LIMIT": "0", "LOG_LEVEL": "WARNING"},
                                       chairs, rounds)
        stack_rss = await _echo_with_storage_stack_rss(name, chairs)
        notes = f"median of {rounds}, turn about"
        rows += [
            Row("e2e", f"throughput, {chairs} chairs at once ({name})", bot["throughput"], echo["throughput"],
                "updates/s", "≥ 150/s", notes),
            Row("e2e", f"latency p50, one chair ({name})", bot["p50_ms"], echo["p50_ms"], "ms", notes=notes),
            Row("e2e", f"latency p99, one chair ({name})", bot["p99_ms"], echo["p99_ms"], "ms", "≤ 25 ms", notes),
            Row("e2e", f"CPU per update ({name})", bot["cpu_ms_per_update"], echo["cpu_ms_per_update"], "ms",
                notes=notes),
            Row("e2e", f"peak RSS ({name})", bot["rss_mb"], echo["rss_mb"], "MB", "≤ 128 MB", notes),
            Row("e2e", f"peak RSS, echo + storage imports ({name})", stack_rss, echo["rss_mb"], "MB",
                notes="reference, one run: the echo bot importing SQLAlchemy async and the driver, unused"),
        ]
    return rows


if __name__ == "__main__":
    from bench.common import print_table

    print_table(asyncio.run(run({"sqlite": "sqlite+aiosqlite:////tmp/bench-e2e.db"})))
