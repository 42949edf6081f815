"""Uploading one or many photos. Each file goes through the upload service on its own: a
refused file is reported by name and stores nothing; the others still land.

Without JavaScript, all files come in one form post; several photos are then titled and
described one by one on the describe page. With it (static/js/upload.js), the same view
takes one file per request, with that file's own title, description, alt text and tags,
and answers JSON that the page shows beside the file's preview."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.upload_defaults import upload_defaults_for
from core.errors import ServiceError
from core.upload_limits import UploadTooLarge
from core.uploads import keep_sent_file_names, name_as_sent
from photos.models import Photo
from photos.selectors import album_owned_by, photos_owned_by
from photos.services import photo_upload, photos_describe
from web.forms_upload import DescribeForm, UploadForm
from web.ratelimits import TOO_MANY_UPLOADS, limit_posts, per_account

MAX_DESCRIBED = 100
SHARED = ("description", "alt_text", "licence", "visibility", "show_location")


@dataclass
class FileResult:
    name: str
    photo: Photo | None = None
    error: str = ""
    status: int = 200

    def as_json(self) -> dict:
        if self.photo is None:
            return {"name": self.name, "ok": False, "error": self.error}
        url = reverse("photo", kwargs={"photo_id": self.photo.pk})
        return {"name": self.name, "ok": True, "title": self.photo.title, "url": url}


def _upload_one(owner, file, filename: str, fields: dict) -> FileResult:
    try:
        photo = photo_upload(owner=owner, file=file, filename=filename, size=file.size, **fields)
    except ServiceError as error:
        return FileResult(name=file.name, error=error.message, status=error.status)
    return FileResult(name=file.name, photo=photo)


def _fields_of_each(request, form: UploadForm, count: int) -> list[dict]:
    """What each file is stored with: the shared fields, the tags of all and of this file,
    and a title of its own (a typed title numbered when there are several files)."""
    data = form.cleaned_data
    album_id = form.album_id()
    album = album_owned_by(request.user, album_id) if album_id else None
    shared = {name: data[name] for name in SHARED}
    shared.update(tags=f"{data['tags']} {data['file_tags']}", album=album, title_from_file=True)
    title = data["title"].strip()
    if count == 1 or not title:
        return [{**shared, "title": title} for _ in range(count)]
    return [{**shared, "title": f"{title} {number}"} for number in range(1, count + 1)]


def _upload_all(request, form: UploadForm) -> list[FileResult]:
    files = form.cleaned_data["files"]
    each = _fields_of_each(request, form, len(files))
    return [
        _upload_one(request.user, file, name_as_sent(request, file), fields)
        for file, fields in zip(files, each, strict=True)
    ]


@login_required
@limit_posts("uploads", "CANDID_UPLOAD_RATE", key=per_account, message=TOO_MANY_UPLOADS)
@require_http_methods(["GET", "POST"])
@keep_sent_file_names
def upload(request):
    initial = upload_defaults_for(request.user).initial()
    form = UploadForm(
        request.POST or None, request.FILES or None, initial=initial, owner=request.user
    )
    if request.method == "POST" and "application/json" in request.headers.get("Accept", ""):
        return _upload_answer(request, form)
    results: list[FileResult] = []
    if request.method == "POST" and form.is_valid():
        results = _upload_all(request, form)
        uploaded = [r.photo for r in results if r.photo]
        if len(uploaded) == len(results):
            return _uploaded(request, uploaded)
    uploaded = [r.photo for r in results if r.photo]
    context = {
        "form": form,
        "results": results,
        "any_uploaded": bool(uploaded),
        "describe_url": _describe_url(uploaded) if len(uploaded) > 1 else "",
        "too_many_uploads": TOO_MANY_UPLOADS,
        "too_large": UploadTooLarge().message,
        "max_bytes": settings.CANDID_MAX_UPLOAD_BYTES,
    }
    return render(request, "photos/upload.html", context, status=_status(form, results))


def _status(form, results: list[FileResult]) -> int:
    if form.errors:
        return 400
    refused = [r.status for r in results if r.photo is None]
    return max(refused) if refused else 200


def _upload_answer(request, form: UploadForm) -> JsonResponse:
    """The uploader script's request: JSON with each file's outcome."""
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return JsonResponse({"results": [], "errors": errors}, status=400)
    results = _upload_all(request, form)
    body = {"results": [r.as_json() for r in results], "errors": []}
    return JsonResponse(body, status=_status(form, results))


def _uploaded(request, photos: list[Photo]):
    """One photo: its page. Several: the page that asks for each one's title and alt text."""
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
    """Title, description and alt text of each of several photos of the owner's, e.g.
    those just uploaded."""
    photos = photos_owned_by(request.user, _photo_ids(request))
    if not photos:
        raise Http404(_("No photos to describe."))
    form = DescribeForm(request.POST or None, photos=photos)
    if request.method == "POST" and form.is_valid():
        try:
            photos_describe(actor=request.user, changes=form.changes())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your photos are described."))
            return redirect("profile", username=request.user.username)
    status = 400 if form.errors else 200
    return render(request, "photos/describe.html", {"form": form}, status=status)
