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
    culture = next(i for i, t in enumerate(texts) if "文体活动" in t and t.startswith("五、"))
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
