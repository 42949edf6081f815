"""Settings → Move in: a member brings a Flickr export (its zips, several, any order), a
Mastodon archive (.tar.gz) or zips of photos with XMP sidecars (told by their content).
Without JavaScript the zips are sent in one form (a small export); static/js/move-in.js
sends each in chunks that resume after a dropped connection (web/views/move_in_chunks.py).
The worker imports it; this page shows the progress and then the summary: what was
skipped and why, favourites and contacts to find again, and the datasets that list the
imported photos, each with a withdrawal request ready to send."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from consent.selectors.origins import imported_in_datasets
from core.errors import ServiceError
from core.upload_limits import limit_words, upload_limit
from rights.selectors import movein_links, movein_problems, moveins_of
from rights.services.movein import movein_request

LIST_LIMIT = 5
SHOWN = 200


class ManyFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class ManyFilesField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(ManyFilesField, self).clean(file, initial) for file in files]


class MoveInForm(forms.Form):
    zips = ManyFilesField(
        label=gettext_lazy("The files of your export"),
        help_text=gettext_lazy(
            "The zip files of a Flickr export, a Mastodon archive (.tar.gz), zip files of "
            "photos with their XMP sidecars, or a Pixelfed export's JSON files."
        ),
        widget=ManyFiles(
            attrs={
                "accept": ".zip,.tar.gz,.tgz,.json,"
                "application/zip,application/gzip,application/json",
                "multiple": True,
            }
        ),
    )
    fetch_media = forms.BooleanField(
        required=False,
        label=gettext_lazy("Fetch the images of a Pixelfed export from your server"),
        help_text=gettext_lazy(
            "A Pixelfed export names its images' addresses only. Tick this to have Candid "
            "fetch each image from there, if your server still serves it; without it, your "
            "posts are only listed with their addresses."
        ),
    )


@upload_limit("CANDID_MAX_IMPORT_BYTES")
@login_required
@require_http_methods(["GET", "POST"])
def move_in(request):
    form = MoveInForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f) for f in form.cleaned_data["zips"]]
        try:
            fetch_media = form.cleaned_data["fetch_media"]
            movein_request(
                actor=request.user, user=request.user, files=files, fetch_media=fetch_media
            )
        except ServiceError as error:
            form.add_error("zips", error.message)
        else:
            messages.success(request, _("Your archive is queued for import."))
            return redirect("move_in")
    response = render(
        request, "rights/move_in.html", _context(request, form), status=400 if form.errors else 200
    )
    response["Cache-Control"] = "no-store"
    return response


def _context(request, form) -> dict:
    runs = list(moveins_of(request.user)[:LIST_LIMIT])
    latest = runs[0] if runs else None
    summary = latest if latest is not None and latest.state == "completed" else None
    return {
        "form": form,
        "runs": runs,
        "live": any(run.state in ("queued", "running") for run in runs),
        "summary": summary,
        "problems": movein_problems(summary, SHOWN) if summary else [],
        "links": movein_links(summary, SHOWN) if summary else [],
        "datasets": imported_in_datasets(request.user) if summary else [],
        "limit": limit_words(settings.CANDID_MAX_IMPORT_BYTES),
    }
