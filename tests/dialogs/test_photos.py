"""Photo answers: stored with their captions, refused when not a usable image, placed in the document."""

from __future__ import annotations

import io

from docx import Document as open_docx

from dialogs.events import Document, Photo
from tests.support.answers import HOSPITAL
from tests.support.chat import Chair, answers_of, make_engine
from tests.support.images import jpeg, webp


async def test_photos_are_stored_and_placed_under_culture(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.answer_until("culture_photo")
    assert chair.prompt.photo
    await chair.send("一张照片")  # text where a photo is expected
    assert "需要发送照片" in chair.notices[0]
    await chair.send(Photo(b"not an image at all", "假图"))
    assert "没能识别这张图片" in chair.notices[0]
    await chair.send(Photo(jpeg(orientation=6), "迎新春趣味运动会现场"))
    assert "已收到第 1 张照片" in chair.notices[0] and chair.prompt.question_id == "culture_photo"
    await chair.send(Photo(webp()))
    await chair.send("下一题")
    assert chair.prompt.question_id == "shortcomings"
    stored = (await answers_of(chair))["culture_photo"]
    assert [caption for _, caption in stored] == ["迎新春趣味运动会现场", None]

    await chair.answer_until("sign_date")
    await chair.send(HOSPITAL["sign_date"])
    replies = await chair.send("完成")
    document = open_docx(io.BytesIO(next(r for r in replies if isinstance(r, Document)).data))
    assert len(document.inline_shapes) == 2
    texts = [p.text for p in document.paragraphs]
    assert "图1 迎新春趣味运动会现场" in texts and "图2" in texts
    culture = next(i for i, t in enumerate(texts) if t.startswith("五、"))  # culture follows welfare
    assert culture < texts.index("图2") < next(i for i, t in enumerate(texts) if t.startswith("六、"))


async def test_three_captioned_photos_end_the_question(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.answer_until("culture_photo")
    for n in range(3):
        await chair.send(Photo(jpeg(), f"活动照片{n}"))
    assert chair.prompt.question_id == "shortcomings"


async def test_a_photo_without_a_caption_takes_the_next_line_as_its_caption(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.answer_until("culture_photo")
    await chair.send(Photo(jpeg()))
    assert "请用一句话说明照片内容" in chair.notices[0] and chair.prompt.question_id == "culture_photo"
    await chair.send("三八节健步走")
    assert "图注已记录：三八节健步走" in chair.notices[0]
    await chair.send("还是这张")  # a second line, with no photo waiting for a caption
    assert "需要发送照片" in chair.notices[0]
    await chair.send("下一题")
    assert [caption for _, caption in (await answers_of(chair))["culture_photo"]] == ["三八节健步走"]


async def test_a_photo_where_none_is_asked(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.send(Photo(jpeg()))
    assert "不需要照片" in chair.notices[0] and chair.prompt.question_id == "unit_name"


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")  # a huge canvas compresses to a few KB
    return buffer.getvalue()


async def test_oversized_fake_and_bomb_images_are_refused_and_not_stored(database) -> None:
    chair = Chair(make_engine(database))
    await chair.send("/start")
    await chair.answer_until("culture_photo")
    refused = {
        "炸弹": _png(12_000, 12_000),  # 144 megapixels in a small file
        "改名": b"%PDF-1.4 this is not a photo, only named .jpg",
        "太大": jpeg() + b"\0" * (10 * 1024 * 1024),
    }
    messages = []
    for caption, data in refused.items():
        await chair.send(Photo(data, caption))
        messages.append(chair.notices[0])
        assert chair.prompt.question_id == "culture_photo"
    assert "像素太多" in messages[0] and "没能识别" in messages[1] and "10MB" in messages[2]
    assert "culture_photo" not in await answers_of(chair)
    async with chair.engine.store.unit(chair.chat) as unit:
        assert await unit.photo_data(unit.snapshot.current_report_id) == {}


def _camera_jpeg(width: int = 7216, height: int = 5412) -> bytes:
    """A 39-megapixel camera JPEG (the size of a full-frame camera's), with some detail to decode."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (90, 140, 200))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 200):
        draw.line([(x, 0), (width - x, height)], fill=(x % 255, 80, 40), width=9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _solid_png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 160, 60)).save(buffer, "PNG")  # 6300×6300 is ~130 KB
    return buffer.getvalue()


def test_a_camera_photo_is_stored_page_sized_and_a_corrupt_one_is_refused() -> None:
    import asyncio

    from PIL import Image

    from dialogs.answers import AnswerError
    from dialogs.photos import accept_photo

    stored = asyncio.run(accept_photo(_camera_jpeg()))
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (1600, 1200)
    upright = asyncio.run(accept_photo(jpeg(64, 48, orientation=6)))  # taken with the phone turned
    with Image.open(io.BytesIO(upright)) as image:
        assert image.size == (48, 64)
    for data, complaint in ((_solid_png(6300, 6300), "像素太多"), (_camera_jpeg()[:200_000], "没能识别")):
        try:
            asyncio.run(accept_photo(data))
        except AnswerError as error:
            assert complaint in str(error)
        else:
            raise AssertionError(f"accepted, expected {complaint}")


def _photos_through_telegram(tmp_path, images: dict[str, bytes]) -> dict:  # type: ignore[no-untyped-def]
    """Run tests/support/photo_memory.py in a fresh process: its peak RSS is the bot's, not pytest's."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    paths = []
    for name, data in images.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.photo_memory", str(tmp_path / "bot.db"), *paths],
        capture_output=True, text=True, encoding="utf-8", cwd=root, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr[-3000:]
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    print({k: v for k, v in measured.items() if k != "told"})
    return measured


def test_three_camera_photos_sent_as_files_stay_under_256_mb(tmp_path) -> None:  # type: ignore[no-untyped-def]
    camera = _camera_jpeg()
    measured = _photos_through_telegram(tmp_path, {f"IMG_000{n}.jpg": camera for n in (1, 2, 3)})
    assert measured["figures"] == 3
    # Before: 117 → 592 MB, the loop held 2.4 s (the document decoded the three photos whole).
    assert measured["after_document_mb"] < 256, measured
    assert measured["after_document_mb"] - measured["before_mb"] < 100, measured


def test_a_huge_png_is_refused_from_its_header_and_a_phone_sized_one_fits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    measured = _photos_through_telegram(tmp_path, {"huge.png": _solid_png(6300, 6300),
                                                   "phone.png": _solid_png(4032, 3024)})
    # Before: the 6300×6300 PNG (130 KB) was accepted and took the process from 117 to 578 MB.
    assert "像素太多" in measured["told"][0] and "已收到第 1 张照片" in measured["told"][1]
    assert measured["figures"] == 1
    assert measured["after_document_mb"] < 256, measured
