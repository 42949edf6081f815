"""'Am I in a dataset?' for people on other servers: they give their address, Candid sends
that account a private note with a capability link, the link shows their report
(federation/dataset_requests.py)."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from federation.capabilities import capability_subject
from federation.dataset_requests import PURPOSE, dataset_link_send, dataset_report
from federation.fetch import FetchRefused
from federation.models import RemoteActor
from federation.selectors import federation_enabled
from web.forms import PlainTextForm
from web.ratelimits import limit_posts, posted

TOO_MANY_FOR_ONE_ACCOUNT = gettext_lazy(
    "A link was already sent to this account several times in the last hour. Please look "
    "for it in that account's direct messages, or wait a while and ask again."
)


class AddressForm(PlainTextForm, forms.Form):
    address = forms.CharField(
        label=gettext_lazy("Your address on the other server (like @name@server.example)"),
        max_length=300,
    )


@limit_posts("dataset-check-fediverse", "CANDID_LOOKUP_RATE")
@limit_posts(  # nobody can make Candid send one account note after note
    "dataset-check-fediverse-address",
    "CANDID_FEDIVERSE_LINK_RATE",
    key=posted("address"),
    message=TOO_MANY_FOR_ONE_ACCOUNT,
)
@require_http_methods(["GET", "POST"])
def fediverse_dataset_request(request):
    if not federation_enabled():
        raise Http404(_("This server does not federate."))
    form = AddressForm(request.POST or None)
    context, status = {"form": form}, 200
    if request.method == "POST" and form.is_valid():
        try:
            actor = dataset_link_send(address=form.cleaned_data["address"])
            context["sent_to"] = actor.address
        except FetchRefused:
            form.add_error("address", _("No account found at this address."))
            status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "federation/dataset_request.html", context, status=status)


@require_http_methods(["GET"])
def fediverse_dataset_report(request, token: str):
    uri = capability_subject(purpose=PURPOSE, token=token)
    actor = RemoteActor.objects.filter(uri=uri).first() if uri else None
    if actor is None:
        raise Http404(_("This link is not valid or has expired: ask again for a new one."))
    response = render(request, "federation/dataset_report.html", dataset_report(actor))
    response["X-Robots-Tag"] = "noindex, nofollow, noai, noimageai"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak through links
    return response
