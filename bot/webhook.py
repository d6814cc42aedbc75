"""Webhook mode: a small tornado server that takes Telegram's POSTs, and the bot's life around it.

PTB's own webhook server (`run_webhook`) reads a request's whole body, up to tornado's default of
100 MB, before it looks at the secret token, and has no setting for either. This is PTB's documented
alternative ("Custom Webhook Bot" example: an own web server that puts `Update`s on
`application.update_queue`), with two differences that matter:
  * the secret header is compared before a single byte of the body is read (`stream_request_body`:
    tornado calls `prepare` when the headers are in), so a forged request costs nothing;
  * the body is capped at MAX_UPDATE_BYTES (tornado's `HTTPServer(max_body_size=…)`), refused from the
    Content-Length header when it says more, and cut off while reading when it lies or is chunked.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
import signal

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.logs import redact

log = logging.getLogger(__name__)

PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# An update is a JSON object of a few KB: a 4096-character text (up to 24 KB as \u escapes) with its
# entities, the message it replies to, a caption; 1 MiB leaves room for any of them many times over.
MAX_UPDATE_BYTES = 1024 * 1024


def new_secret() -> str:
    """A secret for setWebhook: 43 characters of A-Z a-z 0-9 _ -, which is all Telegram allows."""
    return secrets.token_urlsafe(32)


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, bot_application: Application, secret: str) -> None:  # tornado's per-request set-up
        self.bot_application = bot_application
        self.secret = secret.encode()
        self.body = bytearray()

    def prepare(self) -> None:
        # Called with the headers only: a request without the secret never has its body read.
        if self.request.method != "POST":
            raise tornado.web.HTTPError(405)
        given = (self.request.headers.get(SECRET_HEADER) or "").encode()
        if not hmac.compare_digest(given, self.secret):
            raise tornado.web.HTTPError(403)

    def data_received(self, chunk: bytes) -> None:
        self.body += chunk  # never more than MAX_UPDATE_BYTES: the server stops reading beyond it

    async def post(self) -> None:
        try:
            data = json.loads(self.body)
            update = Update.de_json(data, self.bot_application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):  # not JSON, or not an update
            raise tornado.web.HTTPError(400) from None
        if update is not None:
            await self.bot_application.update_queue.put(update)
        self.set_status(200)


def start_webhook_server(application: Application, listen: str, port: int, secret: str) -> HTTPServer:
    web = tornado.web.Application([(PATH, UpdateHandler, {"bot_application": application, "secret": secret})])
    server = HTTPServer(web, max_body_size=MAX_UPDATE_BYTES)
    server.listen(port, listen)
    return server


async def serve_webhook(
    application: Application, *, url: str, listen: str, port: int, secret: str | None,
) -> None:
    """Set the webhook and serve until SIGINT or SIGTERM. Without a secret, one is generated and
    registered with Telegram: a webhook that accepts updates from anyone lets a stranger answer for a chair."""
    if not secret:
        secret = new_secret()
        redact(secret)  # PTB would log it with setWebhook's parameters
        log.info("WEBHOOK_SECRET is not set: generated a secret for this run, registered by setWebhook")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(name, stop.set)
    await application.initialize()
    server: HTTPServer | None = None
    try:
        if application.post_init:
            await application.post_init(application)
        server = start_webhook_server(application, listen, port, secret)
        await application.bot.set_webhook(url.rstrip("/") + PATH, secret_token=secret,
                                          allowed_updates=Update.ALL_TYPES)
        await application.start()
        await stop.wait()
        log.info("stop signal received, shutting down")
    finally:
        if server is not None:
            server.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
