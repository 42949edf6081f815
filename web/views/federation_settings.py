"""A member's choice to take part in federation (Mastodon, Pixelfed and other servers)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from federation import addresses
from federation.selectors import federation_enabled, member_findable, member_images_direct
from federation.services import findable_set, images_direct_set


class FederationForm(forms.Form):
    findable = forms.BooleanField(
        label=gettext_lazy("Let people on other servers find and follow me"),
        required=False,
    )


class ImagesForm(forms.Form):
    """Its own form: a POST without `findable` would otherwise mean leaving federation."""

    images_direct = forms.BooleanField(
        label=gettext_lazy("Load images from other servers directly"),
        help_text=gettext_lazy(
            "Loading them directly shows the other server your IP address; through "
            "Candid's proxy, which is the default, it does not."
        ),
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def federation_settings(request):
    user = request.user
    data = request.POST if request.method == "POST" else None  # unticked: an empty POST
    form = FederationForm(data, initial={"findable": member_findable(user)})
    if request.method == "POST" and federation_enabled() and form.is_valid():
        findable_set(user=user, findable=form.cleaned_data["findable"])
        messages.success(request, _("Your federation setting is saved."))
        return redirect("federation_settings")
    context = {
        "form": form,
        "images_form": ImagesForm(initial={"images_direct": member_images_direct(user)}),
        "enabled": federation_enabled(),
        "handle": f"@{user.username}@{addresses.domain()}",
    }
    response = render(request, "settings/federation.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def federation_images(request):
    form = ImagesForm(request.POST)
    if federation_enabled() and form.is_valid():
        images_direct_set(user=request.user, direct=form.cleaned_data["images_direct"])
        messages.success(request, _("Your choice for images from other servers is saved."))
    return redirect("federation_settings")
