"""A member's own settings: profile and personal access tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import tokens_of
from accounts.services import (
    preferences_update,
    profile_update,
    search_indexing_set,
    token_create,
    token_revoke,
)
from core.errors import ServiceError
from web.forms import ProfileForm, TokenForm
from web.ratelimits import TOO_MANY_TOKENS, limit_posts, per_account


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "bio": user.bio,
        "language": user.language,
        "time_zone": user.time_zone,
        "search_noindex": user.search_noindex,
    }
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(
                user=user,
                display_name=form.cleaned_data["display_name"],
                bio=form.cleaned_data["bio"],
                avatar_file=form.cleaned_data["avatar"],
            )
            preferences_update(
                user=user,
                language=form.cleaned_data["language"],
                time_zone=form.cleaned_data["time_zone"],
            )
            search_indexing_set(user=user, noindex=form.cleaned_data["search_noindex"])
        except ServiceError as error:
            form.add_error("avatar", error.message)
        else:
            if user.language:
                translation.activate(user.language)
            messages.success(request, _("Your profile is saved."))
            return redirect("profile", username=user.username)
    status = 400 if form.errors else 200
    return render(request, "settings/profile.html", {"form": form}, status=status)


@login_required
@limit_posts("tokens", "CANDID_TOKEN_RATE", key=per_account, message=TOO_MANY_TOKENS)
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The secret of a new token is rendered in the POST answer only: it is never stored."""
    form = TokenForm(request.POST or None)
    context = {"form": form, "secret": None, "created": None}
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_create(
                user=request.user, second_factor=request.user.is_verified(), **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            context.update(secret=secret, created=token, form=TokenForm())
    context["tokens"] = tokens_of(request.user)
    response = render(request, "settings/tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke_view(request, token_id: int):
    token = tokens_of(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404(_("No such token."))
    token_revoke(user=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens")
