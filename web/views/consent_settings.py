"""A member's consent: account-wide settings, per-photo overrides, history and receipts."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from consent.models import Purpose
from consent.selectors.consent import (
    account_consents,
    consent_history,
    consent_state,
    photo_overrides,
)
from consent.services.consent import account_consents_update, photo_consents_update, receipt_for
from core.errors import ServiceError
from photos.selectors import photo_owned_by
from web.forms_consent import AccountConsentForm, PhotoConsentForm
from web.keyset_pagination import old_page_links, paged

_INITIAL = {None: "inherit", True: "allowed", False: "refused"}


@login_required
@require_http_methods(["GET", "POST"])
@old_page_links
def consent_settings(request):
    data = request.POST if request.method == "POST" else None  # all unticked: an empty POST
    form = AccountConsentForm(data, initial=account_consents(request.user))
    if request.method == "POST" and form.is_valid():
        account_consents_update(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your consent settings are saved."))
        return redirect("consent_settings")
    history = consent_history(request.user).select_related("changed_by")
    context = {
        "form": form,
        "page": paged(request, history),
    }
    response = render(request, "consent/settings.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def consent_receipt(request, change_id: int):
    """The receipt of one change, as JSON: its hash ties it into the user's consent log."""
    change = consent_history(request.user).filter(pk=change_id).first()
    if change is None:
        raise Http404(_("No such consent change."))
    body = json.dumps({"candid_consent_receipt": 1, **receipt_for(change)}, indent=2)
    response = HttpResponse(body + "\n", content_type="application/json")
    name = f"candid-consent-receipt-{change.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def photo_consent(request, photo_id: int):
    photo = photo_owned_by(request.user, photo_id)
    if photo is None:
        raise Http404(_("No such photo."))
    initial = {purpose: _INITIAL[value] for purpose, value in photo_overrides(photo).items()}
    form = PhotoConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            photo_consents_update(actor=request.user, photo=photo, choices=form.overrides())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("This photo's consent settings are saved."))
            return redirect("photo_consent", photo_id=photo.pk)
    context = {
        "form": form,
        "photo": photo,
        "rows": _effective_rows(photo, request.user),
    }
    return render(request, "consent/photo.html", context, status=400 if form.errors else 200)


def _effective_rows(photo, user) -> list[dict]:
    effective, account = consent_state(photo), account_consents(user)
    return [
        {"label": label, "allowed": effective[purpose], "account": account[purpose]}
        for purpose, label in Purpose.choices
    ]
