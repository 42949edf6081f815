"""The organiser: tick many of your own photos (your photostream, or one album) and set
their tags, licence or visibility, add them to an album, or delete them, in one step.
Each action is one service of photos.bulk, which checks that every photo is yours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.errors import ServiceError
from photos import bulk
from photos.organiser_selectors import photo_ids_to_organise, photos_to_organise
from photos.selectors import album_owned_by
from web.forms_organiser import SELECTED, OrganiserForm
from web.forms_upload import album_choices
from web.keyset_pagination import paged

PER_PAGE = 60
SERVICES = {
    bulk.TAGS_ADD: (bulk.photos_tags_add, "tags", "tags"),
    bulk.TAGS_REMOVE: (bulk.photos_tags_remove, "tags", "tags"),
    bulk.LICENCE: (bulk.photos_licence_set, "licence", "licence"),
    bulk.VISIBILITY: (bulk.photos_visibility_set, "visibility", "visibility"),
    bulk.ALBUM: (bulk.photos_album_add, "album_id", "album"),
    bulk.DELETE: (bulk.photos_delete, None, None),
}


def _album(request):
    raw = request.GET.get("album", "")
    if not raw:
        return None
    album = album_owned_by(request.user, int(raw)) if raw.isdigit() and len(raw) < 19 else None
    if album is None:
        raise Http404(_("No such album of yours."))
    return album


def _apply(user, data: dict, album) -> bulk.BulkResult:
    if data["scope"] == SELECTED:
        ids = data["photo"]
    else:
        ids = photo_ids_to_organise(user, album=album, limit=bulk.MAX_PHOTOS)
    service, argument, field = SERVICES[data["action"]]
    if argument is None:
        return service(actor=user, photo_ids=ids)
    value = int(data[field]) if argument == "album_id" else data[field]
    return service(actor=user, photo_ids=ids, **{argument: value})


def _done(result: bulk.BulkResult) -> str:
    count = {"count": result.count}
    if result.queued:
        return (
            ngettext(
                "%(count)s photo is being changed in the background; this takes a minute or so.",
                "%(count)s photos are being changed in the background; this takes a minute or so.",
                result.count,
            )
            % count
        )
    if result.action == bulk.DELETE:
        return (
            ngettext("%(count)s photo deleted.", "%(count)s photos deleted.", result.count) % count
        )
    return ngettext("%(count)s photo changed.", "%(count)s photos changed.", result.count) % count


@login_required
@require_http_methods(["GET", "POST"])
def organise(request):
    album = _album(request)
    form = OrganiserForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            result = _apply(request.user, form.cleaned_data, album)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _done(result))
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "album": album,
        "albums": album_choices(request.user),
        "page": paged(request, photos_to_organise(request.user, album=album), PER_PAGE),
        "ticked": set(request.POST.getlist("photo")),
    }
    return render(request, "photos/organise.html", context, status=400 if form.errors else 200)
