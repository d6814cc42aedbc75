"""Fixtures for the Telegram tests."""

from __future__ import annotations

import pytest

from tests.support.fake_bot_api import FakeBotAPI


@pytest.fixture
async def fake():  # type: ignore[no-untyped-def]
    """A fake Bot API server on 127.0.0.1, started for one test."""
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()
