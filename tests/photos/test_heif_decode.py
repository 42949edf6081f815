"""A HEIF photo is decoded straight to the scale of the largest rendition
(photos/heif_decode.py): strip by strip from libheif's buffer, never as a full-size
Pillow image, with the very pixels a full decode followed by `reduce` gives."""

import io

import pytest
from PIL import Image

from core.imaging import ImageRejected
from photos.heif_decode import heif_reduced
from photos.pipeline import process_upload
from photos.samples import sample_image


def heic(width: int, height: int) -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    sample_image(width, height, seed=3).save(out, "HEIF", quality=80)
    return out.getvalue()


@pytest.fixture(scope="module")
def wide():
    # factor 3, with partial blocks at the right and bottom edges and a partial strip
    return heic(6004, 302)


def test_the_reduced_decode_has_the_pixels_of_a_full_decode_reduced(wide):
    reduced = heif_reduced(io.BytesIO(wide), 2000)
    with Image.open(io.BytesIO(wide)) as full:
        full.load()
        expected = full.convert("RGB").reduce(3)
    assert reduced.size == expected.size == (2002, 101)
    assert reduced.tobytes() == expected.tobytes()


def test_a_large_heif_goes_through_the_pipeline_reduced(wide):
    processed = process_upload(io.BytesIO(wide), show_location=False)
    assert (processed.format, processed.width, processed.height) == ("HEIF", 6004, 302)
    sizes = [(r.size, r.width) for r in processed.renditions]
    assert sizes == [("large", 2000), ("medium", 1000), ("tile", 500), ("small", 320)]


def test_a_damaged_heif_is_refused_with_the_usual_message(wide):
    broken = wide[: len(wide) // 2]
    with pytest.raises(ImageRejected, match="damaged or incomplete"):
        process_upload(io.BytesIO(broken), show_location=False)
