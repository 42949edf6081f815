"""Albums: create, view (only the photos the viewer may see, in album order), edit the
contents and order, delete (never deletes the photos)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import ServiceError
from core.geo import viewer_country
from photos.open_web import first_open
from photos.selectors import album_photos, albums_visible_to, photos_by
from photos.services import album_create, album_delete, album_set_photos, album_update
from web.forms import AlbumForm, AlbumPhotosForm
from web.grid_cache import lazy
from web.open_web import robots_header

MAX_CHOOSABLE = 500


def _album(viewer, album_id: int, *, owned: bool = False):
    albums = albums_visible_to(viewer)
    if owned:
        albums = albums.filter(owner_id=viewer.pk)
    album = albums.filter(pk=album_id).first()
    if album is None:
        raise Http404(_("No such album."))
    return album


@login_required
@require_http_methods(["GET", "POST"])
def album_new(request):
    form = AlbumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            album = album_create(owner=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Album created. Now choose its photos."))
            return redirect("album_edit", album_id=album.pk)
    status = 400 if form.errors else 200
    return render(request, "albums/new.html", {"form": form}, status=status)


@require_GET
def album_page(request, album_id: int):
    album = _album(request.user, album_id)
    photos = album_photos(album, request.user, country=viewer_country(request))
    cover = lazy(lambda: first_open(photos))  # the preview image, from the grid's rows
    context = {"album": album, "photos": photos, "cover": cover, "in_context": f"album:{album.pk}"}
    return robots_header(render(request, "albums/album.html", context), album.owner)


@login_required
@require_http_methods(["GET", "POST"])
def album_edit(request, album_id: int):
    album = _album(request.user, album_id, owned=True)
    data = request.POST if request.method == "POST" else None
    chosen = [p.pk for p in album_photos(album, request.user)]
    form = AlbumForm(
        data,
        initial={
            "title": album.title,
            "description": album.description,
            "visibility": album.visibility,
        },
    )
    choose = AlbumPhotosForm(
        data, photos=photos_by(request.user, request.user)[:MAX_CHOOSABLE], chosen=chosen
    )
    if data is not None and form.is_valid() and choose.is_valid():
        try:
            with transaction.atomic():
                album_update(actor=request.user, album=album, **form.cleaned_data)
                album_set_photos(actor=request.user, album=album, photo_ids=choose.chosen_ids())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The album is saved."))
            return redirect("album", album_id=album.pk)
    context = {"album": album, "form": form, "choose": choose}
    status = 400 if form.errors or choose.errors else 200
    return render(request, "albums/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def album_delete_view(request, album_id: int):
    album = _album(request.user, album_id, owned=True)
    if request.method == "POST":
        album_delete(actor=request.user, album=album)
        messages.success(request, _("The album is deleted; its photos are kept."))
        return redirect("profile", username=request.user.username)
    return render(request, "albums/delete.html", {"album": album})
