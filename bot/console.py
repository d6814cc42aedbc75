"""The terminal front door: the same interview as on Telegram, over stdin and stdout.

Reading is blocking and happens between event-loop runs, so Ctrl-C or Ctrl-D at the prompt stops the
program at once; every answer already acknowledged has been committed by then.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TextIO

from bot.app import App, build_app
from dialogs.events import Document, Event, Notice, Photo, Preview, Prompt, Reply, Start, Text
from dialogs.ports import ChatRef
from dialogs.texts import command_for, say

CONSOLE_CHAT = ChatRef("console", 0)  # the one chair at this terminal


def render(reply: Reply) -> str:
    """A reply as terminal text; documents are written by the caller."""
    if isinstance(reply, Prompt):
        lines = []
        if reply.progress:
            p = reply.progress
            lines.append(say("progress", section=p.section, n=p.n, m=p.m, percent=p.percent))
        lines.append(reply.text)
        lines += [f"  {i}. {option.label}" for i, option in enumerate(reply.options, 1)]
        hints = []
        if reply.options:
            hints.append(say("multi_hint") if reply.multi else say("choice_hint"))
        if reply.can_skip:
            hints.append(say("optional_hint"))
        if reply.photo:
            hints.append(say("console_photo_hint"))
        if hints:
            lines.append("（" + "；".join(hints) + "）")
        return "\n".join(lines)
    if isinstance(reply, Notice | Preview):
        return reply.text
    raise TypeError(reply)


def save_document(document: Document, output_dir: Path) -> Path:
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / document.filename
    path.write_bytes(document.data)
    return path.resolve()


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".bmp")


def to_event(line: str, asked: Prompt | None) -> Event | Notice:
    """A typed line; at a photo question, the path of an image file (and, after it, a caption) sends that
    image. A path that names no file is answered here, with a notice."""
    text = line.rstrip("\r\n")
    if asked is None or not asked.photo or command_for(text):
        return Text(text)
    words = text.strip().split()
    for cut in range(len(words), 0, -1):  # the longest leading part that names a file: paths may hold spaces
        path = Path(" ".join(words[:cut]).strip("'\"")).expanduser()
        if path.is_file():
            return Photo(path.read_bytes(), caption=" ".join(words[cut:]) or None)
    first = words[0].strip("'\"") if words else ""
    if "/" in first or "\\" in first or first.lower().endswith(IMAGE_SUFFIXES):
        return Notice(say("console_file_missing", path=first))
    return Text(text)


def run_console(
    database_url: str, output_dir: Path, stdin: TextIO, stdout: TextIO, font_set: str = "windows",
    guiding_thought: str | None = None,
) -> None:
    asked: Prompt | None = None

    def show(replies: list[Reply]) -> None:
        nonlocal asked
        asked = next((r for r in reversed(replies) if isinstance(r, Prompt)), None)
        for reply in replies:
            if isinstance(reply, Document):
                text = say("console_saved", path=save_document(reply, output_dir))
            else:
                text = render(reply)
            stdout.write(text + "\n\n")
        stdout.write(say("console_input"))
        stdout.flush()

    with asyncio.Runner() as runner:
        app = runner.run(_build(database_url, font_set, guiding_thought))
        try:
            show(runner.run(app.engine.handle(CONSOLE_CHAT, Start())))
            while line := stdin.readline():
                event = to_event(line, asked)
                if isinstance(event, Notice):
                    show([event, *([asked] if asked else [])])
                else:
                    show(runner.run(app.engine.handle(CONSOLE_CHAT, event)))
            stdout.write("\n" + say("console_bye") + "\n")
        except KeyboardInterrupt:
            stdout.write("\n" + say("console_bye") + "\n")
        finally:
            runner.run(app.close())
            stdout.flush()


async def _build(database_url: str, font_set: str, guiding_thought: str | None) -> App:
    return build_app(database_url, font_set, guiding_thought)
