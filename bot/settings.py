"""Settings from the environment (and an optional .env file), validated once at start-up.

msgspec converts and checks them (`strict=False` is its mode for text sources such as the environment):
the checks are declared on the fields below, and an error names the setting. It costs the long-running
bot 0.9 MB where pydantic-settings cost 9.2 MB (bench/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from dotenv import dotenv_values

from storage.database import DEFAULT_URL

_URL = msgspec.Meta(pattern=r"^https?://[^\s/]+\S*$")
Port = Annotated[int, msgspec.Meta(ge=1, le=65535)]


class InvalidSettings(Exception):
    """`NAME: what is wrong` for the first bad setting; the value itself is not repeated."""


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    telegram_bot_token: Annotated[str, msgspec.Meta(pattern=r"^\d+:[A-Za-z0-9_-]{5,}$")] | None = None
    telegram_base_url: Annotated[str, _URL] | None = None
    telegram_rate_limit: bool = True
    concurrent_updates: Annotated[int, msgspec.Meta(ge=1, le=64)] = 8
    database_url: Annotated[str, msgspec.Meta(pattern=r"^(sqlite\+aiosqlite|postgresql\+asyncpg)://")] = DEFAULT_URL
    webhook_url: Annotated[str, _URL] | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: Port = 8443
    health_port: Port = 8081
    webhook_secret: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,256}$")] | None = None
    allowed_user_ids: frozenset[int] = frozenset()
    font_set: Literal["windows", "strict"] = "windows"
    guiding_thought: str | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    output_dir: str = "output"


def _raw(environ: Mapping[str, str], env_file: Path) -> dict[str, object]:
    """The settings as text, by field name: the environment over the .env file; empty values are unset."""
    files = dotenv_values(env_file) if env_file.is_file() else {}
    raw: dict[str, object] = {}
    for name in Settings.__struct_fields__:
        if value := environ.get(name.upper()) or files.get(name.upper()):
            raw[name] = value
    if isinstance(ids := raw.get("allowed_user_ids"), str):
        raw["allowed_user_ids"] = ids.replace(",", " ").split()
    if isinstance(level := raw.get("log_level"), str):
        raw["log_level"] = level.upper()
    return raw


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path = Path(".env"), **overrides: str,
) -> Settings:
    """Raises InvalidSettings naming the first setting that is wrong."""
    raw = {**_raw(os.environ if environ is None else environ, env_file), **overrides}
    try:
        return msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as error:
        raise InvalidSettings(_explain(str(error))) from None


def _explain(message: str) -> str:
    # msgspec says "Expected `int` <= 65535 - at `$.webhook_port`" (or `$.allowed_user_ids[1]`).
    what, _, where = message.rpartition(" - at `$.")
    name = where.split("[", 1)[0].rstrip("`").upper()
    return f"{name}: {what or message}"
