"""'Import an archive': a member loads a Candid export archive (from this or another
instance) into their own account. The request only checks, stores and queues it; the
task worker imports it, and this page shows how far it got, refreshing while it runs."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.errors import ServiceError
from core.upload_limits import limit_words, upload_limit
from rights.selectors import imports_of
from rights.services.imports import archive_import_request

LIST_LIMIT = 10


class ImportForm(forms.Form):
    archive = forms.FileField(
        label=gettext_lazy("Export archive (ZIP)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )


@upload_limit("CANDID_MAX_IMPORT_BYTES")
@login_required
@require_http_methods(["GET", "POST"])
def imports(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            file = form.cleaned_data["archive"]
            archive_import_request(actor=request.user, user=request.user, file=file)
        except ServiceError as error:
            form.add_error("archive", error.message)
        else:
            messages.success(request, _("Your archive is queued for import."))
            return redirect("imports")
    runs = list(imports_of(request.user)[:LIST_LIMIT])
    context = {
        "form": form,
        "runs": runs,
        "live": any(run.state in ("queued", "running") for run in runs),
        "limit": limit_words(settings.CANDID_MAX_IMPORT_BYTES),
    }
    response = render(request, "rights/imports.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response
