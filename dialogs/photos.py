"""Checking a photo a chair sent before it is stored: size, pixel count and that it is an image."""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from dialogs.answers import AnswerError
from dialogs.texts import say

register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # far above any phone camera, far below a decompression bomb
FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}


def check_photo(data: bytes) -> None:
    """Raise AnswerError with the chair's message unless `data` is an acceptable image."""
    if len(data) > MAX_BYTES:
        raise AnswerError(say("err_photo_large", mb=MAX_BYTES // (1024 * 1024)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise AnswerError(say("err_photo_kind"))
                if image.width * image.height > MAX_PIXELS:
                    raise AnswerError(say("err_photo_pixels"))
                image.verify()
    except AnswerError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AnswerError(say("err_photo_pixels")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise AnswerError(say("err_photo_kind")) from None
