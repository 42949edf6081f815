"""Settings, Account: the password, the e-mail address (changed only through a link
mailed to the new one), and links to the sessions and the second factor."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.email_change import (
    email_change_cancel,
    email_change_confirm,
    email_change_request,
)
from accounts.passwords import password_change
from accounts.sessions import session_rekeyed
from accounts.verification import VERIFY_DAYS, VerificationRefused
from core.errors import ServiceError
from web.forms_settings import EmailChangeForm, SettingsPasswordForm
from web.ratelimits import (
    TOO_MANY_EMAIL_CHANGES,
    TOO_MANY_PASSWORD_CHANGES,
    limit_posts,
    per_account,
)


def _page(request, *, password_form=None, email_form=None):
    context = {
        "password_form": password_form or SettingsPasswordForm(request.user),
        "email_form": email_form or EmailChangeForm(),
        "days": VERIFY_DAYS,
    }
    failed = bool(password_form or email_form)
    response = render(request, "settings/account.html", context, status=400 if failed else 200)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def account_settings(request):
    return _page(request)


@login_required
@limit_posts(
    "password-change",
    "CANDID_PASSWORD_CHANGE_RATE",
    key=per_account,
    message=TOO_MANY_PASSWORD_CHANGES,
)
@require_POST
def password_change_view(request):
    form = SettingsPasswordForm(request.user, request.POST)
    if not form.is_valid():
        return _page(request, password_form=form)
    old_key = request.session.session_key
    try:
        ended = password_change(
            user=request.user,
            new_password=form.cleaned_data["new_password1"],
            keep_session_key=old_key,
        )
    except ServiceError as error:
        form.add_error("new_password1", error.message)
        return _page(request, password_form=form)
    update_session_auth_hash(request, request.user)  # this browser stays signed in
    session_rekeyed(old_key=old_key, new_key=request.session.session_key)
    messages.success(request, _password_changed(ended))
    return redirect("account_settings")


def _password_changed(ended: int) -> str:
    return ngettext(
        "Your password is changed. %(count)d other session was signed out.",
        "Your password is changed. %(count)d other sessions were signed out.",
        ended,
    ) % {"count": ended}


@login_required
@limit_posts(
    "email-change", "CANDID_EMAIL_CHANGE_RATE", key=per_account, message=TOO_MANY_EMAIL_CHANGES
)
@require_POST
def email_change_view(request):
    form = EmailChangeForm(request.POST)
    if not form.is_valid():
        return _page(request, email_form=form)
    try:
        email_change_request(
            user=request.user,
            new_email=form.cleaned_data["new_email"],
            password=form.cleaned_data["password"],
            language=request.LANGUAGE_CODE,
        )
    except ServiceError as error:
        form.add_error(None, error.message)
        return _page(request, email_form=form)
    messages.success(
        request,
        _(
            "We sent a link to %(email)s. Your address changes when you open it; until then "
            "it stays %(old)s."
        )
        % {"email": request.user.email_pending, "old": request.user.email or "—"},
    )
    return redirect("account_settings")


@login_required
@require_POST
def email_change_cancel_view(request):
    try:
        email_change_cancel(user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The new address is forgotten; the link sent to it no longer works.")
        )
    return redirect("account_settings")


@login_required
@require_GET
def email_change_confirm_view(request, token: str):
    try:
        user = email_change_confirm(user=request.user, token=token)
    except VerificationRefused as refused:
        context = {"error": refused.message}
        return render(request, "settings/email_change_failed.html", context, status=400)
    messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": user.email})
    return redirect("account_settings")
