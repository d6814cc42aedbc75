"""Checking a photo a chair sent before it is stored, and making it page-sized.

The checks read the image's header only (`Image.open` is lazy), so an absurd image is refused before a byte
of it is decoded. An accepted one is decoded reduced: a JPEG already small (`Image.draft`: the decoder skips
to 1/2, 1/4 or 1/8 of the size, no bigger than the page needs), other formats shrunk before anything copies
them. Only one image is decoded at a time in the process, so several chairs' photos at once do not add up;
the result, upright and in JPEG, is what is stored and what the document prints.
"""

from __future__ import annotations

import asyncio
import io
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from dialogs.answers import AnswerError
from dialogs.texts import say

register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
# What a decoder must hold in memory. A JPEG is decoded at 1/2 to 1/8 of its size (draft mode), so an
# 80 MP camera photo costs a few MB; other formats (PNG, WEBP, HEIC) are decoded whole, at 4 bytes a
# pixel, so they stop just above a 12 MP phone's 4032×3024 (50 MB while it is shrunk, one image at a time).
# Telegram's "photo" (rather than "file") is at most 2560 px on its long edge: always accepted.
MAX_JPEG_PIXELS = 80_000_000
MAX_PIXELS = 4096 * 3072
FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
REDUCED_ON_DECODE = {"JPEG", "MPO"}
MAX_EDGE_PX = 1600  # plenty for print at the size the page gives a photo, and keeps the DOCX small
ORIENTATION = 0x0112  # the EXIF tag

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photos")
_decoding = threading.Lock()  # held by a worker thread while a full-size image is in memory


def check_photo(data: bytes) -> None:
    """Raise AnswerError with the chair's message unless `data` looks like an acceptable image (header only)."""
    if len(data) > MAX_BYTES:
        raise AnswerError(say("err_photo_large", mb=MAX_BYTES // (1024 * 1024)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise AnswerError(say("err_photo_kind"))
                limit = MAX_JPEG_PIXELS if image.format in REDUCED_ON_DECODE else MAX_PIXELS
                if image.width * image.height > limit:
                    raise AnswerError(say("err_photo_pixels"))
                image.verify()
    except AnswerError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AnswerError(say("err_photo_pixels")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise AnswerError(say("err_photo_kind")) from None


async def accept_photo(data: bytes) -> bytes:
    """The photo as it will be stored: checked, upright, JPEG, no edge over MAX_EDGE_PX.
    Raises AnswerError with the chair's message.

    The work runs on one dedicated thread, off the event loop: photos of several chats queue rather than
    be decoded side by side, and the memory a decode used is reused by the next (each new thread would
    get its own malloc arena, and keep it)."""
    return await asyncio.get_running_loop().run_in_executor(_worker, _accept, data)


def _accept(data: bytes) -> bytes:
    check_photo(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return page_ready(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AnswerError(say("err_photo_pixels")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):  # a truncated or corrupt file
        raise AnswerError(say("err_photo_kind")) from None


def page_ready(data: bytes) -> bytes:
    """JPEG bytes, upright, no edge longer than MAX_EDGE_PX. Blocking: call it in a worker thread.

    Raises what Pillow raises for an unreadable image (OSError, ValueError, …)."""
    with Image.open(io.BytesIO(data)) as header:
        if (header.format == "JPEG" and header.mode == "RGB" and max(header.size) <= MAX_EDGE_PX
                and header.getexif().get(ORIENTATION, 1) == 1):
            return data  # already page-ready (as every photo stored since this check is): no second loss
    with _decoding, Image.open(io.BytesIO(data)) as original:
        # JPEG only (a no-op for other formats): the decoder keeps both edges at least this box, so the
        # box has the photo's proportions and its long edge is the page's.
        scale = MAX_EDGE_PX / max(original.size)
        if scale < 1:
            original.draft("RGB", (max(1, int(original.width * scale)), max(1, int(original.height * scale))))
        original.load()
        # Other formats are decoded whole; an integer box reduction first makes the small copy the only
        # other one (thumbnail's own resampling of a big image holds a third of it again).
        factor = int(max(original.size) / MAX_EDGE_PX)
        image = original.reduce(factor) if factor > 1 else original
        if image is not original:
            original.close()  # the full-size pixels go now, before the resampling needs its own
        image.thumbnail((MAX_EDGE_PX, MAX_EDGE_PX))
        image = ImageOps.exif_transpose(image)
        if image.mode != "RGB":
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
