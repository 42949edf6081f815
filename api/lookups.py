"""Fetching what an operation acts on, through the selectors. Whatever the caller may not
see answers 404 exactly like what does not exist, so existence never leaks."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_by_username
from core.errors import NotFound, PermissionDenied
from photos.models import Album, Photo
from photos.selectors import albums_visible_to, photo_owned_by, photos_visible_to
from social.models import Comment
from social.selectors import comment_for_viewer, with_favourite_counts


def user_named(username: str) -> User:
    user = user_by_username(username)
    if user is None:
        raise NotFound(_("There is no user “%(username)s”.") % {"username": username})
    return user


def visible_photo(viewer, photo_id: int, *, country: str = "") -> Photo:
    """A visible photo (none withheld in `country`, DSA Art. 17(3)(a)), ready for
    `present_photo`; 404 otherwise."""
    photos = photos_visible_to(viewer, country=country).filter(pk=photo_id)
    photo = presentable(photos, viewer).first()
    if photo is None:
        raise NotFound(_("No such photo."))
    return photo


def photo_to_change(actor, photo_id: int) -> Photo:
    """The photo an edit or deletion names: the caller's own, removed by moderation or not
    (as on the web). Someone else's photo is 404 if the caller may not see it and 403 if
    they may, whether or not the request would change anything (an empty PATCH used to
    answer 200)."""
    own = photo_owned_by(actor, photo_id)
    if own is None:
        visible_photo(actor, photo_id)
        raise PermissionDenied(not_owner_message())
    return presentable(Photo.objects.filter(pk=own.pk), actor).get()


def presentable(photos: QuerySet[Photo], viewer) -> QuerySet[Photo]:
    """Ready for `present_photo` without a query per photo."""
    photos = photos.select_related("owner").prefetch_related("tags", "renditions")
    return with_favourite_counts(photos, viewer)


def visible_album(viewer, album_id: int) -> Album:
    album = albums_visible_to(viewer).filter(pk=album_id).first()
    if album is None:
        raise NotFound(_("No such album."))
    return album


def album_to_change(actor, album_id: int) -> Album:
    """The caller's own album; someone else's is 404 or 403 as for photos."""
    album = visible_album(actor, album_id)
    if album.owner_id != actor.pk:
        raise PermissionDenied(not_owner_message())
    return album


def not_owner_message() -> str:
    return _("Only the owner can change this.")


def visible_comment(viewer, comment_id: int) -> Comment:
    comment = comment_for_viewer(viewer, comment_id)
    if comment is None:
        raise NotFound(_("No such comment."))
    return comment
