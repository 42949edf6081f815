"""Hashing an uploaded image for the lookup: the same safety checks as any upload
(core.imaging: format from the bytes, decompression bombs, damaged files), decoded at
reduced scale (PDQ works on 64x64 anyway), and hashed in all eight dihedral variants so
rotated and mirrored copies are found too. Nothing is written anywhere."""

import math
from typing import IO

import numpy as np
import pdqhash
from PIL import Image, ImageOps

from core.imaging import decode_fully, open_untrusted_image

PDQ_SIDE = 512
MIN_QUALITY = 50  # Meta: discard hashes with quality <= 49 (pdq/README.md)
VARIANTS = (
    "as uploaded",
    "rotated 90°",
    "rotated 180°",
    "rotated 270°",
    "mirrored left-right",
    "mirrored top-bottom",
    "mirrored on the diagonal",
    "mirrored on the other diagonal",
)


def image_variants(fileobj: IO[bytes]) -> tuple[np.ndarray, int]:
    """(8, 32) uint8 packed PDQ hashes of the image and its rotations and mirror images,
    and the PDQ quality (0-100)."""
    image = open_untrusted_image(fileobj)
    if image.format == "JPEG":
        scale = PDQ_SIDE / max(image.size)
        if scale < 1:
            image.draft(
                "RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
            )
    image = ImageOps.exif_transpose(decode_fully(image)).convert("RGB")
    return variants_of(image)


def variants_of(image: Image.Image) -> tuple[np.ndarray, int]:
    factor = math.ceil(max(image.size) / PDQ_SIDE)
    if factor > 1:
        image = image.reduce(factor)
    bits, quality = pdqhash.compute_dihedral(np.asarray(image))
    packed = np.packbits(np.asarray(bits, dtype=np.uint8), axis=1)
    return packed, int(quality)


def hash_variants(pdq_hex: str) -> np.ndarray:
    """A stored hash alone (its image is not at hand): one variant."""
    return np.frombuffer(bytes.fromhex(pdq_hex), dtype=np.uint8).reshape(1, 32)
