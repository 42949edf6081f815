"""`{% photo_card photo hide_owner %}`: one grid card, rendered once and reused.

A card holds nothing of the viewer (no favourite state, no form, no token): it is the
same for everyone who may see the photo, so it is cached under what it shows, read from
the row the grid already fetched: the photo's id, title, alt text,
owner's name, visibility, sensitivity, size, the list its link names, the owner's withheld
marker and the rendition URLs as the rendition
helpers build them now. Any change to any of these is a different key, so a card is
never stale and needs no invalidation; an unused one ages out. A grid of thirty cards
costs thirty cache reads instead of thirty renders when the grid itself
(web/grid_cache.py) was not cached.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from web.templatetags.candid import rendition_url, srcset

register = template.Library()

CARD_SECONDS = 3600


def card_key(photo, hide_owner: bool, in_context: str = "", owner_view: bool = False) -> str:
    shown = (
        photo.pk,
        in_context,  # the list the card's link carries (web/photo_context.py)
        owner_view and photo.withheld_in,  # the owner's own marker
        photo.title,
        photo.image_alt,
        photo.owner.name,
        hide_owner,
        photo.visibility,
        photo.sensitive,
        photo.width,
        photo.height,
        rendition_url(photo, "small"),
        srcset(photo),
        translation.get_language(),
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"candid:card:{digest}"


@register.simple_tag
def photo_card(photo, hide_owner=False, in_context="", owner_view=False) -> str:
    """`in_context`: the grid's list, for the photo page's previous and next;
    `owner_view`: the grid is its owner's own (a withheld photo says where)."""
    hide_owner, in_context, owner_view = bool(hide_owner), in_context or "", bool(owner_view)
    key = card_key(photo, hide_owner, in_context, owner_view)
    html = cache.get(key)
    if html is None:
        context = {
            "photo": photo,
            "hide_owner": hide_owner,
            "in_context": in_context,
            "owner_view": owner_view,
        }
        html = get_template("_photo_card.html").render(context)
        cache.set(key, html, CARD_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered
