"""Images of posts from other servers, served from Candid's bounded cache
(federation/media_proxy.py): members' browsers load them from here only."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from federation.fetch import FetchRefused
from federation.media_proxy import NOINDEX, cached_media, token_read
from federation.models import CachedMedia
from federation.selectors import federation_enabled

MAX_AGE = 7 * 24 * 3600


@login_required
@require_safe
def remote_media(request, token: str):
    if not federation_enabled():
        raise Http404
    try:
        url, author = token_read(token)
        media = cached_media(url, author)
        try:
            stored = default_storage.open(media.path, "rb")
        except OSError:  # the file went missing: fetched again
            CachedMedia.objects.filter(pk=media.pk).delete()
            media = cached_media(url, author)
            stored = default_storage.open(media.path, "rb")
    except FetchRefused:
        raise Http404 from None
    response = FileResponse(stored, content_type=media.content_type)
    response["Cache-Control"] = f"private, max-age={MAX_AGE}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if media.noindex:
        response["X-Robots-Tag"] = NOINDEX
    return response
