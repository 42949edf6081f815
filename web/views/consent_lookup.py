"""'Am I in a dataset?' pages (public) and depicted-person requests: the form on each
photo (public) and the staff list and decision page."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from consent.lookup.upload import in_memory_uploads, too_large_message
from consent.models.lookup import DepictedRequest
from consent.selectors.depicted import depicted_request_for_staff, depicted_requests_for_staff
from consent.selectors.lookup import lookup_image, lookup_photo, lookup_username
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from core.errors import NotFound, ServiceError
from federation.selectors import federation_enabled
from photos.selectors import photo_for_viewer
from web.forms import PlainTextForm
from web.ratelimits import TOO_MANY_DEPICTED, limit_posts
from web.views.moderation_common import moderator_required


class DepictedForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("Email (for the answer)"))
    relation = forms.ChoiceField(label=_("Relation"), choices=DepictedRequest.Relation.choices)
    wants_removal = forms.BooleanField(
        required=False, label=_("Also ask for removal (where the law gives me a right to it)")
    )
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        label=_("Anything staff should know (optional)"),
    )


class DecideForm(PlainTextForm, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("approve", _("Approve the exclusion")), ("reject", _("Reject"))],
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


@require_http_methods(["GET"])
def dataset_check(request):
    by, query = request.GET.get("by", ""), request.GET.get("q", "")
    context = {"by": by, "query": query, "fediverse": federation_enabled()}
    try:
        if by == "username" and query:
            context["result"] = lookup_username(viewer=request.user, username=query)
        elif by == "photo" and query:
            context["result"] = lookup_photo(viewer=request.user, link=query)
    except ServiceError as error:
        context["error"] = error.message
    status = 400 if "error" in context else 200
    return render(request, "consent/lookup/check.html", context, status=status)


@csrf_exempt
@limit_posts("dataset-check-image", "CANDID_LOOKUP_RATE")
@require_http_methods(["POST"])
@in_memory_uploads
@csrf_protect
def dataset_check_image(request):
    """The uploaded image is read from memory and never written anywhere."""
    upload = request.FILES.get("image")
    context = {"by": "image"}
    try:
        if request.lookup_upload_too_large:
            raise ServiceError(too_large_message())
        if upload is None:
            raise ServiceError(gettext("Choose an image to check."))
        context["result"] = lookup_image(viewer=request.user, fileobj=upload)
    except ServiceError as error:
        context["error"] = error.message
    finally:
        if upload is not None:
            upload.close()
    status = 400 if "error" in context else 200
    return render(request, "consent/lookup/check.html", context, status=status)


@limit_posts("depicted", "CANDID_DEPICTED_RATE", message=TOO_MANY_DEPICTED)  # one budget with API
@require_http_methods(["GET", "POST"])
def depicted_new(request, photo_id: int):
    """Each request mails the requester, the owner and all staff, so POSTs are limited per
    client address, before anything is looked up or stored."""
    photo = photo_for_viewer(request.user, photo_id)
    if photo is None:
        raise Http404(gettext("No such photo."))
    initial = (
        {"email": request.user.email, "name": request.user.name}
        if request.user.is_authenticated
        else {}
    )
    form = DepictedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = depicted_request_submit(photo=photo, requester=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return render(request, "consent/lookup/depicted_sent.html", {"req": made})
    status = 400 if form.errors else 200
    return render(
        request, "consent/lookup/depicted_form.html", {"form": form, "photo": photo}, status=status
    )


@moderator_required
def depicted_list(request):
    state = request.GET.get("state", "open")
    rows = depicted_requests_for_staff(request.user, state=state or None)
    return render(request, "consent/lookup/depicted_list.html", {"rows": rows, "state": state})


@moderator_required
@require_http_methods(["GET", "POST"])
def depicted_detail(request, request_id: int):
    try:
        req = depicted_request_for_staff(request.user, request_id)
    except NotFound as error:
        raise Http404(error.message) from None
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            depicted_request_decide(
                actor=request.user,
                request=req,
                approve=form.cleaned_data["outcome"] == "approve",
                reasons=form.cleaned_data["reasons"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, gettext("Decided; the requester has been told."))
            return redirect("depicted_list")
    status = 400 if form.errors else 200
    return render(
        request, "consent/lookup/depicted_detail.html", {"req": req, "form": form}, status=status
    )
