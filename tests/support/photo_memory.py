"""Child process for the photo memory test: big images through the real front door, measured cleanly.

`python -m tests.support.photo_memory DB_PATH IMAGE...` starts the fake Bot API and the PTB Application on
a fresh SQLite database, brings one chair to the photo question, sends each image as a file (the
camera's original bytes), then finishes the report so the document is made with them. It prints one
JSON line: peak RSS (MB) at the photo question and at the end, the longest the event loop
was kept from running (ms), what the chair was told for each image, and how many photos the document has.
"""

from __future__ import annotations

import asyncio
import io
import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident size. VmHWM where there is /proc: ru_maxrss keeps, across fork and
    exec, the peak of the parent that started us (pytest, with the test's images in memory)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


async def main(db_path: str, images: list[str]) -> dict:
    from docx import Document as open_docx

    from dialogs.events import Document
    from storage.database import create_engine
    from storage.migrate import upgrade_async
    from tests.support.answers import HOSPITAL
    from tests.support.chat import Chair, make_engine
    from tests.support.fake_bot_api import FakeBotAPI
    from tests.support.telegram import RunningBot, TelegramChair

    url = f"sqlite+aiosqlite:///{db_path}"
    await upgrade_async(url)
    database = create_engine(url)
    fake = FakeBotAPI()
    await fake.start()
    engine = make_engine(database)
    running = RunningBot(fake, engine)
    await running.start()
    chair = Chair(engine, chat_id=5001)  # the same chat the Telegram chair uses
    await chair.send("/start")
    await chair.answer_until("culture_photo")
    telegram = TelegramChair(fake, running, chat_id=5001)
    await telegram.document(b"warm-up: not an image")  # Pillow and the download path loaded before measuring
    before = peak_mb()

    longest_gap = 0.0
    beating = True

    async def heartbeat() -> None:
        nonlocal longest_gap
        last = time.perf_counter()
        while beating:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            longest_gap = max(longest_gap, now - last - 0.005)
            last = now

    beat = asyncio.create_task(heartbeat())
    told = []
    for path in images:
        await telegram.document(Path(path).read_bytes(), mime_type="image/png" if path.endswith(".png") else
                                "image/jpeg")
        told.append(telegram.texts[0] if telegram.texts else "")
    photos_block, longest_gap = longest_gap, 0.0
    after_photos = peak_mb()

    await chair.send("/start")  # where the chair is now, after the photos sent through Telegram
    if chair.prompt.question_id == "culture_photo":
        await chair.send("下一题")
    await chair.answer_until("sign_date")
    replies = await chair.send(HOSPITAL["sign_date"])
    if not any(isinstance(r, Document) for r in replies):
        replies = await chair.send("完成")
    beating = False
    await beat
    document = next(r for r in replies if isinstance(r, Document))
    figures = len(open_docx(io.BytesIO(document.data)).inline_shapes)
    await running.stop()
    await fake.stop()
    await database.dispose()
    return {"before_mb": before, "after_photos_mb": after_photos, "after_document_mb": peak_mb(),
            "loop_block_photos_ms": photos_block * 1000,
            "loop_block_document_ms": longest_gap * 1000, "told": told, "figures": figures}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2:])), ensure_ascii=False))
