"""The demo's photographs: free-licensed sample photos that scikit-image ships in its wheel.

scikit-image (a development dependency, as `make run` installs it) keeps them in
`skimage/data/`; the licence and author of each come from that package's own notes (the
docstrings of `skimage.data`, see docs/demo-photos.md). They are read as files, without
importing scikit-image, so loading them costs milliseconds. Files whose licence the package
does not state (the moon, the stereo motorcycle) are not used.
"""

import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image


class DemoPhotosMissing(Exception):
    """scikit-image is not installed, so its sample photos are not there."""


@dataclass(frozen=True)
class Photograph:
    key: str
    file: str
    size: tuple[int, int]
    author: str
    licence: str  # a Candid licence code (photos.licences)
    source: str  # where scikit-image took it from


PHOTOGRAPHS = {
    p.key: p
    for p in [
        Photograph(
            "astronaut",
            "astronaut.png",
            (512, 512),
            "NASA",
            "pdm",
            "NASA Great Images database (https://flic.kr/p/r9qvLn)",
        ),
        Photograph(
            "hubble_deep_field",
            "hubble_deep_field.jpg",
            (1000, 872),
            "NASA, ESA (Hubble Space Telescope)",
            "pdm",
            "HubbleSite, news release 2012-37",
        ),
        Photograph(
            "rocket",
            "rocket.jpg",
            (640, 427),
            "SpaceX",
            "pdm",
            "SpaceX Photos (https://www.flickr.com/photos/spacexphotos/16511594820/)",
        ),
        Photograph(
            "coins",
            "coins.png",
            (384, 303),
            "Brooklyn Museum",
            "pdm",
            "Brooklyn Museum Collection (no known copyright restrictions)",
        ),
        Photograph("camera", "camera.png", (512, 512), "Lav Varshney", "cc0", "the photographer"),
        Photograph(
            "clock",
            "clock_motion.png",
            (400, 300),
            "Stefan van der Walt",
            "pdm",
            "the photographer",
        ),
        Photograph(
            "brick", "brick.png", (512, 512), "CC0Textures", "cc0", "cc0textures.com, Bricks25"
        ),
        Photograph(
            "gravel", "gravel.png", (512, 512), "CC0Textures", "cc0", "cc0textures.com, Gravel04"
        ),
        Photograph(
            "chelsea", "chelsea.png", (451, 300), "Stefan van der Walt", "cc0", "the photographer"
        ),
        Photograph(
            "coffee",
            "coffee.png",
            (600, 400),
            "Rachel Michetti",
            "cc0",
            "Pikolo Espresso Bar, the photographer",
        ),
        Photograph("grass", "grass.png", (512, 512), "linolafett", "cc0", "DeviantArt (Grass 01)"),
    ]
}


def data_dir() -> Path:
    spec = importlib.util.find_spec("skimage")
    if spec is None or not spec.submodule_search_locations:
        raise DemoPhotosMissing(
            "The demo photos come with scikit-image, a development dependency: install "
            "requirements-dev.lock (make run does) and try again."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def photograph_bytes(key: str) -> bytes:
    """The file exactly as scikit-image ships it (PNG or JPEG)."""
    return (data_dir() / PHOTOGRAPHS[key].file).read_bytes()


def photograph_small(key: str, *, long_side: int, variant: int = 0) -> bytes:
    """A smaller JPEG of the photograph, mirrored on odd variants (so that two uploads of the
    same photograph differ), for the many items of the moderation history."""
    with Image.open(io.BytesIO(photograph_bytes(key))) as image:
        image = image.convert("RGB")
        image.thumbnail((long_side, long_side))
        if variant % 2:
            image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
    return out.getvalue()


def credit(key: str, language: str) -> str:
    """The author and licence line that goes into the photo's description."""
    photo = PHOTOGRAPHS[key]
    if language == "de":
        licence = "CC0 1.0" if photo.licence == "cc0" else "gemeinfrei (Public Domain)"
        return f"Foto: {photo.author}, {licence}. Quelle: {photo.source}, über scikit-image."
    licence = "CC0 1.0" if photo.licence == "cc0" else "public domain"
    return f"Photo: {photo.author}, {licence}. Source: {photo.source}, via scikit-image."
