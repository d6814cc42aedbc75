"""Webhook mode as an attacker meets it: forged updates, huge bodies, and no secret configured."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import aiohttp

from bot.webhook import MAX_UPDATE_BYTES, start_webhook_server
from tests.support.chat import make_engine
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.telegram import RunningBot, TelegramChair

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


async def free_port() -> int:
    server = await asyncio.start_server(lambda *_: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    return port


async def post_huge(port: int, size: int, secret: str | None, chunked: bool = False) -> tuple[int | None, int]:
    """POST `size` bytes to /telegram, 64 KB at a time, the way a flood would: (status or None, bytes sent).

    The sender stops as soon as the server answers or hangs up, so `bytes sent` tells how much of the
    body the server let in before deciding."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = ["POST /telegram HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    if secret is not None:
        head.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
    chunk = b"[" + b"1," * (32 * 1024 - 1)  # looks like JSON, never ends
    sent = 0

    async def send() -> None:
        nonlocal sent
        while sent < size:
            piece = chunk[: min(len(chunk), size - sent)]
            writer.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            await writer.drain()
            sent += len(piece)

    sender = asyncio.create_task(send())
    try:
        line = await asyncio.wait_for(reader.readline(), 60)
    except (ConnectionError, TimeoutError):
        line = b""
    sender.cancel()
    await asyncio.gather(sender, return_exceptions=True)
    writer.close()
    match = re.match(rb"HTTP/1\.[01] (\d{3})", line)
    return (int(match.group(1)) if match else None), sent


async def test_forged_and_oversized_requests_are_refused_before_their_body_is_read(
    fake: FakeBotAPI, database
) -> None:  # type: ignore[no-untyped-def]
    running = RunningBot(fake, make_engine(database))
    await running.start(polling=False)
    port = await free_port()
    server = start_webhook_server(running.application, "127.0.0.1", port, "s3cret")
    try:
        await running.application.bot.set_webhook(f"http://127.0.0.1:{port}/telegram", secret_token="s3cret")
        async with aiohttp.ClientSession() as client:
            update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 5001, "type": "private"},
                                                  "from": {"id": 5001, "is_bot": False, "first_name": "x"},
                                                  "text": "/forget"}}
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
                # Refused on the headers; the server then hangs up rather than read the body, so the
                # client may see the 403 or only the closed connection.
                try:
                    async with client.post(f"http://127.0.0.1:{port}/telegram", json=update,
                                           headers=headers) as forged:
                        assert forged.status == 403
                except aiohttp.ClientOSError:
                    pass
            async with client.get(f"http://127.0.0.1:{port}/telegram") as probe:
                assert probe.status == 405

        # 90 MB without the secret: refused on the headers, the body is not read.
        status, sent = await post_huge(port, 90 * MB, secret=None)
        assert status in (403, None) and sent < 8 * MB, (status, sent)
        # With the secret (Telegram's own bodies are small): a declared 90 MB is refused on the header…
        status, sent = await post_huge(port, 90 * MB, secret="s3cret")
        assert status in (400, 413, None) and sent < 8 * MB, (status, sent)
        # …and a chunked body that does not say its size is cut off once past the limit.
        status, sent = await post_huge(port, 90 * MB, secret="s3cret", chunked=True)
        assert status in (400, 413, None) and sent < MAX_UPDATE_BYTES + 8 * MB, (status, sent)

        assert not [s for s in fake.sent if s.chat_id == 5001]  # the forged /forget reached no one
        chair = TelegramChair(fake, running)  # Telegram's own updates still go through
        await chair.say("/start")
        assert chair.question.startswith("【基本情况】第 1/")
    finally:
        server.stop()
        await running.stop()


def _peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


async def test_webhook_mode_without_a_secret_generates_one_and_floods_do_not_grow_the_bot(
    fake: FakeBotAPI, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    port = await free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "WEBHOOK", "DATABASE"))}
    env.update({"TELEGRAM_BOT_TOKEN": "999:SECRET-TOKEN-VALUE", "PYTHONPATH": str(ROOT),
                "TELEGRAM_BASE_URL": f"http://127.0.0.1:{fake.port}", "WEBHOOK_URL": f"http://127.0.0.1:{port}",
                "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port), "HEALTH_PORT": str(await free_port()),
                "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "LOG_LEVEL": "DEBUG"})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        fake.send_text(5001, "/start")
        for _ in range(600):
            if any(s.chat_id == 5001 and "请输入单位全称" in (s.text or "") for s in fake.sent):
                break
            await asyncio.sleep(0.05)
        assert fake.webhook is not None, "setWebhook was not called"
        secret = fake.webhook["secret"]
        assert secret and re.fullmatch(r"[A-Za-z0-9_-]{32,256}", secret)
        assert any("请输入单位全称" in (s.text or "") for s in fake.sent)  # Telegram's updates, with it, arrive
        fake.send_text(5001, "滨江市不该进日志的单位")
        for _ in range(200):
            if any(s.chat_id == 5001 and "第 2/" in (s.text or "") for s in fake.sent):
                break
            await asyncio.sleep(0.05)

        before = _peak_rss_kb(process.pid)
        for _ in range(3):
            status, sent = await post_huge(port, 90 * MB, secret=None)
            assert status in (403, None) and sent < 8 * MB
            status, sent = await post_huge(port, 90 * MB, secret=secret, chunked=True)
            assert status != 200 and sent < MAX_UPDATE_BYTES + 8 * MB
        grown_mb = (_peak_rss_kb(process.pid) - before) / 1024
        print(f"webhook flood: peak RSS {before / 1024:.0f} MB before, grew {grown_mb:.1f} MB")
        assert grown_mb < 20, grown_mb
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 30)
    logs = (out + err).decode()
    assert process.returncode == 0, logs[-3000:]
    assert "generated a secret" in logs
    # LOG_LEVEL=DEBUG: neither the generated secret nor the chair's answer is in any line.
    assert secret not in logs and "SECRET-TOKEN-VALUE" not in logs
    assert "不该进日志" not in logs
