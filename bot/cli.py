"""The `union-summary` command."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bot.console import run_console
from bot.logs import configure_logging
from bot.telegram import TelegramSettings, run_telegram
from storage.database import DEFAULT_URL


def _telegram_settings(token: str) -> TelegramSettings:
    env = os.environ
    allowed = frozenset(int(v) for v in env.get("ALLOWED_USER_IDS", "").replace(",", " ").split())
    base = env.get("TELEGRAM_BASE_URL")
    return TelegramSettings(
        token=token,
        base_url=f"{base.rstrip('/')}/bot" if base else None,
        base_file_url=f"{base.rstrip('/')}/file/bot" if base else None,
        allowed_user_ids=allowed,
        webhook_url=env.get("WEBHOOK_URL") or None,
        webhook_listen=env.get("WEBHOOK_LISTEN", "0.0.0.0"),
        webhook_port=int(env.get("WEBHOOK_PORT", "8443")),
        webhook_secret=env.get("WEBHOOK_SECRET") or None,
        rate_limit=env.get("TELEGRAM_RATE_LIMIT", "1") != "0",
    )


def _migrate_in_child(database_url: str) -> None:
    """Migrations run in a short-lived child, so Alembic never stays in the long-running bot's memory."""
    subprocess.run([sys.executable, "-m", "bot.cli", "--database-url", database_url, "migrate"], check=True)


def _run(args: argparse.Namespace) -> int:
    _migrate_in_child(args.database_url)
    if token := os.environ.get("TELEGRAM_BOT_TOKEN"):
        configure_logging(os.environ.get("LOG_LEVEL", "INFO"), secrets=[token])
        run_telegram(_telegram_settings(token), args.database_url, args.font_set)
        return 0
    for stream in (sys.stdin, sys.stdout):
        stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    run_console(args.database_url, Path(args.output_dir), sys.stdin, sys.stdout, font_set=args.font_set)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    upgrade(args.database_url)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="union-summary", description="Union work summary bot.")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL),
        help="SQLAlchemy URL (default: $DATABASE_URL or a SQLite file in the current directory)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="apply migrations, then run the bot (Telegram or terminal)")
    run.add_argument(
        "--output-dir", default=os.environ.get("OUTPUT_DIR", "output"),
        help="where the terminal interview writes finished DOCX files (default: $OUTPUT_DIR or ./output)",
    )
    run.add_argument(
        "--font-set", choices=("windows", "strict"), default=os.environ.get("FONT_SET", "windows"),
        help="document fonts: stock Windows (default, $FONT_SET) or the strict GB/T 9704 set",
    )
    run.set_defaults(handler=_run)
    commands.add_parser("migrate", help="apply database migrations and exit").set_defaults(handler=_migrate)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
