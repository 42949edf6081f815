"""A HEIF/HEIC photo decoded straight to the scale the largest rendition needs.

JPEG's decoder can decode at a reduced scale (`draft`); libheif cannot, so a 24-MP HEIC
was decoded to its full size and then copied into Pillow: libheif's interleaved RGB
(3 bytes a pixel, 72 MB at 24 MP) and Pillow's copy of it (4 bytes a pixel, 96 MB)
existed at once, the upload pipeline's memory peak (bench/pipeline_memory.py: 319 MB
for the worker, over the 300 MB goal). Here libheif's buffer is read in strips of
whole reduction blocks, each strip box-reduced by the integer factor that keeps the
largest rendition covered (`Image.reduce`, as the cascade's first step would) and pasted
into the reduced image; then libheif's buffer is released. Pillow never holds the
full-size image. A strip's reduction equals the same rows of the whole image's, as its
height is a multiple of the factor. HEIF images with an alpha channel, or more than
8 bits a channel, take Pillow's ordinary path."""

from typing import IO

import pillow_heif
from PIL import Image

STRIP_BLOCKS = 64  # rows of reduction blocks per strip: a few MB of Pillow memory


def heif_reduced(fileobj: IO[bytes], long_side: int) -> Image.Image | None:
    """The primary image, reduced by the largest integer factor that still covers
    `long_side`, in RGB; None when this path does not apply (alpha, not 8-bit RGB).
    Decoding errors propagate (ValueError, RuntimeError, OSError, EOFError)."""
    fileobj.seek(0)
    heif = pillow_heif.open_heif(fileobj, convert_hdr_to_8bit=True, remove_stride=False)
    frame = heif[heif.primary_index]
    if frame.mode != "RGB":
        return None
    data = memoryview(frame.data)  # decodes; the size may change while decoding
    width, height = frame.size
    stride = frame.stride
    factor = max(1, max(width, height) // long_side)
    reduced = Image.new("RGB", (-(-width // factor), -(-height // factor)))
    rows = factor * STRIP_BLOCKS
    for top in range(0, height, rows):
        strip_height = min(rows, height - top)
        chunk = data[top * stride : top * stride + strip_height * stride]
        strip = Image.frombuffer("RGB", (width, strip_height), chunk, "raw", "RGB", stride, 1)
        reduced.paste(strip.reduce(factor) if factor > 1 else strip, (0, top // factor))
    data.release()
    return reduced
