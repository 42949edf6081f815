"""Template helpers for image URLs and photo facts."""

import functools

from django import template
from django.urls import get_script_prefix, reverse

from photos.pipeline import RENDITION_SIZES
from photos.rendition_keys import rendition_key

register = template.Library()


def _scaled(photo, size: str) -> tuple[int, int]:
    """Rendition dimensions from the original's, as the pipeline scales (never up)."""
    scale = min(1.0, RENDITION_SIZES[size] / max(photo.width, photo.height, 1))
    return max(1, round(photo.width * scale)), max(1, round(photo.height * scale))


_PHOTO_ID, _KEY, _SIZE = 987654321, "KEY", "SIZE"


@functools.cache
def _rendition_pattern(prefix: str) -> str:
    """One reverse() per script prefix instead of one per image: grids show 30 photos
    with four URLs each, and reverse() dominated their rendering time."""
    return reverse("rendition_versioned", args=[_PHOTO_ID, _KEY, _SIZE])


@register.simple_tag
def rendition_url(photo, size: str) -> str:
    """The versioned URL (web.views.media): a new one whenever what it serves changes."""
    return _versioned(photo, size, rendition_key(photo))


def _versioned(photo, size: str, key: str) -> str:
    pattern = _rendition_pattern(get_script_prefix())
    return pattern.replace(str(_PHOTO_ID), str(photo.pk)).replace(_SIZE, size).replace(_KEY, key)


@register.simple_tag
def srcset(photo) -> str:
    """`url 320w, url 500w, ...`, ascending, of the sizes the photo has (`made_sizes`: an
    older photo has no tile until the backfill made it); sizes the original does not reach
    are skipped."""
    seen, parts, key = set(), [], rendition_key(photo)
    made = photo.made_sizes
    for size in sorted(RENDITION_SIZES, key=RENDITION_SIZES.get):
        if size not in made:
            continue
        width = _scaled(photo, size)[0]
        if width not in seen:
            seen.add(width)
            parts.append(f"{_versioned(photo, size, key)} {width}w")
    return ", ".join(parts)


@register.simple_tag
def rendition_width(photo, size: str) -> int:
    return _scaled(photo, size)[0]


@register.simple_tag
def rendition_height(photo, size: str) -> int:
    return _scaled(photo, size)[1]


# A grid row's height in CSS pixels (static/css/viewing.css: --row on phones and wider
# screens) and how far a justified row may stretch a tile beyond it.
ROW_PHONE, ROW_WIDE, ROW_STRETCH, PHONE_MAX = 120, 220, 1.35, 600
# Aspect ratios are classed in steps of 1/ASPECT_STEPS (CSP allows no style attribute, so
# each tile's flex-grow comes from a class): at most 2.5 % off, which the tile absorbs.
ASPECT_STEPS, ASPECT_MIN, ASPECT_MAX = 20, 5, 80


def _aspect(photo) -> float:
    return max(photo.width, 1) / max(photo.height, 1)


@register.filter
def aspect_class(photo) -> str:
    """`ar-N`: the tile's width/height × 20, which sets its share of a justified row."""
    steps = round(_aspect(photo) * ASPECT_STEPS)
    return f"ar-{min(max(steps, ASPECT_MIN), ASPECT_MAX)}"


@register.filter
def tile_sizes(photo) -> str:
    """`sizes` for a grid tile: its row's height times its aspect ratio, stretched as far
    as a justified row may (on a phone, at most the phone's width). A phone at DPR 2
    showing a landscape tile takes the 500 px tile, never the 1000 px rendition."""
    aspect = _aspect(photo)
    phone = min(round(ROW_PHONE * aspect * ROW_STRETCH), PHONE_MAX)
    wide = round(ROW_WIDE * aspect * ROW_STRETCH)
    return f"(max-width: {PHONE_MAX}px) {phone}px, {wide}px"


@register.filter
def avatar_url(user) -> str:
    """Versioned by the stored name, which changes with every new avatar."""
    if not user.avatar:
        return ""
    version = user.avatar.rsplit("/", 1)[-1].split(".", 1)[0]
    return f"{reverse('avatar', args=[user.pk])}?v={version}"


@register.filter
def camera_summary(camera: dict) -> list[str]:
    """The camera facts worth a line each: body, lens, exposure."""
    body = " ".join(str(camera[k]) for k in ("make", "model") if camera.get(k))
    exposure = [
        f"{camera['exposure_time']} s" if camera.get("exposure_time") else "",
        f"f/{_num(camera.get('f_number'))}" if camera.get("f_number") else "",
        f"ISO {_num(camera.get('iso'))}" if camera.get("iso") else "",
        f"{_num(camera.get('focal_length_mm'))} mm" if camera.get("focal_length_mm") else "",
    ]
    return [
        line
        for line in (body, camera.get("lens", ""), " · ".join(e for e in exposure if e))
        if line
    ]


def _num(value) -> str:
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def initial(user) -> str:
    return (user.name[:1] or "?").upper()
