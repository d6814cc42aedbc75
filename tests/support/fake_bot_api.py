"""A fake Telegram Bot API on 127.0.0.1 for the real python-telegram-bot Application to talk to.

It keeps what a test needs to play a chair: it queues updates (messages, button presses, photos),
serves them through getUpdates or pushes them to a webhook, records every method the bot calls,
keeps the messages it sent (with their keyboards) and the documents, and reproduces the Bot API's
errors that matter here (text too long, message not modified). A test can make the next calls of a
method fail as the real service does (`fail`: 429 with retry_after, a query that is too old, a message
gone before its edit) or hang past the bot's timeout (`hang`), and can deliver edited messages and albums.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

# Parameters PTB sends raw; everything else arrives JSON-encoded.
STRING_PARAMETERS = {"text", "caption", "callback_query_id", "file_id", "url", "secret_token", "parse_mode",
                     "description", "short_description", "name", "filename", "language_code", "scope"}
BOT_ID = 777000


@dataclass
class Sent:
    """One message the bot sent (or a later edit of it)."""

    method: str
    chat_id: int
    message_id: int
    text: str | None = None
    keyboard: list[list[dict]] = field(default_factory=list)
    document: bytes | None = None
    filename: str | None = None

    def buttons(self) -> dict[str, str]:
        """Button label → callback data."""
        return {b["text"]: b["callback_data"] for row in self.keyboard for b in row}


class FakeBotAPI:
    def __init__(self) -> None:
        self.updates: list[dict] = []
        self._all_updates: list[dict] = []
        self.new_update = asyncio.Event()
        self.sent: list[Sent] = []
        self.on_stored: list[Callable[[Sent], None]] = []  # called with every message the bot sends or edits
        self.messages: dict[tuple[int, int], dict] = {}
        self.calls: list[tuple[str, dict]] = []
        self.files: dict[str, bytes] = {}
        self.answered_callbacks: list[str] = []
        self.commands: list[dict] = []
        self.webhook: dict | None = None
        self.reject_token = False  # getMe answers 401, as the real Bot API does for a revoked token
        self._faults: dict[str, list[Fault]] = {}
        self.hung: list[tuple[str, dict]] = []  # calls that got no answer (the bot timed out on them)
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._push_task: asyncio.Task | None = None
        self.port = 0

    # ------------------------------------------------------------------ server

    async def start(self) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._push_task:
            self._push_task.cancel()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
            return params
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = (value.filename, value.file.read())
            elif key in STRING_PARAMETERS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except (TypeError, ValueError):
                    params[key] = value
        return params

    async def _method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        faults = self._faults.get(method)
        if faults:
            fault = faults.pop(0)
            if fault.hang:
                # No answer before the bot gives up; the call is not carried out, as when it never arrived.
                self.hung.append((method, params))
                await asyncio.sleep(fault.hang)
                return web.json_response({"ok": False, "error_code": 504, "description": "Gateway Timeout"},
                                         status=504)
            body: dict[str, Any] = {"ok": False, "error_code": fault.code, "description": fault.description}
            if fault.retry_after is not None:
                body["parameters"] = {"retry_after": fault.retry_after}
            return web.json_response(body, status=fault.code)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response({"ok": True, "result": True})
        try:
            result = await handler(params)
        except ApiError as error:
            return web.json_response({"ok": False, "error_code": error.code, "description": error.description},
                                     status=error.code)
        return web.json_response({"ok": True, "result": result})

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["path"])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # ------------------------------------------------------------------ faults

    def fail(self, method: str, code: int, description: str, retry_after: int | None = None,
             times: int = 1) -> None:
        """The next `times` calls of `method` get this error instead of being carried out."""
        self._faults.setdefault(method, []).extend([Fault(code, description, retry_after)] * times)

    def too_many_requests(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self.fail(method, 429, f"Too Many Requests: retry after {retry_after}", retry_after, times)

    def query_too_old(self) -> None:
        self.fail("answerCallbackQuery", 400,
                  "Bad Request: query is too old and response timeout expired or query ID is invalid")

    def message_gone(self) -> None:
        """The chair deleted the message the bot is about to edit."""
        self.fail("editMessageText", 400, "Bad Request: message to edit not found")

    def hang(self, method: str, seconds: float = 8.0) -> None:
        """The next call of `method` gets no answer for `seconds` (longer than the bot's read timeout)."""
        self._faults.setdefault(method, []).append(Fault(0, "", hang=seconds))

    # ------------------------------------------------------------------ Bot API methods

    async def _api_getMe(self, params: dict) -> dict:
        if self.reject_token:
            raise ApiError(401, "Unauthorized")
        return {"id": BOT_ID, "is_bot": True, "first_name": "工会总结助手", "username": "union_summary_bot",
                "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}

    async def _api_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self.updates and time.monotonic() < deadline:
            self.new_update.clear()
            try:
                await asyncio.wait_for(self.new_update.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        return list(self.updates)

    async def _api_setMyCommands(self, params: dict) -> bool:
        self.commands = params["commands"]
        return True

    async def _api_setWebhook(self, params: dict) -> bool:
        if not params["url"].startswith(("https://", "http://127.0.0.1")):  # tests listen on 127.0.0.1
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": params["url"], "secret": params.get("secret_token")}
        self._push_task = asyncio.create_task(self._push())
        return True

    async def _api_deleteWebhook(self, params: dict) -> bool:
        self.webhook = None
        return True

    async def _api_answerCallbackQuery(self, params: dict) -> bool:
        self.answered_callbacks.append(params["callback_query_id"])
        return True

    async def _api_sendMessage(self, params: dict) -> dict:
        text = params["text"]
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return self._store("sendMessage", int(params["chat_id"]), text=text, markup=params.get("reply_markup"))

    async def _api_editMessageText(self, params: dict) -> dict:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        if message.get("text") == params["text"] and message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        return self._store("editMessageText", key[0], text=params["text"], markup=markup, message_id=key[1])

    async def _api_sendDocument(self, params: dict) -> dict:
        filename, data = params["document"]
        file_id = f"doc{next(self._message_ids)}"
        self.files[file_id] = data
        return self._store("sendDocument", int(params["chat_id"]), document=(filename, data, file_id))

    async def _api_getFile(self, params: dict) -> dict:
        file_id = params["file_id"]
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]),
                "file_path": file_id}

    def _store(self, method: str, chat_id: int, *, text: str | None = None, markup: dict | None = None,
               document: tuple[str, bytes, str] | None = None, message_id: int | None = None) -> dict:
        message_id = message_id or next(self._message_ids)
        message: dict[str, Any] = {
            "message_id": message_id, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "工会总结助手"},
        }
        if text is not None:
            message["text"] = text
        if markup:
            message["reply_markup"] = markup
        if document:
            message["document"] = {"file_id": document[2], "file_unique_id": document[2], "file_name": document[0]}
        self.messages[(chat_id, message_id)] = message
        self.sent.append(Sent(
            method=method, chat_id=chat_id, message_id=message_id, text=text,
            keyboard=(markup or {}).get("inline_keyboard", []),
            document=document[1] if document else None, filename=document[0] if document else None,
        ))
        for listener in self.on_stored:
            listener(self.sent[-1])
        return message

    # ------------------------------------------------------------------ the chair's side

    def _queue(self, update: dict) -> int:
        update_id = update.setdefault("update_id", next(self._update_ids))
        self.updates.append(update)
        self._all_updates.append(update)
        self.new_update.set()
        return update_id

    def _message(self, chat_id: int, chat_type: str = "private", **content: Any) -> dict:
        return {
            "message_id": next(self._message_ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, **({"title": "工会群"} if chat_type != "private" else {})},
            "from": {"id": chat_id if chat_type == "private" else 4242, "is_bot": False, "first_name": "主席"},
            **content,
        }

    def send_text(self, chat_id: int, text: str, chat_type: str = "private") -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self._queue({"message": self._message(chat_id, chat_type, **content)})

    def press(self, chat_id: int, data: str, message_id: int | None = None) -> int:
        message = self.messages.get((chat_id, message_id or 0)) or self._message(chat_id)
        query = {"id": f"cq{next(self._update_ids)}", "from": {"id": chat_id, "is_bot": False, "first_name": "主席"},
                 "chat_instance": "1", "data": data, "message": message}
        return self._queue({"callback_query": query})

    def send_photo(self, chat_id: int, data: bytes, caption: str | None = None) -> int:
        file_id = f"photo{next(self._message_ids)}"
        self.files[file_id] = data
        size = {"file_id": file_id, "file_unique_id": file_id, "width": 64, "height": 48, "file_size": len(data)}
        content: dict[str, Any] = {"photo": [size]}
        if caption:
            content["caption"] = caption
        return self._queue({"message": self._message(chat_id, **content)})

    def send_album(self, chat_id: int, photos: list[bytes], caption: str | None = None) -> list[int]:
        """Several photos sent at once: one update each, sharing a media_group_id (the caption on the first)."""
        group = f"album{next(self._message_ids)}"
        update_ids = []
        for n, data in enumerate(photos):
            file_id = f"photo{next(self._message_ids)}"
            self.files[file_id] = data
            content: dict[str, Any] = {"media_group_id": group, "photo": [
                {"file_id": file_id, "file_unique_id": file_id, "width": 64, "height": 48, "file_size": len(data)}]}
            if caption and n == 0:
                content["caption"] = caption
            update_ids.append(self._queue({"message": self._message(chat_id, **content)}))
        return update_ids

    def edit_text(self, chat_id: int, message_id: int, text: str) -> int:
        """The chair edits a message they sent earlier."""
        original = next(u["message"] for u in self._all_updates if "message" in u
                        and (u["message"]["chat"]["id"], u["message"]["message_id"]) == (chat_id, message_id))
        edited = {**original, "text": text, "edit_date": int(time.time())}
        return self._queue({"edited_message": edited})

    def send_document(self, chat_id: int, data: bytes, mime_type: str = "image/jpeg",
                      file_name: str = "IMG_0001.JPG", caption: str | None = None) -> int:
        """A photo sent "as a file": the bot gets the camera's original bytes, not Telegram's resized copy."""
        file_id = f"document{next(self._message_ids)}"
        self.files[file_id] = data
        content: dict[str, Any] = {"document": {"file_id": file_id, "file_unique_id": file_id, "file_name": file_name,
                                                "mime_type": mime_type, "file_size": len(data)}}
        if caption:
            content["caption"] = caption
        return self._queue({"message": self._message(chat_id, **content)})

    def send_other(self, chat_id: int, kind: str) -> int:
        content = {
            "sticker": {"sticker": {"file_id": "s1", "file_unique_id": "s1", "width": 512, "height": 512,
                                    "is_animated": False, "is_video": False, "type": "regular"}},
            "voice": {"voice": {"file_id": "v1", "file_unique_id": "v1", "duration": 3}},
            "location": {"location": {"latitude": 30.0, "longitude": 120.0}},
        }[kind]
        return self._queue({"message": self._message(chat_id, **content)})

    def redeliver(self, update_id: int) -> None:
        """Telegram sending an update again (after a timeout or a restart)."""
        original = next((u for u in self.delivered if u["update_id"] == update_id), None)
        assert original is not None, update_id
        self._queue(json.loads(json.dumps(original)))

    @property
    def delivered(self) -> list[dict]:
        return [json.loads(json.dumps(u)) for u in self._all_updates]

    async def _push(self) -> None:
        """Webhook mode: post queued updates to the bot's server, retrying until it listens."""
        async with aiohttp.ClientSession() as session:
            while self.webhook:
                if not self.updates:
                    self.new_update.clear()
                    await self.new_update.wait()
                    continue
                update = self.updates[0]
                headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook["secret"] or ""}
                try:
                    async with session.post(self.webhook["url"], json=update, headers=headers) as response:
                        if response.status == 200:
                            self.updates.pop(0)
                            continue
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.05)


@dataclass(frozen=True)
class Fault:
    code: int
    description: str
    retry_after: int | None = None
    hang: float = 0.0


class ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        self.code, self.description = code, description
