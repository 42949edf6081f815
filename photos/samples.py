"""Real encoded sample photos for demo data, tests and benchmarks.

They are generated (gradients, shapes and sensor-like noise, so JPEG sizes resemble
camera files) and carry a camera EXIF block, optionally with a GPS position.
"""

import io
import random

import numpy as np
from PIL import ExifTags, Image, ImageDraw


def sample_image(width: int, height: int, *, seed: int = 0, noise: float = 6.0) -> Image.Image:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    c1, c2 = rng.uniform(0, 255, 3), rng.uniform(0, 255, 3)
    t = ((x / max(width, 1)) * 0.6 + (y / max(height, 1)) * 0.4)[..., None]
    pixels = c1 * (1 - t) + c2 * t
    if noise:
        pixels += rng.normal(0, noise, (height, width, 3)).astype(np.float32)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    shapes = random.Random(seed)
    for _ in range(6):
        x0, y0 = shapes.randrange(width), shapes.randrange(height)
        r = shapes.randrange(max(2, min(width, height) // 12), max(3, min(width, height) // 3))
        colour = tuple(shapes.randrange(256) for _ in range(3))
        draw.ellipse([x0 - r, y0 - r, x0 + r, y0 + r], fill=colour)
    return image


def camera_exif(
    *,
    gps: tuple[float, float] | None = None,
    taken: str = "2026:05:17 09:30:00",
    orientation: int = 1,
) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Fujifilm"
    exif[ExifTags.Base.Model] = "X-T5"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.Exif] = {
        ExifTags.Base.DateTimeOriginal: taken,
        ExifTags.Base.ExposureTime: 1 / 250,
        ExifTags.Base.FNumber: 5.6,
        ExifTags.Base.ISOSpeedRatings: 200,
        ExifTags.Base.FocalLength: 35.0,
    }
    if gps:
        exif[ExifTags.IFD.GPSInfo] = _gps_ifd(*gps)
    return exif


def sample_jpeg(
    width: int = 1600,
    height: int = 1200,
    *,
    seed: int = 0,
    gps: tuple[float, float] | None = None,
    quality: int = 90,
    noise: float = 6.0,
    orientation: int = 1,
) -> bytes:
    out = io.BytesIO()
    exif = camera_exif(gps=gps, orientation=orientation)
    sample_image(width, height, seed=seed, noise=noise).save(
        out, "JPEG", quality=quality, exif=exif.tobytes()
    )
    return out.getvalue()


def sample_bytes(fmt: str, width: int = 800, height: int = 600, *, seed: int = 0) -> bytes:
    out = io.BytesIO()
    image = sample_image(width, height, seed=seed)
    if fmt == "PNG":
        image = image.convert("RGBA")
    image.save(out, fmt)
    return out.getvalue()


def _gps_ifd(latitude: float, longitude: float) -> dict:
    def dms(value: float) -> tuple[float, float, float]:
        value = abs(value)
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round((value - degrees - minutes / 60) * 3600, 4)
        return (float(degrees), float(minutes), seconds)

    return {
        ExifTags.GPS.GPSLatitudeRef: "N" if latitude >= 0 else "S",
        ExifTags.GPS.GPSLatitude: dms(latitude),
        ExifTags.GPS.GPSLongitudeRef: "E" if longitude >= 0 else "W",
        ExifTags.GPS.GPSLongitude: dms(longitude),
    }
