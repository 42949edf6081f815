"""One action withdraws consent for a photo, an album or the whole account: every purpose
refused, and every licensee of an earlier release that held any of the photos is sent a
deletion notice. The owner then follows the acknowledgements on the withdrawals page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from consent.services import consent_withdraw
from core.errors import ServiceError
from photos.selectors import album_photos, albums_visible_to, photo_owned_by


class WithdrawForm(forms.Form):
    scope = forms.ChoiceField(
        label="Withdraw consent for",
        widget=forms.RadioSelect,
        choices=[
            ("account", "My whole account (all photos, now and future)"),
            ("album", "One album"),
            ("photo", "One photo"),
        ],
    )
    album = forms.ChoiceField(label="Album", required=False)
    photo = forms.IntegerField(label="Photo number", required=False, min_value=1)

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
            photos = _photos_for(request.user, form.cleaned_data, albums)
            withdrawn = consent_withdraw(actor=request.user, photos=photos)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"Consent withdrawn for {len(withdrawn)} photo(s). "
                "Every licensee that received them is told to delete.",
            )
            return redirect("consent_withdrawals")
    status = 400 if form.errors else 200
    return render(request, "consent/withdraw.html", {"form": form}, status=status)


def _photos_for(user, data: dict, albums: list):
    if data["scope"] == "account":
        return None
    if data["scope"] == "album":
        album = next((a for a in albums if str(a.pk) == data["album"]), None)
        if album is None:
            raise ServiceError("Choose one of your albums.")
        return list(album_photos(album, user))
    photo = photo_owned_by(user, data["photo"] or 0)
    if photo is None:
        raise ServiceError("Give the number of one of your photos (it is in the photo's link).")
    return [photo]
