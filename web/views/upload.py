"""Uploading one or many photos in one form. Each file goes through the upload service on
its own: a refused file is reported by name and stores nothing; the others still land."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ServiceError
from core.uploads import keep_sent_file_names, name_as_sent
from photos.models import Photo
from photos.services import photo_upload
from web.forms import UploadForm
from web.ratelimits import TOO_MANY_UPLOADS, limit_posts, per_account


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
    form = UploadForm(request.POST or None, request.FILES or None)
    results: list[FileResult] = []
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        results = [
            _upload_one(request.user, f, name_as_sent(request, f), fields)
            for f in form.cleaned_data["files"]
        ]
        uploaded = [r.photo for r in results if r.photo]
        if len(uploaded) == len(results):
            noun = "photo" if len(uploaded) == 1 else "photos"
            messages.success(request, f"{len(uploaded)} {noun} uploaded.")
            if len(uploaded) == 1:
                return redirect("photo", photo_id=uploaded[0].pk)
            return redirect("profile", username=request.user.username)
    failed = form.errors or any(r.error for r in results)
    context = {"form": form, "results": results, "any_uploaded": any(r.photo for r in results)}
    return render(request, "photos/upload.html", context, status=400 if failed else 200)
