import pytest

from core.errors import NotFound, PermissionDenied, ServiceError
from core.models import Event
from social.models import Comment, Favourite, Follow
from social.services import (
    comment_delete,
    comment_post,
    favourite_add,
    favourite_remove,
    follow_create,
    follow_delete,
)


def test_follow_is_idempotent_and_unfollow_removes_it(alice, bob):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=bob, followee=alice)
    assert Follow.objects.filter(follower=bob, followee=alice).count() == 1
    follow_delete(follower=bob, followee=alice)
    assert not Follow.objects.exists()
    assert Event.objects.filter(kind__startswith="follow.").count() == 2


def test_cannot_follow_yourself(alice):
    with pytest.raises(ServiceError):
        follow_create(follower=alice, followee=alice)


def test_favourite_toggle(alice, bob, upload):
    photo = upload(alice)
    favourite_add(user=bob, photo_id=photo.pk)
    favourite_add(user=bob, photo_id=photo.pk)
    assert Favourite.objects.count() == 1
    favourite_remove(user=bob, photo_id=photo.pk)
    assert Favourite.objects.count() == 0


def test_cannot_favourite_or_comment_on_a_photo_you_cannot_see(alice, bob, upload):
    private = upload(alice, visibility="private")
    with pytest.raises(NotFound):
        favourite_add(user=bob, photo_id=private.pk)
    with pytest.raises(NotFound):
        comment_post(author=bob, photo_id=private.pk, body="hi")
    assert not Favourite.objects.exists() and not Comment.objects.exists()


def test_comment_is_stored_verbatim_and_length_limited(alice, bob, upload):
    photo = upload(alice)
    comment = comment_post(author=bob, photo_id=photo.pk, body="  <b>nice</b>  ")
    assert comment.body == "<b>nice</b>"
    with pytest.raises(ServiceError, match="2,000"):
        comment_post(author=bob, photo_id=photo.pk, body="x" * 2001)
    with pytest.raises(ServiceError, match="empty"):
        comment_post(author=bob, photo_id=photo.pk, body="   ")
    assert Comment.objects.count() == 1


def test_comment_deleted_by_author_or_photo_owner_only(alice, bob, make_user, upload):
    carol = make_user("carol")
    photo = upload(alice)
    first = comment_post(author=bob, photo_id=photo.pk, body="one")
    second = comment_post(author=bob, photo_id=photo.pk, body="two")
    with pytest.raises(PermissionDenied):
        comment_delete(actor=carol, comment=first)
    comment_delete(actor=bob, comment=first)
    comment_delete(actor=alice, comment=second)
    assert not Comment.objects.exists()
