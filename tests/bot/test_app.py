"""Start-up: what the first chair after a start or a redeploy would otherwise wait for is ready before it."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import event

from bot.app import build_app
from dialogs import answers, formats, texts
from dialogs.bank import load_bank
from dialogs.events import Command, Preview, Start
from templates import compose, typography
from tests.support.answers import lines_before
from tests.support.chat import Chair


async def test_the_first_chair_after_a_start_loads_compiles_and_connects_nothing(
    database_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaders = (texts._messages, texts._command_words, compose.vocabulary_table, compose.settings, compose.phrasings,
               formats.patterns, answers.words, typography.words, load_bank)
    for loader in loaders:
        loader.cache_clear()  # as in a new process
    compose.ENVIRONMENT.cache.clear()  # type: ignore[union-attr]
    app = build_app(database_url)
    try:
        await app.prepare()
        waited_for: list[object] = []
        load_yaml, compile_template = yaml.safe_load, compose.ENVIRONMENT.compile
        monkeypatch.setattr(yaml, "safe_load", lambda stream: waited_for.append("yaml") or load_yaml(stream))
        monkeypatch.setattr(compose.ENVIRONMENT, "compile",
                            lambda *args, **kwargs: waited_for.append("template") or compile_template(*args, **kwargs))
        event.listen(app.database.sync_engine, "connect", lambda *_: waited_for.append("connect"))

        chair = Chair(app.engine)
        update_ids = iter(range(1, 1000))
        await chair.send(Start(), update_id=next(update_ids))
        # Answers, then back, skip and the preview: every shape of write an interview makes.
        for line in lines_before("train_people"):
            await chair.send(line, update_id=next(update_ids))
        for command in ("back", "skip", "preview"):
            await chair.send(Command(command), update_id=next(update_ids))

        assert any(isinstance(reply, Preview) and reply.text for reply in chair.replies)
        assert waited_for == []
    finally:
        await app.close()
