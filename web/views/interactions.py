"""Favourites and comments on a photo page. Each answers with a redirect back to the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import NotFound, ServiceError
from photos.selectors import photo_for_viewer
from social.selectors import comments_on
from social.services import comment_delete, comment_post, favourite_add, favourite_remove
from web.forms import CommentForm
from web.views.photos import render_photo_page


def _visible(user, photo_id: int):
    photo = photo_for_viewer(user, photo_id)
    if photo is None:
        raise Http404(_("No such photo."))
    return photo


def _back(photo_id: int, anchor: str = ""):
    response = redirect("photo", photo_id=photo_id)
    response["Location"] += anchor
    return response


@login_required
@require_POST
def favourite(request, photo_id: int):
    """The service checks that the viewer may see the photo (404 otherwise)."""
    try:
        favourite_add(user=request.user, photo_id=photo_id)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(photo_id, "#favourite")


@login_required
@require_POST
def unfavourite(request, photo_id: int):
    favourite_remove(user=request.user, photo_id=photo_id)
    return _back(photo_id, "#favourite")


@login_required
@require_POST
def comment(request, photo_id: int):
    photo = _visible(request.user, photo_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_post(author=request.user, photo_id=photo.pk, body=form.cleaned_data["body"])
        except ServiceError as error:
            form.add_error("body", error.message)
        else:
            return _back(photo.pk, "#comments")
    return render_photo_page(request, photo.pk, comment_form=form, status=400)


@login_required
@require_POST
def comment_remove(request, photo_id: int, comment_id: int):
    photo = _visible(request.user, photo_id)
    found = comments_on(photo).select_related("photo").filter(pk=comment_id).first()
    if found is None:
        raise Http404(_("No such comment."))
    try:
        comment_delete(actor=request.user, comment=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The comment is deleted."))
    return _back(photo.pk, "#comments")
