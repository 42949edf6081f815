"""The photo page and the owner's edit and delete pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from consent.metadata import ConsentState
from consent.signals_http import consent_headers
from core.errors import ServiceError
from core.geo import viewer_country
from photos.selectors import photo_owned_by, photo_withheld_for
from photos.services import photo_delete, photo_update
from web.forms import PhotoFieldsForm
from web.grid_cache import lazy
from web.open_web import robots_choice, robots_for
from web.photo_context import photo_context, photo_links
from web.photo_parts import comment_controls, photo_and_parts, photo_key, thread_of


def _owned(user, photo_id: int):
    photo = photo_owned_by(user, photo_id)
    if photo is None:
        raise Http404(_("No such photo."))
    return photo


@require_GET
@robots_choice
def photo_page(request, photo_id: int):
    return render_photo_page(request, photo_id)


def render_photo_page(request, photo_id: int, comment_form=None, status: int = 200):
    """Also used by the comment view to show a refused comment with its error. The shared
    parts are one cache entry (web/photo_parts.py): tags and comments are read only to
    render them, or the thread for a viewer with a delete button in it."""
    photo, parts, refused = _shown_photo(request, photo_id)
    if refused:
        return refused
    robots_for(request, photo.owner)
    context = {
        "photo": photo,
        "parts": parts,
        "comments": lazy(lambda: thread_of(photo)),
        "comment_controls": comment_controls(request, photo, parts),
        "comment_form": comment_form,  # a refused one; the unbound form is in the parts
        "is_owner": photo.owner_id == request.user.pk,
        **photo_links(photo_context(request), photo),
    }
    response = render(request, "photos/photo.html", context, status=status)
    return _with_consent_signals(request, response, parts)


@require_GET
@robots_choice
def photo_large(request, photo_id: int):
    """The photo alone on a dark page, as large as the screen allows (the 2000 px
    rendition on a large screen), with the previous and next photo of the list it was
    opened from; a page of its own, so it works without JavaScript."""
    photo, parts, refused = _shown_photo(request, photo_id)
    if refused:
        return refused
    robots_for(request, photo.owner)
    context = {"photo": photo, **photo_links(photo_context(request), photo, large=True)}
    response = render(request, "photos/large.html", context)
    return _with_consent_signals(request, response, parts)


def _shown_photo(request, photo_id: int):
    """(photo, parts, None), or a refusal as the third: 404, or 451 where the photo is
    withheld, for its owner too (as its renditions are; elsewhere the owner's page names
    the countries)."""
    photo, parts = photo_and_parts(request, photo_id, photo_key(photo_id))
    if photo is None:
        raise Http404(_("No such photo."))
    country = viewer_country(request)
    if photo_withheld_for(photo, country):
        return None, None, withheld(request, country)
    return photo, parts, None


def _with_consent_signals(request, response, parts):
    policy = request.build_absolute_uri(reverse("tdm_policy"))
    signals = consent_headers(ConsentState(parts["consent"]), policy_url=policy)
    for name, value in signals.items():
        response[name] = value
    return response


def withheld(request, country: str):
    """HTTP 451: withheld in the viewer's country by a decision on a legal ground; the item
    stays available elsewhere (DSA Art. 17(3)(a) territorial scope)."""
    return render(request, "moderation/withheld.html", {"country": country}, status=451)


@login_required
@require_http_methods(["GET", "POST"])
def photo_edit(request, photo_id: int):
    photo = _owned(request.user, photo_id)
    initial = {
        "title": photo.title,
        "description": photo.description,
        "alt_text": photo.alt_text,
        "licence": photo.licence,
        "visibility": photo.visibility,
        "show_location": photo.show_location,
        "tags": " ".join(tag.name for tag in photo.tags.all()),
    }
    form = PhotoFieldsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            photo_update(actor=request.user, photo=photo, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("photo", photo_id=photo.pk)
    status = 400 if form.errors else 200
    return render(request, "photos/edit.html", {"form": form, "photo": photo}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete_view(request, photo_id: int):
    photo = _owned(request.user, photo_id)
    if request.method == "POST":
        photo_delete(actor=request.user, photo=photo)
        messages.success(request, _("The photo and all its files are deleted."))
        return redirect("profile", username=request.user.username)
    return render(request, "photos/delete.html", {"photo": photo})
