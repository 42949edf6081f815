"""Confirming a new member's e-mail address (accounts/verification.py): the link from the
mail, the "check your inbox" page, and asking for a new link (rate-limited per account)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.verification import (
    VERIFY_DAYS,
    VerificationRefused,
    email_verification_send,
    email_verify,
)
from core.errors import ServiceError
from web.ratelimits import limit_posts, per_account

TOO_MANY_LINKS = gettext_lazy(
    "You asked for several links in a short time. Please wait a while; the links already "
    "sent still work, so check your inbox and spam folder."
)


@require_GET
def verify(request, token: str):
    try:
        user = email_verify(token=token)
    except VerificationRefused as refused:
        context = {"error": refused.message, "expired": refused.expired}
        return render(request, "accounts/verify_failed.html", context, status=400)
    messages.success(
        request,
        _("Thank you: %(email)s is confirmed. You can now share photos.") % {"email": user.email},
    )
    return redirect("upload" if request.user.is_authenticated else "login")


@login_required
@require_GET
def sent(request):
    context = {"email": request.user.email, "days": VERIFY_DAYS}
    return render(request, "accounts/verify_sent.html", context)


@login_required
@limit_posts("verify-resend", "CANDID_VERIFY_RESEND_RATE", key=per_account, message=TOO_MANY_LINKS)
@require_POST
def resend(request):
    try:
        email_verification_send(user=request.user, language=request.LANGUAGE_CODE)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("A new link is on its way to %(email)s.") % {"email": request.user.email}
        )
    return redirect("email_verify_sent")
