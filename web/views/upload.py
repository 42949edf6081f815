"""Uploading one or many photos in one form. Each file goes through the upload service on
its own: a refused file is reported by name and stores nothing; the others still land.
After several files the owner describes each photo (its alt text) on one page."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.upload_defaults import upload_defaults_for
from core.errors import ServiceError
from core.uploads import keep_sent_file_names, name_as_sent
from photos.models import Photo
from photos.selectors import photos_owned_by
from photos.services import photo_alt_texts_set, photo_upload
from web.forms import AltTextsForm, UploadForm
from web.ratelimits import TOO_MANY_UPLOADS, limit_posts, per_account

MAX_DESCRIBED = 100


@dataclass
class FileResult:
    name: str
    photo: Photo | None = None
    error: str = ""


def _upload_one(owner, file, filename: str, fields: dict) -> FileResult:
    try:
        photo = photo_upload(owner=owner, file=file, filename=filename, size=file.size, **fields)
    except ServiceError as error:
        return FileResult(name=file.name, error=error.message)
    return FileResult(name=file.name, photo=photo)


@login_required
@limit_posts("uploads", "CANDID_UPLOAD_RATE", key=per_account, message=TOO_MANY_UPLOADS)
@require_http_methods(["GET", "POST"])
@keep_sent_file_names
def upload(request):
    initial = upload_defaults_for(request.user).initial()
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial)
    results: list[FileResult] = []
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        results = [
            _upload_one(request.user, f, name_as_sent(request, f), fields)
            for f in form.cleaned_data["files"]
        ]
        uploaded = [r.photo for r in results if r.photo]
        if len(uploaded) == len(results):
            return _uploaded(request, uploaded)
    failed = form.errors or any(r.error for r in results)
    uploaded = [r.photo for r in results if r.photo]
    context = {
        "form": form,
        "results": results,
        "any_uploaded": bool(uploaded),
        "describe_url": _describe_url(uploaded) if len(uploaded) > 1 else "",
    }
    return render(request, "photos/upload.html", context, status=400 if failed else 200)


def _uploaded(request, photos: list[Photo]):
    """One photo: its page. Several: the page that asks for each one's alt text."""
    count = len(photos)
    messages.success(
        request,
        ngettext("%(count)s photo uploaded.", "%(count)s photos uploaded.", count)
        % {"count": count},
    )
    if count == 1:
        return redirect("photo", photo_id=photos[0].pk)
    return redirect(_describe_url(photos))


def _describe_url(photos: list[Photo]) -> str:
    ids = ",".join(str(photo.pk) for photo in photos)
    return f"{reverse('upload_describe')}?photos={ids}"


def _photo_ids(request) -> list[int]:
    raw = request.GET.get("photos", "")
    ids = [int(part) for part in raw.split(",") if part.isdigit() and len(part) < 19]
    if not ids or len(ids) > MAX_DESCRIBED:
        raise Http404(_("No photos to describe."))
    return ids


@login_required
@require_http_methods(["GET", "POST"])
def upload_describe(request):
    """Alt text for each of several photos of the owner's, e.g. those just uploaded."""
    photos = photos_owned_by(request.user, _photo_ids(request))
    if not photos:
        raise Http404(_("No photos to describe."))
    form = AltTextsForm(request.POST or None, photos=photos)
    if request.method == "POST" and form.is_valid():
        try:
            photo_alt_texts_set(actor=request.user, alt_texts=form.alt_texts())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The alt texts are saved."))
            return redirect("profile", username=request.user.username)
    status = 400 if form.errors else 200
    return render(request, "photos/describe.html", {"form": form}, status=status)
