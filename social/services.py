"""Writes for follows, favourites and comments. Each checks that the actor may see the
photo it touches: nobody can favourite or comment on what they cannot see."""

from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_can_act, ensure_email_verified
from core.errors import NotFound, PermissionDenied, ServiceError
from core.events import event_record
from notifications.services import notify_comment, notify_favourite, notify_follow
from photos.models import Photo
from photos.selectors import photo_for_viewer
from social.audience_services import (
    ensure_not_blocked,
    follow_request_cancel,
    follow_request_open,
    needs_approval,
    pair_lock,
)
from social.models import COMMENT_MAX_LENGTH, Comment, Favourite, Follow, FollowRequest


def follow_create(*, follower: User, followee: User) -> Follow | FollowRequest:
    """A follow, or a pending FollowRequest when the followee approves their followers
    (social.audience_services.needs_approval). Refused between blocked members."""
    ensure_can_act(follower)
    if follower.pk == followee.pk:
        raise ServiceError(_("You cannot follow yourself."))
    with transaction.atomic():
        pair_lock(follower, followee)
        ensure_not_blocked(actor=follower, other=followee)
        follow = Follow.objects.filter(follower=follower, followee=followee).first()
        if follow is not None:
            return follow
        if needs_approval(followee):
            return follow_request_open(follower=follower, followee=followee)
        follow = Follow.objects.create(follower=follower, followee=followee)
        event_record(kind="follow.created", actor=follower, subject=followee)
        notify_follow(follower=follower, followee=followee)
    return follow


def follow_delete(*, follower: User, followee: User) -> None:
    """Unfollows, or takes back a pending request."""
    with transaction.atomic():
        deleted, _ = Follow.objects.filter(follower=follower, followee=followee).delete()
        if deleted:
            event_record(kind="follow.deleted", actor=follower, subject=followee)
        else:
            follow_request_cancel(follower=follower, followee=followee)


def favourite_add(*, user: User, photo_id: int) -> Favourite:
    ensure_can_act(user)
    photo = _visible_photo(user, photo_id)
    try:
        with transaction.atomic():
            favourite, created = Favourite.objects.get_or_create(user=user, photo=photo)
            if created:
                event_record(kind="favourite.added", actor=user, subject=photo)
                notify_favourite(user=user, photo=photo)
    except IntegrityError:
        favourite = Favourite.objects.get(user=user, photo=photo)
    return favourite


def favourite_remove(*, user: User, photo_id: int) -> None:
    with transaction.atomic():
        deleted, _ = Favourite.objects.filter(user=user, photo_id=photo_id).delete()
        if deleted:
            event_record(kind="favourite.removed", actor=user, data={"photo_id": photo_id})


def comment_post(*, author: User, photo_id: int, body: str) -> Comment:
    ensure_can_act(author)
    ensure_email_verified(author)
    photo = _visible_photo(author, photo_id)
    body = body.strip()
    if not body:
        raise ServiceError(_("A comment cannot be empty."))
    if len(body) > COMMENT_MAX_LENGTH:
        limit = number_format(COMMENT_MAX_LENGTH, force_grouping=True)
        raise ServiceError(_("A comment is limited to %(limit)s characters.") % {"limit": limit})
    with transaction.atomic():
        comment = Comment.objects.create(photo=photo, author=author, body=body)
        event_record(
            kind="comment.posted", actor=author, subject=comment, data={"photo_id": photo.pk}
        )
        notify_comment(comment=comment)
    return comment


def comment_delete(*, actor: User, comment: Comment) -> None:
    """The author, or the owner of the photo, may delete a comment."""
    if actor.pk not in (comment.author_id, comment.photo.owner_id):
        raise PermissionDenied(_("Only the comment’s author or the photo’s owner can delete it."))
    with transaction.atomic():
        event_record(
            kind="comment.deleted",
            actor=actor,
            subject=comment,
            data={"photo_id": comment.photo_id},
        )
        comment.delete()


def _visible_photo(user: User, photo_id: int) -> Photo:
    """A photo hidden by a block is refused with the reason, not as missing."""
    photo = photo_for_viewer(user, photo_id)
    if photo is None:
        owner = User.objects.filter(photos__pk=photo_id).first()
        if owner is not None:
            ensure_not_blocked(actor=user, other=owner)
        raise NotFound(_("No such photo."))
    return photo
