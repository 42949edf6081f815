"""Revalidations of public renditions, answered before the rest of the stack.

A CDN or browser revalidating a versioned rendition URL (`If-None-Match` on
`/r/<id>/<key>/<size>.jpg`) asks about a public file whose answer depends on no viewer,
no session and no country. Like WhiteNoise for static files, this middleware (placed right
after it) answers such a request at once with a 304 when the key is current and the ETag
matches, without sessions, authentication, the URL resolver or the file. Anything else,
including every request about a photo that is not public, goes on to the view, which
decides as always (web.views.media). tests/photos/test_rendition_caching.py checks that
the pattern below is the URLconf's.
"""

import re

from web.views.media import public_not_modified

VERSIONED = re.compile(r"/r/(?P<photo_id>[0-9]{1,18})/(?P<key>[-a-zA-Z0-9_]+)/(?P<size>\w+)\.jpg")


class RenditionRevalidation:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and "HTTP_IF_NONE_MATCH" in request.META:
            match = VERSIONED.fullmatch(request.path_info)
            if match:
                found = match.groupdict()
                answered = public_not_modified(
                    request, int(found["photo_id"]), found["key"], found["size"]
                )
                if answered is not None:
                    return answered
        return self.get_response(request)
