"""The deployment files: the compose file wires the bot to PostgreSQL 15, and .env.example is loadable."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.settings import InvalidSettings, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_compose_runs_the_bot_on_postgres_15() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert db["image"] == "postgres:15" and "healthcheck" in db
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@db:5432/" in bot["environment"]["DATABASE_URL"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "USER bot" in dockerfile and 'CMD ["union-summary", "run"]' in dockerfile


def test_a_copied_env_example_is_valid_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in Settings.__struct_fields__:
        monkeypatch.delenv(name.upper(), raising=False)
    settings = load_settings()
    assert settings.telegram_bot_token is None and settings.font_set == "windows"
    assert settings.database_url == "sqlite+aiosqlite:///union_summary.db"
    documented = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
                  if line and not line.startswith("#")}
    assert documented == {name.upper() for name in Settings.__struct_fields__}


def test_the_environment_wins_over_the_env_file_and_empty_means_unset(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("WEBHOOK_PORT=9000\nFONT_SET=strict\nLOG_LEVEL=debug\nALLOWED_USER_IDS=5, 6 7\n")
    settings = load_settings({"WEBHOOK_PORT": "9100", "FONT_SET": ""}, env_file)
    assert settings.webhook_port == 9100 and settings.font_set == "strict"
    assert settings.log_level == "DEBUG" and settings.allowed_user_ids == frozenset({5, 6, 7})
    assert load_settings({"TELEGRAM_RATE_LIMIT": "0"}, env_file).telegram_rate_limit is False
    with pytest.raises(InvalidSettings, match=r"^HEALTH_PORT: "):
        load_settings({"HEALTH_PORT": "http"}, env_file)


def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    """Only where Docker Compose is installed; CI never depends on it."""
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.skip("docker-compose is not installed here")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=1:example\n")
    result = subprocess.run([compose, "config"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
