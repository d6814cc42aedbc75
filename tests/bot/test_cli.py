"""The operator's commands, run as a newcomer would run them, and a start-up with a bad setting."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as open_docx

from tests.support.answers import HOSPITAL_SCRIPT

ROOT = Path(__file__).resolve().parents[2]


def cli(workdir: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "WEBHOOK", "DATABASE"))}
    environment.update({"PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
                        "OUTPUT_DIR": str(workdir / "out"), **env})
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", env=environment, cwd=workdir, timeout=120, check=False)


@pytest.mark.parametrize("command", [[], ["run"], ["migrate"], ["export"], ["stats"], ["purge"]])
def test_every_command_has_english_help(tmp_path: Path, command: list[str]) -> None:
    result = cli(tmp_path, *command, "--help")
    assert result.returncode == 0 and "usage: union-summary" in result.stdout
    assert result.stdout.isascii()


@pytest.mark.parametrize(("name", "value", "complaint"), [
    ("DATABASE_URL", "mysql://root@localhost/db", "DATABASE_URL"),
    ("WEBHOOK_PORT", "99999", "WEBHOOK_PORT"),
    ("CONCURRENT_UPDATES", "0", "CONCURRENT_UPDATES"),
    ("TELEGRAM_BOT_TOKEN", "not a token", "TELEGRAM_BOT_TOKEN"),
    ("FONT_SET", "comic", "FONT_SET"),
    ("ALLOWED_USER_IDS", "12,abc", "ALLOWED_USER_IDS"),
])
def test_a_bad_setting_stops_start_up_with_exit_code_2(tmp_path: Path, name: str, value: str, complaint: str) -> None:
    result = cli(tmp_path, "run", **{name: value})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("invalid settings:") and complaint in result.stderr
    assert value not in result.stderr or name != "TELEGRAM_BOT_TOKEN"  # a bad token is not echoed


def test_migrate_export_stats_and_purge(tmp_path: Path) -> None:
    assert cli(tmp_path, "migrate").stdout.strip() == "database schema is up to date"
    interview = cli(tmp_path, "run", stdin="\n".join([*HOSPITAL_SCRIPT, "完成", "新建", "甲厂"]) + "\n")
    assert interview.returncode == 0, interview.stderr

    exported = cli(tmp_path, "export", "--report", "1", "--output", str(tmp_path / "again.docx"))
    assert exported.returncode == 0 and exported.stdout.isascii()
    text = "\n".join(p.text for p in open_docx(str(tmp_path / "again.docx")).paragraphs)
    assert text.replace("\n", "").startswith("滨江市第一人民医院工会2025年工作总结")  # the title breaks after 工会
    missing = cli(tmp_path, "export", "--report", "999")
    assert missing.returncode == 1 and "no report with id 999" in missing.stderr

    stats = json.loads(cli(tmp_path, "stats", "--json").stdout)
    assert stats["chairs"] == 1 and stats["reports_started"] == 2 and stats["reports_finished"] == 1
    assert stats["answers_by_section"]["basic"] >= 10 and stats["answers_by_section"]["signoff"] == 1
    assert cli(tmp_path, "stats").stdout.isascii()

    with sqlite3.connect(tmp_path / "bot.db") as db:  # the new draft was abandoned 40 days ago
        db.execute("UPDATE reports SET updated_at = datetime('now', '-40 days') WHERE status = 'draft'")
    assert cli(tmp_path, "purge", "--older-than", "30").stdout.startswith("removed 1 draft reports")
    assert json.loads(cli(tmp_path, "stats", "--json").stdout)["reports_started"] == 1  # the finished one stays
    assert cli(tmp_path, "purge", "--older-than", "0").returncode == 2


TOKEN = "999:SECRET-TOKEN-VALUE"


async def _run_until_exit(workdir: Path, **env: str) -> tuple[int, str]:
    import asyncio

    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "WEBHOOK", "DATABASE"))}
    environment.update({"PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN, "LOG_LEVEL": "DEBUG",
                        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}", **env})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=environment, cwd=workdir,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, (out + err).decode()


async def test_a_rejected_token_is_one_line_without_the_token_and_exit_code_3(fake, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake.reject_token = True  # getMe answers 401, as for a revoked token
    code, output = await _run_until_exit(tmp_path, TELEGRAM_BASE_URL=f"http://127.0.0.1:{fake.port}")
    assert code == 3, output
    assert "SECRET-TOKEN-VALUE" not in output and "Traceback" not in output
    assert "start-up failed: the Bot API rejected TELEGRAM_BOT_TOKEN" in output


async def test_telegram_unreachable_at_start_up_is_exit_code_4(tmp_path: Path) -> None:
    import socket

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    code, output = await _run_until_exit(tmp_path, TELEGRAM_BASE_URL=f"http://127.0.0.1:{port}")
    assert code == 4, output
    assert "SECRET-TOKEN-VALUE" not in output and "Traceback" not in output
    assert "did not answer" in output


async def test_a_database_that_does_not_answer_is_exit_code_5(tmp_path: Path) -> None:
    code, output = await _run_until_exit(
        tmp_path, DATABASE_URL="postgresql+asyncpg://bot:db-PASSWORD@127.0.0.1:1/union")
    assert code == 5, output
    assert "db-PASSWORD" not in output and "SECRET-TOKEN-VALUE" not in output and "Traceback" not in output
    assert "start-up failed: the database" in output


async def test_a_webhook_port_in_use_is_exit_code_6(fake, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as taken, socket.socket() as spare:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        spare.bind(("127.0.0.1", 0))
        health = spare.getsockname()[1]
        spare.close()
        code, output = await _run_until_exit(
            tmp_path, TELEGRAM_BASE_URL=f"http://127.0.0.1:{fake.port}", WEBHOOK_URL=f"http://127.0.0.1:{port}",
            WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port), HEALTH_PORT=str(health))
    assert code == 6, output
    assert f"cannot listen on 127.0.0.1:{port}" in output
    assert "SECRET-TOKEN-VALUE" not in output and "Traceback" not in output


async def test_a_webhook_url_telegram_refuses_is_exit_code_7(fake, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import socket

    ports = []
    for _ in range(2):
        with socket.socket() as spare:
            spare.bind(("127.0.0.1", 0))
            ports.append(spare.getsockname()[1])
    code, output = await _run_until_exit(
        tmp_path, TELEGRAM_BASE_URL=f"http://127.0.0.1:{fake.port}", WEBHOOK_URL="http://bot.example.org",
        WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(ports[0]), HEALTH_PORT=str(ports[1]))
    assert code == 7, output
    assert "an https url must be provided" in output.lower()
    assert "SECRET-TOKEN-VALUE" not in output and "Traceback" not in output
