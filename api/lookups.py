"""Fetching what an operation acts on, through the selectors. Whatever the caller may not
see answers 404 exactly like what does not exist, so existence never leaks."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.selectors import user_by_username
from core.errors import NotFound
from photos.models import Album, Photo
from photos.selectors import albums_visible_to, photos_visible_to
from social.models import Comment
from social.selectors import comment_for_viewer, with_favourite_counts


def user_named(username: str) -> User:
    user = user_by_username(username)
    if user is None:
        raise NotFound(f"There is no user “{username}”.")
    return user


def photos_shown_to(viewer) -> QuerySet[Photo]:
    """Visible photos, ready for `present_photo` without a query per photo."""
    return with_favourite_counts(photos_visible_to(viewer), viewer).prefetch_related(
        "tags", "renditions"
    )


def visible_photo(viewer, photo_id: int) -> Photo:
    photo = photos_shown_to(viewer).filter(pk=photo_id).first()
    if photo is None:
        raise NotFound("No such photo.")
    return photo


def visible_album(viewer, album_id: int) -> Album:
    album = albums_visible_to(viewer).filter(pk=album_id).first()
    if album is None:
        raise NotFound("No such album.")
    return album


def visible_comment(viewer, comment_id: int) -> Comment:
    comment = comment_for_viewer(viewer, comment_id)
    if comment is None:
        raise NotFound("No such comment.")
    return comment
