"""Checking a photo a chair sent before it is stored, and making it page-sized.

The checks read the image's header only (`Image.open` is lazy), so an absurd image is refused before a
byte of it is decoded; an accepted one is then decoded reduced and stored at the size the page prints
(templates/pictures.py), which keeps the database and the document small.
"""

from __future__ import annotations

import asyncio
import io
import warnings
from concurrent.futures import ThreadPoolExecutor

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from dialogs.answers import AnswerError
from dialogs.texts import say
from templates import pictures

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

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photos")


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
    """The photo as it will be stored: checked, upright, JPEG, no edge over pictures.MAX_EDGE_PX.
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
            return pictures.page_ready(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AnswerError(say("err_photo_pixels")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):  # a truncated or corrupt file
        raise AnswerError(say("err_photo_kind")) from None
