"""Dataset releases and licensees (staff), the owner's "where did my photos go" page, and
the acknowledgement page a licensee's deletion-notice email links to."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from consent.models import Purpose
from consent.notify.deletion_notices import notice_from_ack_token
from consent.selectors.licensees import (
    deliveries_of,
    licensees_all,
    notice_get,
    withdrawals_of,
)
from consent.selectors.releases import (
    dataset_get,
    datasets_all,
    licences_fitting,
    release_get,
    release_items,
    releases_of,
)
from consent.services.deletion_notices import deletion_notice_acknowledge
from consent.services.licensees import licensee_add
from consent.services.releases import (
    dataset_create,
    release_build,
    release_publish,
    release_withdraw,
)
from core.errors import ServiceError
from web.forms import PlainTextForm
from web.views.moderation_common import forbidden, moderator_required

PREVIEW_ROWS = 50


class DatasetForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    commercial = forms.BooleanField(
        label=_("Commercial"), required=False, help_text=_("Excludes NonCommercial licences")
    )
    needs_derivatives = forms.BooleanField(
        label=_("Needs derivatives"),
        required=False,
        help_text=_("Excludes NoDerivatives licences"),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=5000
    )


class LicenseeForm(PlainTextForm, forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    terms = forms.CharField(label=_("Terms"), widget=forms.Textarea, max_length=20000)
    datasets = forms.ModelMultipleChoiceField(label=_("Datasets"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datasets"].queryset = datasets_all()


@moderator_required
@require_http_methods(["GET", "POST"])
def datasets(request):
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = dataset_create(actor=request.user, **form.cleaned_data)
            return redirect("consent_dataset", dataset.pk)
        except ServiceError as error:
            form.add_error(None, error.message)
    context = {"datasets": datasets_all(), "form": form}
    return render(request, "consent/datasets/list.html", context)


@moderator_required
def dataset_page(request, dataset_id: int):
    dataset = dataset_get(dataset_id) or _missing()
    context = {
        "dataset": dataset,
        "releases": releases_of(dataset),
        "licences": licences_fitting(dataset),
    }
    return render(request, "consent/datasets/dataset.html", context)


@moderator_required
@require_POST
def dataset_build(request, dataset_id: int):
    dataset = dataset_get(dataset_id) or _missing()
    try:
        release = release_build(actor=request.user, dataset=dataset)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("consent_dataset", dataset.pk)
    if release.withdrawn_meanwhile:
        messages.info(request, _withdrawn_meanwhile(release.withdrawn_meanwhile))
    return redirect("consent_release", release.pk)


def _withdrawn_meanwhile(count: int) -> str:
    return ngettext(
        "%(count)d photo was left out: its consent was withdrawn while the release was built.",
        "%(count)d photos were left out: their consent was withdrawn while the release was built.",
        count,
    ) % {"count": count}


@moderator_required
def release_page(request, release_id: int):
    release = release_get(release_id) or _missing()
    context = {
        "release": release,
        "rows": release_items(release)[:PREVIEW_ROWS],
        "deliveries": deliveries_of(release)[:200],
        "notices": release.notices.select_related("licensee")[:200],
    }
    return render(request, "consent/datasets/release.html", context)


@moderator_required
@require_POST
def release_move(request, release_id: int, action: str):
    release = release_get(release_id) or _missing()
    service = {"publish": release_publish, "withdraw": release_withdraw}.get(action)
    if service is None:
        raise Http404(gettext("No such action."))
    try:
        service(actor=request.user, release=release)
    except ServiceError as error:
        return forbidden(request, error.message)
    return redirect("consent_release", release.pk)


@moderator_required
@require_http_methods(["GET", "POST"])
def licensees(request):
    form, secret = LicenseeForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = licensee_add(actor=request.user, **form.cleaned_data)
            form = LicenseeForm()
        except ServiceError as error:
            form.add_error(None, error.message)
    context = {"licensees": licensees_all(), "form": form, "secret": secret}
    return render(request, "consent/datasets/licensees.html", context)


@login_required
def withdrawals(request):
    return render(
        request, "consent/datasets/withdrawals.html", {"photos": withdrawals_of(request.user)}
    )


@require_http_methods(["GET", "POST"])
def notice_ack(request, token: str):
    """The signed link in the email is the licensee's credential for this one notice."""
    notice_id = notice_from_ack_token(token)
    notice = notice_get(notice_id) if notice_id else None
    if notice is None:
        raise Http404(gettext("This acknowledgement link is not valid."))
    error = None
    if request.method == "POST":
        try:
            deletion_notice_acknowledge(licensee=None, notice=notice, via="page")
        except ServiceError as failure:
            error = failure.message
    context = {"notice": notice, "items": notice.items.all(), "error": error}
    return render(request, "consent/datasets/ack.html", context)


def _missing():
    raise Http404(gettext("Not found."))
