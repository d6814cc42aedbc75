"""Photos placed on the page: already page-ready when stored (dialogs/photos.py), sized to fit the type area."""

from __future__ import annotations

import io

from docx.shared import Mm
from PIL import Image

from dialogs.photos import page_ready

MAX_WIDTH_MM = 120  # inside the 156 mm type area, with air on both sides
MAX_HEIGHT_MM = 90


def prepare(data: bytes) -> tuple[bytes, Mm]:
    """JPEG bytes, upright, and the width to place them at."""
    image_bytes = page_ready(data)
    with Image.open(io.BytesIO(image_bytes)) as image:  # the header only
        width_mm = min(MAX_WIDTH_MM, MAX_HEIGHT_MM * image.width / image.height)
    return image_bytes, Mm(width_mm)
