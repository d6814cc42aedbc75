"""The engine's chair-facing texts, kept as data in messages.yaml and commands.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


@cache
def _messages() -> dict[str, str]:
    with (HERE / "messages.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def _command_words() -> dict[str, str]:
    with (HERE / "commands.yaml").open(encoding="utf-8") as f:
        data: dict[str, list[str]] = yaml.safe_load(f)
    return {word.casefold(): name for name, words in data.items() for word in [name, *words]}


def prepare() -> None:
    """Load the texts now, at start-up, instead of in the first chair's event."""
    from dialogs import answers, formats  # they read texts too; imported here to keep this module a leaf

    _messages()
    _command_words()
    formats.patterns()
    answers.words()


def commands() -> tuple[str, ...]:
    """Every command's name, as commands.yaml declares them."""
    return tuple(dict.fromkeys(_command_words().values()))


def command_descriptions() -> dict[str, str]:
    """Slash command → its Chinese description, for the Telegram command menu."""
    return dict(_messages()["command_descriptions"])  # type: ignore[arg-type]


def say(key: str, **fields: Any) -> str:
    """The message `key` with its placeholders filled from `fields`."""
    return _messages()[key].format(**fields)


def command_for(text: str) -> str | None:
    """The command a typed word or `/command` stands for, if any."""
    word = text.strip().casefold().removeprefix("/")
    return _command_words().get(word)
