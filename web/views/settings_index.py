"""The settings page (every section, a summary and a link) and Settings, Defaults."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.upload_defaults import upload_defaults_for, upload_defaults_set
from core.errors import ServiceError
from photos.licences import LICENCES
from photos.models import Visibility
from web.forms_settings import UploadDefaultsForm


@login_required
@require_GET
def settings_index(request):
    defaults = upload_defaults_for(request.user)
    context = {
        "defaults": defaults,
        "licence": LICENCES[defaults.licence].shown_name,
        "visibility": Visibility(defaults.visibility).label,
    }
    return render(request, "settings/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload_defaults(request):
    initial = upload_defaults_for(request.user).initial()
    form = UploadDefaultsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            upload_defaults_set(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your defaults are saved. New uploads start with them."))
            return redirect("upload_defaults")
    status = 400 if form.errors else 200
    return render(request, "settings/defaults.html", {"form": form}, status=status)
