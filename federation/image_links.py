"""Where a page loads an image of a post from another server: through Candid's media proxy
(media_proxy.proxy_url, the default: the other server never sees the member), or straight
from that server when the signed-in member chose so in Settings → Other servers (the
other server then sees their IP address).

The choice is read once per request. A page that links images directly must allow their
servers in its Content-Security-Policy (`img-src 'self'` otherwise): the view is wrapped in
`with_image_origins`, which adds exactly the origins the page used. An origin goes into the
header only when its host is a plain name or IPv4 address, so a URL from a remote document
cannot write into the policy; any other URL stays on the proxy."""

import re
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings

from federation.media_proxy import proxy_url
from federation.models import RemoteActor
from federation.selectors import member_images_direct

CHOSEN = "_candid_images_direct"
ORIGINS = "_candid_image_origins"
PLAIN_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")


def image_src(request, url: str, author: RemoteActor) -> str:
    """The address the page gives the browser for the remote image at `url`."""
    if not url:
        return ""
    origin = _origin(url) if request is not None and _direct(request) else None
    if origin is None:
        return proxy_url(url, author)
    if not hasattr(request, ORIGINS):
        setattr(request, ORIGINS, set())
    getattr(request, ORIGINS).add(origin)
    return url


def with_image_origins(view):
    """Lets the response's img-src name the servers whose images the page links directly."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origins = getattr(request, ORIGINS, None)
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["img-src"] = [*update.get("img-src", []), *sorted(origins)]
            response._csp_update = update
        return response

    return wrapped


def _direct(request) -> bool:
    if not hasattr(request, CHOSEN):
        user = getattr(request, "user", None)
        setattr(request, CHOSEN, user is not None and member_images_direct(user))
    return getattr(request, CHOSEN)


def _origin(url: str) -> str | None:
    """`scheme://host[:port]` of an https URL (http only in tests), None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    allowed = ("https", "http") if settings.CANDID_FEDERATION_ALLOW_LOCAL else ("https",)
    host = (parts.hostname or "").lower()
    if parts.scheme not in allowed or not PLAIN_HOST.match(host) or parts.username:
        return None
    return f"{parts.scheme}://{host}:{port}" if port else f"{parts.scheme}://{host}"
