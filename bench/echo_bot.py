"""The floor for the end-to-end benchmark: a bare PTB 22 bot whose one handler echoes the text."""

from __future__ import annotations

import importlib
import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(update.effective_chat.id, update.effective_message.text)  # type: ignore[union-attr]


def main() -> None:
    # The memory reference: the same bot with libraries it never uses imported, named in ECHO_ALSO_IMPORTS.
    for module in filter(None, os.environ.get("ECHO_ALSO_IMPORTS", "").split(",")):
        importlib.import_module(module)
    base = os.environ["TELEGRAM_BASE_URL"].rstrip("/")
    application = (ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
                   .base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build())
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
