"""The shortcuts that make the upload pipeline fast (bench/upload.py) keep its results right:
exact rendition sizes for any scale factor, quality close to a full Lanczos resize, a
perceptual hash that matches the full-size image's, alpha flattened on white."""

import io

import numpy as np
import pdqhash
import pytest
from PIL import Image

from photos.pipeline import RENDITION_SIZES, process_upload
from photos.samples import sample_image, sample_jpeg


def _process(data: bytes):
    return process_upload(io.BytesIO(data), show_location=False)


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


@pytest.mark.parametrize(
    ("width", "height"),
    [(4000, 3000), (3000, 2000), (2333, 4111), (1500, 1000), (300, 200)],
)
def test_renditions_have_exact_long_sides_for_any_scale_factor(width, height):
    processed = _process(sample_jpeg(width, height, seed=3))

    for rendition in processed.renditions:
        expected = min(RENDITION_SIZES[rendition.size], max(width, height))
        assert max(rendition.width, rendition.height) == expected
        assert abs(rendition.width / rendition.height - width / height) < 0.01
        decoded = _decoded(rendition.data)
        assert decoded.size == (rendition.width, rendition.height)


def test_medium_rendition_is_close_to_a_full_lanczos_resize():
    """Box-averaging then a short Lanczos step must look like Lanczos all the way. With
    strong sensor noise, nearest-neighbour scores about 23 dB here and ours about 33."""
    data = sample_jpeg(4000, 3000, seed=5, noise=30)
    medium = next(r for r in _process(data).renditions if r.size == "medium")

    reference = _decoded(data).resize((medium.width, medium.height), Image.Resampling.LANCZOS)
    ours = np.asarray(_decoded(medium.data), dtype=np.float64)
    mse = np.mean((ours - np.asarray(reference, dtype=np.float64)) ** 2)
    psnr = 10 * np.log10(255**2 / mse)
    assert psnr > 30


def test_perceptual_hash_matches_the_full_size_image():
    """PDQ on a <= 512 px image stays within a few bits of PDQ on the full original
    (31 is the usual match threshold; 256 bits in all)."""
    for seed in range(3):
        data = sample_jpeg(4000, 3000, seed=seed, noise=12, quality=92)
        ours = np.unpackbits(np.frombuffer(bytes.fromhex(_process(data).pdq_hash), np.uint8))
        full, _quality = pdqhash.compute(np.asarray(_decoded(data)))

        assert int((ours != full.astype(np.uint8)).sum()) <= 16


def test_same_photo_at_two_sizes_gets_near_identical_hashes():
    image = sample_image(4000, 3000, seed=9, noise=8)
    big, small = io.BytesIO(), io.BytesIO()
    image.save(big, "JPEG", quality=92)
    image.resize((1200, 900), Image.Resampling.LANCZOS).save(small, "JPEG", quality=80)

    a = int(_process(big.getvalue()).pdq_hash, 16)
    b = int(_process(small.getvalue()).pdq_hash, 16)
    assert (a ^ b).bit_count() <= 16


def test_transparent_png_is_flattened_on_white():
    image = Image.new("RGBA", (2400, 1200), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (0, 0, 1200, 1200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    large = _decoded(_process(buffer.getvalue()).renditions[0].data)
    assert large.getpixel((1800, 500)) >= (250, 250, 250)
    red = large.getpixel((300, 500))
    assert red[0] > 180 and red[1] < 60
