"""Template helpers for OpenGraph and Twitter-card tags, feed links and oEmbed discovery."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from photos.open_web import album_is_open, photo_is_open
from web.open_web import absolute_url
from web.templatetags.candid import avatar_url, rendition_url

register = template.Library()

PREVIEW_SIZE = "medium"


@register.simple_tag
def absolute(name: str, *args) -> str:
    """The absolute URL of a named route, under SITE_URL."""
    return absolute_url(reverse(name, args=args))


@register.simple_tag
def preview_image(photo) -> str:
    """The absolute versioned URL of the photo's preview rendition."""
    return absolute_url(rendition_url(photo, PREVIEW_SIZE))


@register.simple_tag
def avatar_image(member) -> str:
    return absolute_url(avatar_url(member)) if member.avatar else ""


@register.simple_tag
def oembed_url(photo) -> str:
    query = urlencode({"url": absolute_url(reverse("photo", args=[photo.pk])), "format": "json"})
    return absolute_url(f"{reverse('oembed')}?{query}")


@register.filter
def photo_open(photo) -> bool:
    return photo_is_open(photo)


@register.filter
def album_open(album) -> bool:
    return album_is_open(album)
