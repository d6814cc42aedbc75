"""Phone photos made ready for the page: EXIF orientation applied, WEBP/HEIC converted, sized to fit."""

from __future__ import annotations

import io

from docx.shared import Mm
from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

register_heif_opener()

MAX_WIDTH_MM = 120  # inside the 156 mm type area, with air on both sides
MAX_HEIGHT_MM = 90
MAX_EDGE_PX = 1600  # plenty for print at this size, and keeps the DOCX small


def prepare(data: bytes) -> tuple[bytes, Mm]:
    """JPEG bytes, upright, and the width to place them at."""
    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGB")
        image.thumbnail((MAX_EDGE_PX, MAX_EDGE_PX))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        width_mm = min(MAX_WIDTH_MM, MAX_HEIGHT_MM * image.width / image.height)
    return buffer.getvalue(), Mm(width_mm)
