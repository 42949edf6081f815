"""The upload pipeline lets go of full-size pixels early (issue 18: peak memory), without
changing a single output pixel (bench/pipeline_memory.py has the figures)."""

import io

import numpy as np
import pytest
from PIL import Image

from photos import pipeline
from photos.samples import sample_image


def _closed(image: Image.Image) -> bool:
    try:
        image.getpixel((0, 0))
    except ValueError:
        return True
    return False


@pytest.mark.parametrize("size", [(3001, 2001), (4242, 5656), (2100, 1400), (2500, 2499)])
def test_the_two_step_scaling_is_pixel_identical_to_pillows_resize(size):
    image = sample_image(*size, seed=3)
    expected = image.resize(
        pipeline._scaled(image.copy(), 2000).size, Image.Resampling.LANCZOS, reducing_gap=1.0
    )

    scaled = pipeline._scaled(image, 2000, release=True)

    assert np.array_equal(np.asarray(scaled), np.asarray(expected))


def test_the_cascade_releases_the_full_size_image_once_the_largest_rendition_exists():
    base = sample_image(4200, 2800, seed=4)

    renditions = pipeline._cascade(base)

    assert _closed(base)
    assert [max(image.size) for image in renditions] == [2000, 1000, 500, 320]


def test_an_image_no_larger_than_the_largest_rendition_is_kept_as_it_is():
    base = sample_image(1800, 1200, seed=5)

    renditions = pipeline._cascade(base)

    assert renditions[0] is base and not _closed(base)


def test_flattening_a_transparent_png_releases_each_full_size_step():
    rgba = sample_image(1200, 900, seed=6).convert("RGBA")
    buffer = io.BytesIO()
    rgba.save(buffer, "PNG")
    opened = Image.open(io.BytesIO(buffer.getvalue()))
    opened.load()

    flat = pipeline._oriented_rgb(opened)

    assert flat.mode == "RGB" and flat.size == (1200, 900)
    assert _closed(opened)


def test_releasing_pixels_leaves_the_uploaded_stream_open():
    stream = io.BytesIO()
    sample_image(2400, 1800, seed=7).save(stream, "PNG")

    processed = pipeline.process_upload(stream, show_location=False)

    assert not stream.closed
    assert processed.sha256 and len(processed.renditions) == 4
