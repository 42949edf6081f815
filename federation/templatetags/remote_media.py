"""`{% remote_image_src image.url post.author %}`: where the page loads a remote image
from, the media proxy or (by the signed-in member's choice) its own server; see
federation/image_links.py."""

from django import template

from federation.image_links import image_src

register = template.Library()


@register.simple_tag(takes_context=True)
def remote_image_src(context, url: str, author) -> str:
    return image_src(context.get("request"), url, author)
