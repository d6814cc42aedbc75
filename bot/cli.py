"""The `union-summary` command: run the bot, migrate, export, stats and purge. Output is for logs: English."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bot.settings import InvalidSettings, Settings, load_settings

# Exit codes of `run`, one per kind of start-up failure, so a supervisor or an operator can tell them
# apart without reading logs (README, "Operating the bot").
EXIT_BAD_SETTINGS = 2
EXIT_TOKEN_REJECTED = 3
EXIT_TELEGRAM_UNREACHABLE = 4
EXIT_DATABASE = 5
EXIT_CANNOT_LISTEN = 6
EXIT_TELEGRAM_REFUSED = 7

log = logging.getLogger("bot.cli")


def _migrate_in_child(database_url: str) -> None:
    """Migrations run in a short-lived child, so Alembic never stays in the long-running bot's memory."""
    subprocess.run([sys.executable, "-m", "bot.cli", "--database-url", database_url, "migrate"], check=True)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    try:
        _migrate_in_child(settings.database_url)
    except subprocess.CalledProcessError:
        print("start-up failed: the database could not be migrated (see the line above); "
              "check DATABASE_URL and that the database server answers", file=sys.stderr)
        return EXIT_DATABASE
    if settings.telegram_bot_token:
        return _run_telegram(settings)
    from bot.console import run_console

    for stream in (sys.stdin, sys.stdout):
        stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    run_console(settings.database_url, Path(args.output_dir or settings.output_dir), sys.stdin, sys.stdout,
                font_set=settings.font_set, guiding_thought=settings.guiding_thought)
    return 0


def _run_telegram(settings: Settings) -> int:
    """Runs until stopped. A failure at start-up is one line in the log, never a traceback: PTB's
    InvalidToken message quotes the token, and container logs keep every restart's output."""
    from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

    from bot.logs import configure_logging
    from bot.telegram import TelegramSettings, run_telegram

    configure_logging(settings.log_level, secrets=[settings.telegram_bot_token or "", settings.webhook_secret or ""])
    base = str(settings.telegram_base_url).rstrip("/") if settings.telegram_base_url else None
    try:
        run_telegram(TelegramSettings(
            token=settings.telegram_bot_token or "",
            base_url=f"{base}/bot" if base else None,
            base_file_url=f"{base}/file/bot" if base else None,
            allowed_user_ids=settings.allowed_user_ids,
            webhook_url=str(settings.webhook_url) if settings.webhook_url else None,
            webhook_listen=settings.webhook_listen,
            webhook_port=settings.webhook_port,
            webhook_secret=settings.webhook_secret,
            rate_limit=settings.telegram_rate_limit,
            health_port=settings.health_port,
            concurrent_updates=settings.concurrent_updates,
        ), settings.database_url, settings.font_set, settings.guiding_thought)
    except InvalidToken:
        log.critical("start-up failed: the Bot API rejected TELEGRAM_BOT_TOKEN (revoked or mistyped); "
                     "copy the current token from @BotFather")
        return EXIT_TOKEN_REJECTED
    except BadRequest as error:  # PTB counts it a NetworkError, but Telegram did answer: with a refusal
        log.critical("start-up failed: the Bot API refused a start-up call: %s", error.message)
        return EXIT_TELEGRAM_REFUSED
    except NetworkError as error:  # TimedOut is one
        log.critical("start-up failed: the Bot API at %s did not answer (%s); check the network and "
                     "TELEGRAM_BASE_URL", base or "api.telegram.org", type(error).__name__)
        return EXIT_TELEGRAM_UNREACHABLE
    except TelegramError as error:  # e.g. setWebhook: "bad webhook: an HTTPS URL must be provided"
        log.critical("start-up failed: the Bot API refused a start-up call: %s", error.message)
        return EXIT_TELEGRAM_REFUSED
    except OSError as error:
        log.critical("start-up failed: cannot listen on %s:%s (WEBHOOK_PORT) or port %s (HEALTH_PORT): %s",
                     settings.webhook_listen, settings.webhook_port, settings.health_port,
                     error.strerror or type(error).__name__)
        return EXIT_CANNOT_LISTEN
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from storage.migrate import upgrade

    try:
        upgrade(settings.database_url)
    except (OSError, SQLAlchemyError) as error:
        # The class only: a driver's message may quote the connection string, password and all.
        print(f"database not reachable or not migratable: {type(error).__name__}", file=sys.stderr)
        return EXIT_DATABASE
    print("database schema is up to date")
    return 0


async def _with_database(settings: Settings, action):  # type: ignore[no-untyped-def]
    from storage.database import create_engine

    engine = create_engine(settings.database_url)
    try:
        return await action(engine)
    finally:
        await engine.dispose()


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from storage import admin
    from templates.maker import SummaryMaker

    found = asyncio.run(_with_database(settings, lambda engine: admin.report(engine, args.report)))
    if found is None:
        print(f"no report with id {args.report}", file=sys.stderr)
        return 1
    answers, photos = found
    from dialogs.bank import load_bank

    output = Path(args.output or Path(settings.output_dir) / f"report-{args.report}.docx")
    output.parent.mkdir(parents=True, exist_ok=True)
    maker = SummaryMaker(font_set=settings.font_set, guiding_thought=settings.guiding_thought)
    output.write_bytes(maker.document(load_bank().effective(answers), photos))
    print(f"wrote {output}")
    return 0


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    from dialogs.bank import load_bank
    from storage import admin

    numbers = asyncio.run(_with_database(settings, admin.stats))
    bank = load_bank()
    by_section: dict[str, int] = {section.id: 0 for section in bank.sections}
    for question_id, count in numbers.pop("answers_by_question").items():
        if question_id in bank.by_id:
            by_section[bank.by_id[question_id].section] += count
    numbers["answers_by_section"] = by_section
    print(json.dumps(numbers, indent=2) if args.json else "\n".join(
        [f"chairs: {numbers['chairs']}", f"reports started: {numbers['reports_started']}",
         f"reports finished: {numbers['reports_finished']}", "answers by section:",
         *(f"  {section}: {count}" for section, count in by_section.items())]))
    return 0


def _purge(settings: Settings, args: argparse.Namespace) -> int:
    from storage import admin

    removed = asyncio.run(_with_database(
        settings, lambda engine: admin.purge(engine, timedelta(days=args.older_than))))
    print(f"removed {removed['reports']} draft reports untouched for {args.older_than} days "
          f"and {removed['processed_updates']} old update ids")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="union-summary",
        description="Union work summary bot. Settings come from the environment or a .env file "
                    "(see .env.example).")
    parser.add_argument("--database-url", help="overrides DATABASE_URL")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="apply migrations, then run the bot: Telegram if "
                                          "TELEGRAM_BOT_TOKEN is set, else the interview in this terminal")
    run.add_argument("--output-dir", help="where the terminal interview writes DOCX files (default: OUTPUT_DIR)")
    run.set_defaults(handler=_run)
    commands.add_parser("migrate", help="apply database migrations and exit").set_defaults(handler=_migrate)
    export = commands.add_parser("export", help="write one report's DOCX")
    export.add_argument("--report", type=int, required=True, help="report id (see the reports table)")
    export.add_argument("--output", help="file to write (default: OUTPUT_DIR/report-ID.docx)")
    export.set_defaults(handler=_export)
    stats = commands.add_parser("stats", help="chairs, reports started and finished, answers per section")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=_stats)
    purge = commands.add_parser("purge", help="delete draft reports nobody touched for a number of days")
    purge.add_argument("--older-than", type=int, required=True, metavar="DAYS", help="age in days, at least 1")
    purge.set_defaults(handler=_purge)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    overrides = {"database_url": args.database_url} if args.database_url else {}
    try:
        settings = load_settings(**overrides)
    except InvalidSettings as error:
        print(f"invalid settings:\n  {error}", file=sys.stderr)
        return EXIT_BAD_SETTINGS
    if args.command == "purge" and args.older_than < 1:
        print("--older-than must be at least 1 day", file=sys.stderr)
        return EXIT_BAD_SETTINGS
    return args.handler(settings, args)


if __name__ == "__main__":
    sys.exit(main())
