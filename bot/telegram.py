"""The Telegram front door: updates become engine events, replies become Bot API calls. Nothing else.

Callback data is short ASCII, `kind|…`, carrying the question id and the report version so the
engine can tell a stale or tampered button from a current one:
  c|qid|version|key   choose         t|qid|version|key   tick/untick on a multiple choice
  s|qid|version       submit ticks   n|command|qid|version   a navigation button
  m|menu|key          a menu option
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.albums import Albums
from bot.app import App, build_app
from bot.health import start_health_server
from bot.ordering import PerChatUpdateProcessor
from dialogs.engine import Engine
from dialogs.events import (
    Album,
    Choice,
    Command,
    Document,
    Edited,
    Event,
    Notice,
    Photo,
    Preview,
    Prompt,
    Reply,
    Start,
    Submit,
    Text,
    Toggle,
    Unsupported,
)
from dialogs.menus import MENU_PREFIX
from dialogs.ports import ChatRef
from dialogs.texts import command_descriptions, commands, say

log = logging.getLogger(__name__)

SOURCE = "telegram"  # this front door's name for its chats and updates in the shared tables
MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64
RATE_LIMIT_RETRIES = 3
TAMPERED = "?"  # a question id no report ever has: the engine answers with the current question


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    base_url: str | None = None
    base_file_url: str | None = None
    allowed_user_ids: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    # Telegram's own limits (about 30 messages a second) apply to the real Bot API; a self-hosted
    # server or a benchmark may turn the limiter off.
    rate_limit: bool = True
    health_port: int | None = None  # webhook mode: GET /healthz on this port
    # Updates of different chats handled side by side (a chat's own stay in order); 1 turns this off.
    concurrent_updates: int = 8
    # Updates one chat may have waiting; more are dropped (a chair never has this many in flight).
    chat_queue_limit: int = 50
    # An album's parts arrive as separate updates: the batch is taken once none came for this long.
    album_quiet: float = 1.0


def chat_hash(chat_id: int) -> str:
    """A stable pseudonym for a chat in logs: enough to follow one chair's updates, not to find them."""
    return hashlib.sha256(f"union-summary:{chat_id}".encode()).hexdigest()[:10]


# ---------------------------------------------------------------------- callback data

def callback(*parts: object) -> str:
    data = "|".join("" if p is None else str(p) for p in parts)
    if len(data.encode()) > CALLBACK_LIMIT or not data.isascii():
        raise ValueError(f"callback data too long or not ASCII: {data!r}")
    return data


def event_from_callback(data: str) -> Event:
    parts = data.split("|")
    try:
        kind = parts[0]
        if kind == "c" and len(parts) == 4:
            return Choice((parts[3],), parts[1], int(parts[2]))
        if kind == "t" and len(parts) == 4:
            return Toggle(parts[3], parts[1], int(parts[2]))
        if kind == "s" and len(parts) == 3:
            return Submit(parts[1], int(parts[2]))
        if kind == "n" and len(parts) == 4 and parts[1] in commands():
            return Command(parts[1], parts[2], int(parts[3]) if parts[3] else None)
        if kind == "m" and len(parts) == 3:
            return Choice((parts[2],), MENU_PREFIX + parts[1])
    except ValueError:
        pass
    return Choice((), TAMPERED, None)


# ---------------------------------------------------------------------- replies → Bot API

def keyboard(prompt: Prompt) -> InlineKeyboardMarkup | None:
    buttons: list[InlineKeyboardButton] = []
    for option in prompt.options:
        if prompt.menu:
            data = callback("m", prompt.question_id.removeprefix(MENU_PREFIX), option.key)
            label = option.label
        elif prompt.multi:
            data = callback("t", prompt.question_id, prompt.version, option.key)
            label = ("✅ " if option.key in prompt.selected else "") + option.label
        else:
            data = callback("c", prompt.question_id, prompt.version, option.key)
            label = option.label
        buttons.append(InlineKeyboardButton(label, callback_data=data))
    rows = _rows(buttons)
    if prompt.multi:
        rows.append([InlineKeyboardButton(say("button_done"),
                                          callback_data=callback("s", prompt.question_id, prompt.version))])
    nav = []
    version = None if prompt.menu else prompt.version
    if prompt.menu:
        nav.append(("cancel", say("button_cancel")))
    else:
        if prompt.can_back:
            nav.append(("back", say("button_back")))
        if prompt.keep is not None and not prompt.photo:
            nav.append(("keep", say("button_keep")))
        if prompt.can_skip:
            nav.append(("skip", say("button_skip")))
        if prompt.photo and prompt.keep is not None:
            nav.append(("next", say("button_done")))
    if nav:
        rows.append([InlineKeyboardButton(label, callback_data=callback("n", name, prompt.question_id, version))
                     for name, label in nav])
    return InlineKeyboardMarkup(rows) if rows else None


def _rows(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    """Short labels share a row; long ones get their own, so nothing is cut off on a phone."""
    longest = max((len(b.text) for b in buttons), default=0)
    per_row = 3 if longest <= 5 else 2 if longest <= 9 else 1
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def prompt_text(prompt: Prompt) -> str:
    lines = []
    if prompt.progress:
        p = prompt.progress
        lines.append(say("progress", section=p.section, n=p.n, m=p.m, percent=p.percent))
    lines.append(prompt.text)
    if prompt.multi:
        lines.append(say("multi_hint_buttons"))
    return "\n".join(lines)


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph boundaries where possible."""
    pieces: list[str] = []
    current = ""
    for paragraph in text.split("\n"):
        while len(paragraph) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) > limit:
            pieces.append(current)
            current = paragraph
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces or [""]


async def send_replies(message_target: Message | None, bot, chat_id: int, replies: Iterable[Reply]) -> None:  # type: ignore[no-untyped-def]
    """Send the engine's replies in order, as few messages as reads well.

    Notices ride in the same message as the question that follows them (one bubble, its buttons
    underneath, instead of a trail of short messages); a multi-choice tick edits its own message in place.
    """
    notes: list[str] = []

    async def send_notes() -> None:
        if notes:
            for piece in split_text("\n\n".join(notes)):
                await bot.send_message(chat_id, piece)
            notes.clear()

    for reply in replies:
        if isinstance(reply, Notice):
            notes.append(reply.text)
        elif isinstance(reply, Prompt):
            text, markup = prompt_text(reply), keyboard(reply)
            if message_target is not None:
                await send_notes()
                target, message_target = message_target, None
                if await _edit(target, text, markup):
                    continue
            if notes and len(combined := "\n\n".join([*notes, text])) <= MESSAGE_LIMIT:
                text = combined
                notes.clear()
            await send_notes()
            await bot.send_message(chat_id, text, reply_markup=markup)
        elif isinstance(reply, Preview):
            await send_notes()
            for piece in split_text(reply.text):
                await bot.send_message(chat_id, piece)
        elif isinstance(reply, Document):
            await send_notes()
            await bot.send_document(chat_id, reply.data, filename=reply.filename)
    await send_notes()


async def _edit(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Edit the message in place; False when it is gone (the chair deleted it, or it is too old to edit)
    and the question must come as a new message."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except BadRequest as error:
        reason = str(error).lower()
        if "not modified" in reason:  # a tick that changed nothing: the message already shows it
            return True
        if "not found" in reason or "can't be edited" in reason:
            return False
        raise
    return True


# ---------------------------------------------------------------------- updates → events

async def event_from_message(message: Message) -> Event:
    if message.text is not None:
        text = message.text
        if text.startswith("/"):
            name = text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(text) > 1 else ""
            if name == "start":
                return Start()
            if name in commands():
                return Command(name)
        return Text(text)
    image = message.photo[-1] if message.photo else None
    if image is None and message.document and (message.document.mime_type or "").startswith("image/"):
        image = message.document
    if image is not None:
        file = await image.get_file()
        return Photo(bytes(await file.download_as_bytearray()), caption=message.caption)
    return Unsupported()


async def event_from_album(parts: list[Message]) -> Event:
    """One event for the parts of an album: its photos, in the order sent (anything else in it is left out)."""
    if len(parts) == 1:
        return await event_from_message(parts[0])
    events = [await event_from_message(part) for part in parts]
    photos = tuple(e for e in events if isinstance(e, Photo))
    return Album(photos) if photos else events[0]


class FrontDoor:
    """Updates in, Bot API calls out; what it keeps between updates: albums being collected, groups left."""

    def __init__(self, settings: TelegramSettings) -> None:
        self.settings = settings
        self.albums = Albums(settings.album_quiet)
        self.left_groups: set[int] = set()  # refused once and left: their queued updates get no second word

    def allowed(self, update: Update) -> bool:
        user = update.effective_user
        return not self.settings.allowed_user_ids or (user is not None and user.id in self.settings.allowed_user_ids)

    def arrived(self, update: Update) -> None:
        """Every update as it arrives, before it waits for its chat (see bot.ordering)."""
        chat = update.effective_chat
        if chat is not None and chat.type == "private" and self.allowed(update):
            self.albums.arrived(update)

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        # Before anything else, strangers: no query answered, no photo downloaded, no chat touched.
        if not self.allowed(update):
            if chat.type != "private":
                await self._leave(chat.id, context, refuse=False)
            elif update.message is not None:
                await context.bot.send_message(chat.id, say("not_allowed"))
            return
        if chat.type != "private":
            await self._leave(chat.id, context, refuse=True)
            return
        query = update.callback_query
        if query is not None:
            try:
                await query.answer()  # at once, so the chair's button stops spinning
            except BadRequest as error:
                # "query is too old" after a restart backlog: the spinner is long gone, the tap still counts.
                log.info("update=%s callback query not answered: %s", update.update_id, type(error).__name__)
            event: Event = event_from_callback(query.data or "")
        elif update.message is not None:
            parts = await self.albums.collect(update.message)
            if not parts:
                return  # a part of an album another update takes as a whole
            event = await event_from_album(parts)
        elif update.edited_message is not None:
            event = Edited()
        else:
            return
        engine: Engine = context.application.bot_data["engine"]
        ref = ChatRef(SOURCE, chat.id)
        started = time.perf_counter()
        # Failures up to here (the engine included) leave nothing committed: _on_error asks the chair to retry.
        replies = await engine.handle(ref, event, update_id=update.update_id)
        edit_target = query.message if isinstance(event, Toggle) and query is not None else None
        try:
            await send_replies(edit_target, context.bot, chat.id, replies)
        except Exception as error:  # anything: the answer is saved, so the chair must never hear "try again"
            log.warning("update=%s chat=%s reply lost after the answer was saved: %s", update.update_id,
                        chat_hash(chat.id), type(error).__name__)
            await self._reply_lost(engine, ref, update.update_id)
            return
        asked = next((r.question_id for r in reversed(replies) if isinstance(r, Prompt)), "-")
        # One line per update; the chat is hashed and answers never appear.
        log.info("update=%s chat=%s event=%s question=%s ms=%.1f", update.update_id, chat_hash(chat.id),
                 type(event).__name__, asked, (time.perf_counter() - started) * 1000)

    async def _reply_lost(self, engine: Engine, ref: ChatRef, update_id: int) -> None:
        try:
            await engine.reply_lost(ref)
        except Exception as error:  # the database failing now: the log says so; nothing more to tell the chair
            log.error("update=%s chat=%s lost reply not recorded: %s", update_id, chat_hash(ref.chat_id),
                      type(error).__name__)

    async def _leave(self, chat_id: int, context: ContextTypes.DEFAULT_TYPE, *, refuse: bool) -> None:
        """Groups: one polite refusal, then the bot leaves, so the group's further messages never reach it."""
        if chat_id in self.left_groups:
            return
        self.left_groups.add(chat_id)
        try:
            if refuse:
                await context.bot.send_message(chat_id, say("group_refused"))
            await context.bot.leave_chat(chat_id)
        except TelegramError as error:
            log.warning("group %s not left: %s", chat_hash(chat_id), type(error).__name__)


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    # The update id, never the chair's text: answers stay out of the logs.
    log.error("update %s failed: %s", update_id, type(context.error).__name__, exc_info=context.error)
    # Only failures before the answer was committed reach here (a failed reply after it is handled in
    # on_update), so "not processed, try again" is true.
    if isinstance(update, Update) and update.effective_chat is not None and update.effective_chat.type == "private":
        try:
            await context.bot.send_message(update.effective_chat.id, say("try_later"))
        except Exception:  # the chat must not see a second failure; the log has the first
            log.warning("could not tell chat about failed update %s", update_id)


async def set_commands(application: Application) -> None:
    await application.bot.set_my_commands(
        [BotCommand(name, description) for name, description in command_descriptions().items()]
    )


async def _database_answers(application: Application) -> bool:
    reachable = getattr(application.bot_data["engine"].store, "reachable", None)
    return True if reachable is None else await reachable()


def build_application(
    settings: TelegramSettings, engine: Engine | None = None, database_url: str | None = None,
    font_set: str = "windows", guiding_thought: str | None = None,
) -> Application:
    """The PTB Application. With no `engine`, one is built on `database_url` when the bot starts."""

    async def post_init(application: Application) -> None:
        if engine is None:
            app: App = build_app(database_url or "", font_set, guiding_thought)
            application.bot_data["app"] = app
            application.bot_data["engine"] = app.engine
            await app.prepare()
        await set_commands(application)
        if settings.webhook_url and settings.health_port:
            application.bot_data["health"] = await start_health_server(
                settings.webhook_listen, settings.health_port, lambda: _database_answers(application))

    async def post_shutdown(application: Application) -> None:
        if "health" in application.bot_data:
            application.bot_data["health"].close()
        if "app" in application.bot_data:
            await application.bot_data["app"].close()

    door = FrontDoor(settings)
    builder = ApplicationBuilder().token(settings.token).concurrent_updates(
        PerChatUpdateProcessor(settings.concurrent_updates, settings.chat_queue_limit, door.arrived))
    if settings.rate_limit:
        # A 429 is waited out (retry_after) and the call made again, so a busy moment costs no reply.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    application = builder.post_init(post_init).post_shutdown(post_shutdown).build()
    if engine is not None:
        application.bot_data["engine"] = engine
    application.add_handler(TypeHandler(Update, door.on_update))
    application.add_error_handler(_on_error)
    return application


def run_telegram(
    settings: TelegramSettings, database_url: str, font_set: str = "windows", guiding_thought: str | None = None,
) -> None:
    """Long polling, or a webhook server when WEBHOOK_URL is set. Blocks until stopped.

    Start-up failures (a rejected token, no network, a port in use) propagate: the CLI turns them into
    a one-line message and an exit code."""
    application = build_application(settings, database_url=database_url, font_set=font_set,
                                    guiding_thought=guiding_thought)
    if settings.webhook_url:
        from bot.webhook import serve_webhook  # tornado only loads in webhook mode

        asyncio.run(serve_webhook(application, url=settings.webhook_url, listen=settings.webhook_listen,
                                  port=settings.webhook_port, secret=settings.webhook_secret))
    else:
        # getMe once on its own first: PTB's start-up would log a rejected token or an unreachable Bot API
        # as a traceback through its retry loop; here it propagates as a plain exception.
        asyncio.run(_check_bot(settings))
        application.run_polling(allowed_updates=Update.ALL_TYPES)


async def _check_bot(settings: TelegramSettings) -> None:
    urls = {"base_url": settings.base_url, "base_file_url": settings.base_file_url}
    async with Bot(settings.token, **{name: url for name, url in urls.items() if url}):
        pass  # entering calls getMe
