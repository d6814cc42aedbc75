"""Logging set-up: one format; secrets (the bot token, the webhook secret) and chairs' answers never
written out, whatever logs them and at whatever level.

At DEBUG, PTB logs every Bot API call with its parameters and return value (whole updates: the chairs'
answers; setWebhook's secret_token), and httpx/httpcore and the database drivers log requests and
statements. Masking cannot know every answer, so below INFO only the project's own loggers, which never
log an answer, are let through; libraries keep their INFO and above, where the token is masked.
"""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class Redactor(logging.Filter):
    """Replaces each secret in a record's final message; libraries log URLs that contain the token."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for secret in self.secrets:
            message = message.replace(secret, "[REDACTED]")
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, "[REDACTED]")
        record.msg, record.args = message, None
        return True

    def add(self, secret: str) -> None:
        """A secret known only after start-up (a generated webhook secret)."""
        if secret:
            self.secrets.append(secret)


OWN_LOGGERS = ("bot", "dialogs", "storage", "templates", "__main__")


class LibraryDebugFilter(logging.Filter):
    """Drops DEBUG records of other packages' loggers (PTB, httpx, httpcore, tornado, the drivers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.INFO:
            return True
        return record.name.split(".", 1)[0] in OWN_LOGGERS


_redactor = Redactor([])


def configure_logging(level: str, secrets: list[str]) -> None:
    logging.basicConfig(level=level.upper(), format=LOG_FORMAT)
    _redactor.secrets = [s for s in secrets if s]
    for handler in logging.getLogger().handlers:
        # The level filter first: a dropped record is not even formatted.
        for wanted in (LibraryDebugFilter(), _redactor):
            if not any(type(f) is type(wanted) for f in handler.filters):
                handler.addFilter(wanted)
    for name in ("telegram", "httpx", "httpcore", "tornado", "aiosqlite", "asyncpg"):
        # Not even built: PTB formats whole updates into its DEBUG messages.
        if logging.getLogger(name).getEffectiveLevel() < logging.INFO:
            logging.getLogger(name).setLevel(logging.INFO)


def redact(secret: str) -> None:
    """Mask `secret` in every line from now on, as the token is."""
    _redactor.add(secret)
