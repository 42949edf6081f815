"""Content negotiation for the two pages that are also ActivityPub objects: a member's
profile (`/u/<name>/`, their `Person`) and a photo page (`/photos/<id>/`, its `Note`).

It sits before the anonymous page cache and the session middleware: an ActivityPub
request never gets a cached HTML page, never starts a session, and the HTML views stay as
they are."""

import re

from django.http import Http404

from federation import views
from federation.negotiation import wants_activity_json
from federation.selectors import federation_enabled

PROFILE = re.compile(r"^/u/(?P<username>[^/]+)/$")
PHOTO = re.compile(r"^/photos/(?P<photo_id>[0-9]+)/$")


class ActivityPubNegotiation:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and federation_enabled():
            if wants_activity_json(request.headers.get("Accept", "")):
                response = self._document(request)
                if response is not None:
                    return response
        return self.get_response(request)

    def _document(self, request):
        try:
            return self._view(request)
        except Http404:
            return views.not_found()

    def _view(self, request):
        if match := PROFILE.match(request.path_info):
            return views.actor_view(request, match["username"])
        if match := PHOTO.match(request.path_info):
            return views.photo_view(request, int(match["photo_id"]))
        return None
