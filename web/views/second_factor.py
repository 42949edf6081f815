"""The second factor on the web: the code step of signing in, setting up an
authenticator app (moderators and admins must, before any staff page), and recovery
codes. See web/signin.py for the pending sign-in and accounts/second_factor.py for the
devices."""

from base64 import b32encode

import qrcode
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from qrcode.image.svg import SvgPathImage

from accounts.second_factor import (
    WRONG_CODE,
    method_of,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_check,
    totp_device_confirm,
    totp_device_of,
    totp_device_start,
)
from core.errors import ServiceError
from web.forms_second_factor import CodeForm, SetupCodeForm
from web.ratelimits import limit_posts
from web.signin import next_url, record, signin_finish, signing_in


@limit_posts("login", "LOGIN_RATE")
@require_http_methods(["GET", "POST"])
def verify(request):
    """The code after the password, or for a signed-in session not confirmed yet."""
    user = signing_in(request)
    if user is None:
        return redirect("login")
    if totp_device_of(user) is None:
        return redirect(_with_next(request, "second_factor_setup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_check(user=user, code=form.cleaned_data["code"])
        if device is not None:
            return redirect(signin_finish(request, user, device, method_of(device)))
        if user.has_staff_role:
            record(request, user, outcome="failed", step="second_factor")
        form.add_error("code", str(WRONG_CODE))
    status = 400 if form.errors else 200
    page = render(request, "accounts/second_factor_verify.html", {"form": form}, status=status)
    return _private(page)


@limit_posts("login", "LOGIN_RATE")
@require_http_methods(["GET", "POST"])
def setup(request):
    """A first authenticator: the secret as text and as an otpauth:// link, then a code
    from the app confirms it, signs in (or confirms this session) and shows the recovery
    codes once."""
    user = signing_in(request)
    if user is None:
        return redirect("login")
    if totp_device_of(user) is not None:
        return redirect(_with_next(request, "second_factor_verify"))
    device = totp_device_start(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = totp_device_confirm(user=user, code=form.cleaned_data["code"])
        except ServiceError as error:
            form.add_error("code", error.message)
        else:
            then = signin_finish(request, user, device, method_of(device))
            context = {"codes": codes, "then": then, "first": True}
            return _private(render(request, "accounts/recovery_codes.html", context))
    uri = device.config_url
    context = {"form": form, "secret": _base32(device), "uri": uri, "qr": _qr_svg(uri)}
    status = 400 if form.errors else 200
    return _private(render(request, "accounts/second_factor_setup.html", context, status=status))


@login_required
@require_http_methods(["GET"])
def overview(request):
    """Settings: whether an authenticator is set up and how many recovery codes are left."""
    user = request.user
    context = {"device": totp_device_of(user), "codes_left": recovery_codes_left(user)}
    return render(request, "settings/second_factor.html", context)


@login_required
@require_POST
def renew_codes(request):
    """New recovery codes, only from a session confirmed with the second factor."""
    if not request.user.is_verified():
        return redirect(_with_next(request, "second_factor_verify"))
    codes = recovery_codes_renew(user=request.user)
    context = {"codes": codes, "then": next_url(request, ""), "first": False}
    return _private(render(request, "accounts/recovery_codes.html", context))


def _base32(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(uri: str) -> str:
    """The otpauth:// link as an inline SVG QR code (no script, no external image)."""
    image = qrcode.make(uri, image_factory=SvgPathImage, box_size=20, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - built here, no input markup


def _with_next(request, name: str) -> str:
    wanted = request.GET.get("next", "")
    return reverse(name) + (f"?{urlencode({'next': wanted})}" if wanted else "")


def _private(response):
    """Secrets and codes stay out of every cache."""
    response["Cache-Control"] = "no-store"
    return response
