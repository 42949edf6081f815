"""One action withdraws consent for a photo, an album or the whole account: every purpose
refused, and every licensee of an earlier release that held any of the photos is sent a
deletion notice. The owner then follows the acknowledgements on the withdrawals page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from consent.selectors.consent import withdrawal_photos
from consent.services.consent import consent_withdraw
from core.errors import ServiceError
from photos.selectors import albums_visible_to
from web.forms import PlainTextForm


class WithdrawForm(PlainTextForm, forms.Form):
    scope = forms.ChoiceField(
        label=_("Withdraw consent for"),
        widget=forms.RadioSelect,
        choices=[
            ("account", _("My whole account (all photos, now and future)")),
            ("album", _("One album")),
            ("photo", _("One photo")),
        ],
    )
    album = forms.ChoiceField(label=_("Album"), required=False)
    photo = forms.IntegerField(label=_("Photo number"), required=False, min_value=1)

    def __init__(self, *args, albums=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["album"].choices = [("", "—")] + [(str(a.pk), a.title) for a in albums]


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request):
    albums = list(albums_visible_to(request.user).filter(owner=request.user))
    form = WithdrawForm(request.POST or None, albums=albums)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            object_id = int(data["album"] or 0) if data["scope"] == "album" else data["photo"]
            photos = withdrawal_photos(user=request.user, scope=data["scope"], object_id=object_id)
            withdrawn = consent_withdraw(actor=request.user, photos=photos)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Consent withdrawn for %(count)s photo. Every licensee that received it "
                    "is told to delete it.",
                    "Consent withdrawn for %(count)s photos. Every licensee that received them "
                    "is told to delete them.",
                    len(withdrawn),
                )
                % {"count": len(withdrawn)},
            )
            return redirect("consent_withdrawals")
    status = 400 if form.errors else 200
    return render(request, "consent/withdraw.html", {"form": form}, status=status)
