"""Phone photos made ready for the page: EXIF orientation applied, WEBP/HEIC converted, sized to fit.

Decoding is what costs: a 39-megapixel camera JPEG is 117 MB of pixels, a 6300×6300 PNG 119 MB, for a
picture printed 12 cm wide. So a JPEG is decoded already reduced (`Image.draft`: the decoder skips to
1/2, 1/4 or 1/8 of the size, no bigger than the page needs), the image is shrunk before anything copies
it (conversion and rotation work on the small one), and only one image is decoded at a time in the
process, so several chairs' photos at once do not add up.
"""

from __future__ import annotations

import io
import threading

from docx.shared import Mm
from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

register_heif_opener()

MAX_WIDTH_MM = 120  # inside the 156 mm type area, with air on both sides
MAX_HEIGHT_MM = 90
MAX_EDGE_PX = 1600  # plenty for print at this size, and keeps the DOCX small
ORIENTATION = 0x0112  # the EXIF tag

_decoding = threading.Lock()  # held by a worker thread while a full-size image is in memory


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


def prepare(data: bytes) -> tuple[bytes, Mm]:
    """JPEG bytes, upright, and the width to place them at."""
    image_bytes = page_ready(data)
    with Image.open(io.BytesIO(image_bytes)) as image:  # the header only
        width_mm = min(MAX_WIDTH_MM, MAX_HEIGHT_MM * image.width / image.height)
    return image_bytes, Mm(width_mm)
