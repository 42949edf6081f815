"""'Your data': ask for an export of everything (GDPR Art. 15, 20) and download it for
7 days; ask for the account to be deleted (Art. 17) and cancel within the grace period.
Open to suspended and terminated accounts too."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.errors import NotFound, ServiceError
from rights.selectors import (
    erasure_of,
    erasure_pending,
    export_archive_open,
    export_for_download,
    exports_of,
)
from rights.services.erasure import erasure_cancel, erasure_request, grace_days
from rights.services.exports import EXPORT_DAYS, export_request
from web.forms_settings import ErasureConfirmForm

LIST_LIMIT = 20


@login_required
@require_GET
def your_data(request):
    return _your_data_page(request, ErasureConfirmForm(username=request.user.username))


def _your_data_page(request, erasure_form, status: int = 200):
    context = {
        "exports": list(exports_of(request.user)[:LIST_LIMIT]),
        "erasure": erasure_pending(request.user),
        "erasure_form": erasure_form,
        "export_days": EXPORT_DAYS,
        "grace_days": grace_days(),
    }
    response = render(request, "rights/your_data.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def export_new(request):
    try:
        export_request(actor=request.user, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your export is being prepared. It appears below when ready."))
    return redirect("your_data")


@login_required
@require_GET
def export_download(request, token: str):
    """The link is the owner's only and works for 7 days; any other use answers why."""
    try:
        export = export_for_download(user=request.user, token=token)
    except ServiceError as error:
        context = {"message": error.message}
        return render(request, "rights/download_refused.html", context, status=error.status)
    filename = f"candid-{request.user.username}-{export.finished_at:%Y%m%d}.zip"
    response = FileResponse(
        _archive(export), as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def erasure_new(request):
    form = ErasureConfirmForm(request.POST, username=request.user.username)
    if not form.is_valid():
        return _your_data_page(request, form, status=400)  # says what is missing, at the box
    try:
        erasure = erasure_request(actor=request.user, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        when = date_format(erasure.scheduled_for, "DATETIME_FORMAT")
        messages.success(
            request,
            _("Your account will be deleted on %(when)s. You can cancel.") % {"when": when},
        )
    return redirect("your_data")


@login_required
@require_POST
def erasure_cancel_view(request, request_id: int):
    erasure = erasure_of(request.user, request_id)
    if erasure is None:
        raise Http404(_("No such deletion request."))
    try:
        erasure_cancel(actor=request.user, request=erasure)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your account will not be deleted."))
    return redirect("your_data")


def _archive(export):
    try:
        return export_archive_open(export)
    except NotFound as missing:
        raise Http404(missing.message) from missing
