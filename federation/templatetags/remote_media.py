"""`{{ image.url|proxied:post.author }}`: a remote image's address on Candid's media proxy."""

from django import template

from federation.media_proxy import proxy_url

register = template.Library()


@register.filter
def proxied(url: str, author) -> str:
    return proxy_url(url, author) if url else ""
