"""The Telegram front door end to end: the real PTB Application against a fake Bot API."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import pytest
from docx import Document as open_docx

from bot.telegram import event_from_callback, split_text
from dialogs.bank import load_bank
from dialogs.events import Choice
from tests.support.answers import HOSPITAL, HOSPITAL_FIGURES, shown_ids
from tests.support.chat import make_engine
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.images import jpeg
from tests.support.telegram import RunningBot, TelegramChair

BANK = load_bank()


@pytest.fixture
async def bot(fake, database):  # type: ignore[no-untyped-def]
    running = RunningBot(fake, make_engine(database))
    await running.start()
    yield running
    await running.stop()


def buttons(chair: TelegramChair, prefix: str) -> list[tuple[str, str, int]]:
    """(label, data, message id) of the newest keyboard's buttons whose data starts with `prefix`."""
    newest = [s for s in chair.fake.sent if s.chat_id == chair.chat_id and s.keyboard][-1]
    return [(label, data, newest.message_id) for label, data in newest.buttons().items() if data.startswith(prefix)]


async def answer(chair: TelegramChair, question_id: str, typed: str | None, photo: bytes | None = None) -> None:
    question = BANK.by_id[question_id]
    if question.type == "photo" and photo is not None:
        await chair.photo(photo, "迎新春趣味运动会")
        await chair.press("✅ 完成")
    elif typed is None:
        await chair.press("跳过")
    elif question.type == "choice":
        _, data, message_id = buttons(chair, "c|")[int(typed) - 1]
        await chair.tap(data, message_id)
    elif question.type == "yesno":
        await chair.press("是" if typed == "是" else "否")
    elif question.type == "multi":
        for number in typed.split():
            _, data, message_id = buttons(chair, "t|")[int(number) - 1]
            await chair.tap(data, message_id)
        await chair.press("✅ 完成")
    else:
        await chair.say(typed)


async def test_a_whole_interview_on_telegram(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    assert "工会总结助手" in chair.texts[0]
    assert chair.question.startswith("【基本情况】第 1/")
    for question_id in shown_ids(HOSPITAL):
        await answer(chair, question_id, HOSPITAL.get(question_id), photo=jpeg())
    assert "所有问题都已回答" in chair.texts[-1]
    await chair.press("生成文档")  # the review step's button
    document = next(s for s in chair.received if s.method == "sendDocument")
    assert document.filename == "滨江市第一人民医院工会2025年工作总结.docx"
    docx = open_docx(io.BytesIO(document.document))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert all(figure in text for figure in HOSPITAL_FIGURES)
    assert len(docx.inline_shapes) == 1
    # Every button press was answered, and the command menu is in Chinese.
    presses = [u["callback_query"]["id"] for u in fake.delivered if "callback_query" in u]
    assert presses and set(presses) <= set(fake.answered_callbacks)
    assert {c["command"]: c["description"] for c in fake.commands}["finish"] == "生成 Word 文档"
    assert all(len(s.text or "") <= 4096 for s in fake.sent)


async def test_multi_choice_ticks_edit_the_message_in_place(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    for question_id in shown_ids(HOSPITAL)[: shown_ids(HOSPITAL).index("train_topics")]:
        await answer(chair, question_id, HOSPITAL.get(question_id))
    label, data, message_id = buttons(chair, "t|")[1]
    sent = await chair.tap(data, message_id)
    assert [s.method for s in sent] == ["editMessageText"] and sent[0].message_id == message_id
    assert f"✅ {label}" in sent[0].buttons()
    assert len(data.encode()) <= 64 and data.isascii()


async def test_a_restart_halfway_continues_at_the_same_question(fake: FakeBotAPI, database) -> None:
    first = RunningBot(fake, make_engine(database))
    await first.start()
    chair = TelegramChair(fake, first)
    await chair.say("/start")
    order = shown_ids(HOSPITAL)
    for question_id in order[: order.index("train_sessions")]:
        await answer(chair, question_id, HOSPITAL.get(question_id))
    waiting = chair.question
    await first.stop()

    second = RunningBot(fake, make_engine(database))  # a new process: nothing shared but the database
    await second.start()
    try:
        chair.bot = second
        await chair.say("/start")
        assert chair.question == waiting
        await chair.say("6")
        assert "累计约多少人次参加" in chair.texts[-1]
    finally:
        await second.stop()


async def test_a_stale_button_gets_a_notice_and_the_current_question(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    await chair.say("甲厂")
    _, old_data, old_message = buttons(chair, "c|")[0]
    await chair.tap(old_data, old_message)  # 企业
    await chair.tap(buttons(chair, "c|")[2][1])  # 学年, on the current question
    await chair.tap(old_data, old_message)  # the 企业 button again, from the old message
    assert "过期" in chair.texts[0]
    assert chair.question.startswith("【基本情况】第 4/")
    await chair.tap("c|unit_type|999999|xx")  # tampered
    assert "过期" in chair.texts[0]
    assert event_from_callback("garbage") == Choice((), "?", None)


async def test_a_redelivered_update_is_applied_once(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    await chair.say("甲厂")
    first_answer = [u["update_id"] for u in fake.delivered][-1]
    await chair.tap(buttons(chair, "c|")[0][1])
    bot.processed[first_answer].clear()
    sent_before = len(fake.sent)
    fake.redeliver(first_answer)
    await bot.wait(first_answer)
    again = [s for s in fake.sent[sent_before:] if s.chat_id == chair.chat_id]
    assert len(again) == 1 and again[0].text.startswith("【基本情况】第 3/")  # the current question, once
    await chair.say("/status")
    assert "第 3/" in chair.texts[0]


async def test_groups_are_refused_politely(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot, chat_id=-100200)
    await chair._exchange(lambda: fake.send_text(-100200, "/start", chat_type="supergroup"))
    assert chair.texts == [chair.texts[0]] and "私聊" in chair.texts[0]


async def test_stickers_voice_and_locations_get_the_question_again(fake: FakeBotAPI, bot: RunningBot) -> None:
    chair = TelegramChair(fake, bot)
    await chair.say("/start")
    for kind in ("sticker", "voice", "location"):
        await chair.other(kind)
        assert "只能接收文字、按钮和照片" in chair.texts[0]
        assert "请输入单位全称" in chair.texts[-1]


async def test_the_allow_list(fake: FakeBotAPI, database) -> None:
    running = RunningBot(fake, make_engine(database), allowed_user_ids=frozenset({1}))
    await running.start()
    try:
        chair = TelegramChair(fake, running)
        await chair.say("/start")
        assert chair.texts == [chair.texts[0]] and "管理员" in chair.texts[0]
    finally:
        await running.stop()


async def test_webhook_mode(fake: FakeBotAPI, database) -> None:
    from bot.webhook import start_webhook_server

    running = RunningBot(fake, make_engine(database))
    await running.start(polling=False)
    port = await _free_port()
    server = start_webhook_server(running.application, "127.0.0.1", port, "s3cret")
    try:
        await running.application.bot.set_webhook(f"http://127.0.0.1:{port}/telegram", secret_token="s3cret")
        assert fake.webhook == {"url": f"http://127.0.0.1:{port}/telegram", "secret": "s3cret"}
        chair = TelegramChair(fake, running)
        await chair.say("/start")
        assert chair.question.startswith("【基本情况】第 1/")
    finally:
        server.stop()
        await running.stop()


async def _free_port() -> int:
    server = await asyncio.start_server(lambda *_: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    return port


def test_long_texts_are_split_at_paragraphs() -> None:
    paragraphs = ["段" * 1500 for _ in range(5)]
    pieces = split_text("\n".join(paragraphs))
    assert all(len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == "\n".join(paragraphs)
    assert all(p.startswith("段") and p.endswith("段") for p in pieces)
    assert split_text("字" * 5000)[0] == "字" * 4096


async def test_make_run_with_a_token_runs_the_bot(fake: FakeBotAPI, tmp_path) -> None:
    """`union-summary run` with TELEGRAM_BOT_TOKEN: migrations, polling, an answer, a clean stop on SIGTERM."""
    import os
    import signal
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "999:SECRET-TOKEN-VALUE", "PYTHONPATH": str(root),
           "TELEGRAM_BASE_URL": f"http://127.0.0.1:{fake.port}",
           "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "LOG_LEVEL": "DEBUG"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        fake.send_text(5001, "/start")
        for _ in range(600):  # start-up (a child process for migrations, then PTB) takes a few seconds
            if any(s.chat_id == 5001 and "请输入单位全称" in (s.text or "") for s in fake.sent):
                break
            await asyncio.sleep(0.05)
        texts = [s.text for s in fake.sent]
        assert any("请输入单位全称" in (t or "") for t in texts), texts
        assert fake.commands  # setMyCommands ran at start-up
        answered = fake.send_text(5001, "滨江市不该进日志的单位")  # at DEBUG, PTB would log the whole update
        for _ in range(200):
            if any(s.chat_id == 5001 and "第 2/" in (s.text or "") for s in fake.sent):
                break
            await asyncio.sleep(0.05)
        assert answered and any("第 2/" in (s.text or "") for s in fake.sent)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    logs = (out + err).decode()
    assert "[REDACTED]" in logs  # the token was about to be logged, and was masked
    assert "SECRET-TOKEN-VALUE" not in logs
    assert "不该进日志" not in logs  # LOG_LEVEL=DEBUG, and still no answer


async def test_a_database_outage_says_try_later_and_recovers(  # type: ignore[no-untyped-def]
    fake: FakeBotAPI, postgres_behind_proxy, caplog
) -> None:
    proxy, database = postgres_behind_proxy
    running = RunningBot(fake, make_engine(database))
    await running.start()
    try:
        chair = TelegramChair(fake, running)
        await chair.say("/start")
        await chair.say("甲厂")
        await proxy.down()
        await chair.say("一个不该进日志的回答")
        assert any("请稍后再试" in t for t in chair.texts)
        failed = [r for r in caplog.records if r.name == "bot.telegram" and "failed" in r.getMessage()]
        assert failed and "update" in failed[0].getMessage()  # logged by update id…
        assert "一个不该进日志的回答" not in caplog.text  # …never with the chair's answer
        await proxy.up()
        await chair.press("企业")
        assert chair.question.startswith("【基本情况】第 3/")
    finally:
        await running.stop()


async def test_webhook_mode_has_a_health_endpoint(fake: FakeBotAPI, postgres_behind_proxy) -> None:  # type: ignore[no-untyped-def]
    proxy, database = postgres_behind_proxy
    port, health = await _free_port(), await _free_port()
    running = RunningBot(fake, make_engine(database), webhook_url=f"http://127.0.0.1:{port}",
                         webhook_listen="127.0.0.1", health_port=health)
    await running.start(polling=False)
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(f"http://127.0.0.1:{health}/healthz") as response:
                assert response.status == 200 and await response.text() == "ok\n"
            await proxy.down()
            async with client.get(f"http://127.0.0.1:{health}/healthz") as response:
                assert response.status == 503
            await proxy.up()
            async with client.get(f"http://127.0.0.1:{health}/healthz") as response:
                assert response.status == 200
    finally:
        await running.stop()
