"""Small real images for photo answers."""

from __future__ import annotations

import io

from PIL import Image


def jpeg(width: int = 64, height: int = 48, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 40, 40))
    buffer = io.BytesIO()
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def webp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 120, 0)).save(buffer, "WEBP")
    return buffer.getvalue()
