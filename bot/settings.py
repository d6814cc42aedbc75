"""Settings from the environment (and an optional .env file), validated once at start-up."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from storage.database import DEFAULT_URL


class Settings(BaseSettings):
    # Empty values (as in a copied .env.example) mean "not set".
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    telegram_bot_token: str | None = Field(default=None, pattern=r"^\d+:[A-Za-z0-9_-]{5,}$")
    telegram_base_url: HttpUrl | None = None
    telegram_rate_limit: bool = True
    concurrent_updates: int = Field(default=8, ge=1, le=64)
    database_url: str = DEFAULT_URL
    webhook_url: HttpUrl | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    health_port: int = Field(default=8081, ge=1, le=65535)
    webhook_secret: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,256}$")
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    font_set: Literal["windows", "strict"] = "windows"
    guiding_thought: str | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    output_dir: str = "output"

    @field_validator("allowed_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(",", " ").split())
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value
