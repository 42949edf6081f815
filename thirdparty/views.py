"""The user's own third-party apps: authorised apps with scopes, last use, access log and
revocation (/settings/apps/), registering an app, and the OAuth authorisation page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from oauth2_provider.views import AuthorizationView

from core.errors import ServiceError
from thirdparty.forms import AppRegisterForm
from thirdparty.scopes import all_scopes
from thirdparty.selectors import (
    access_log_of,
    apps_registered_by,
    authorisation_of,
    authorisations_of,
)
from thirdparty.services import app_register, authorisation_revoke
from web.keyset_pagination import old_page_links, paged


class AuthorisePage(AuthorizationView):
    """django-oauth-toolkit's authorisation endpoint with Candid's page: each scope the
    app asks for is named and explained before the user decides."""

    template_name = "thirdparty/authorize.html"

    def get_context_data(self, **kwargs):
        """django-oauth-toolkit passes the descriptions from settings (English); the page
        shows them in the reader's language."""
        context = super().get_context_data(**kwargs)
        described = all_scopes()
        context["scopes_descriptions"] = [
            described.get(scope, scope) for scope in context.get("scopes", [])
        ]
        return context

    def render_to_response(self, context, **kwargs):
        """The consent form's answer redirects to the app's redirect URI, which browsers
        check against the Content-Security-Policy's form-action ('self' elsewhere). This
        page alone adds that URI's origin, and only one oauthlib has matched against the
        app's registration (set while a GET is validated, never from a POST body)."""
        response = super().render_to_response(context, **kwargs)
        redirect_uri = getattr(self, "oauth2_data", {}).get("redirect_uri")
        if redirect_uri:
            parts = urlsplit(redirect_uri)
            response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}
        return response


@login_required
def apps(request):
    context = {
        "authorisations": authorisations_of(request.user),
        "registered": apps_registered_by(request.user),
        "scopes": all_scopes(),
    }
    return render(request, "thirdparty/apps.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def app_new(request):
    """The client secret is rendered in the POST answer only: it is stored hashed."""
    form = AppRegisterForm(request.POST or None)
    context = {"form": form, "created": None, "secret": ""}
    if request.method == "POST" and form.is_valid():
        try:
            app, secret = app_register(owner=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            context.update(created=app, secret=secret)
    response = render(
        request, "thirdparty/app_new.html", context, status=400 if form.errors else 200
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@old_page_links
def app_log(request, app_id: int):
    """What one app read or changed for the user, newest first."""
    authorisation = authorisation_of(request.user, app_id)
    if authorisation is None:
        raise Http404(_("You have not authorised that app."))
    entries = access_log_of(request.user, application_id=app_id)
    context = {
        "authorisation": authorisation,
        "page": paged(request, entries, per_page=50),
        "keep_days": settings.CANDID_ACCESS_LOG_DAYS,
    }
    return render(request, "thirdparty/app_log.html", context)


@login_required
@require_POST
def app_revoke(request, app_id: int):
    authorisation = authorisation_of(request.user, app_id)
    if authorisation is None or not authorisation.is_active:
        raise Http404(_("You have not authorised that app."))
    authorisation_revoke(user=request.user, authorisation=authorisation)
    messages.success(
        request,
        _("“%(name)s” can no longer use your account: its tokens are revoked.")
        % {"name": authorisation.application.name},
    )
    return redirect("apps")
