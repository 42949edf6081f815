"""Follow approval, follow requests, removing a follower, blocks and mutes: the rows and
the events each service writes, and what each refuses."""

import pytest
from django.utils import translation

from core.errors import NotFound, PermissionDenied, ServiceError
from core.models import Event
from core.states import IllegalTransition
from social.audience_services import (
    block_create,
    block_delete,
    follow_approval_set,
    follow_request_accept,
    follow_request_cancel,
    follow_request_refuse,
    follower_remove,
    mute_create,
    mute_delete,
)
from social.models import Block, Follow, FollowRequest, Mute
from social.selectors import feed_for
from social.services import comment_post, favourite_add, follow_create, follow_delete
from social.states import FOLLOW_REQUEST


def _kinds() -> list[str]:
    return list(Event.objects.order_by("id").values_list("kind", flat=True))


def test_automatic_approval_follows_at_once_while_nothing_is_followers_only(alice, bob, upload):
    upload(alice, visibility="public")
    made = follow_create(follower=bob, followee=alice)
    assert isinstance(made, Follow)
    assert not FollowRequest.objects.exists()


def test_automatic_approval_asks_once_a_followers_only_photo_exists(alice, bob, upload):
    upload(alice, visibility="followers")
    made = follow_create(follower=bob, followee=alice)
    follow_create(follower=bob, followee=alice)  # asking again is harmless
    assert isinstance(made, FollowRequest) and made.state == "pending"
    assert FollowRequest.objects.count() == 1
    assert not Follow.objects.exists()
    assert _kinds()[-1] == "follow_request.opened"


def test_always_asks_and_never_follows_at_once(alice, bob, make_user, upload):
    follow_approval_set(member=alice, approval="always")
    assert isinstance(follow_create(follower=bob, followee=alice), FollowRequest)
    carol = make_user("carol")
    upload(carol, visibility="followers")
    follow_approval_set(member=carol, approval="never")
    assert isinstance(follow_create(follower=bob, followee=carol), Follow)


def test_an_unknown_approval_choice_is_refused_and_changes_nothing(alice):
    with pytest.raises(ServiceError):
        follow_approval_set(member=alice, approval="sometimes")
    assert not Event.objects.filter(kind="audience.approval_set").exists()


def test_accepting_makes_a_follower_and_logs_it(alice, bob):
    follow_approval_set(member=alice, approval="always")
    follow_create(follower=bob, followee=alice)
    follow_request_accept(followee=alice, follower=bob)
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    assert FollowRequest.objects.get().state == "accepted"
    assert _kinds()[-1] == "follow_request.accepted"
    with pytest.raises(NotFound):  # nothing left to accept
        follow_request_accept(followee=alice, follower=bob)


def test_refusing_leaves_no_follower_and_the_requester_may_ask_again(alice, bob):
    follow_approval_set(member=alice, approval="always")
    follow_create(follower=bob, followee=alice)
    follow_request_refuse(followee=alice, follower=bob)
    assert not Follow.objects.exists()
    assert FollowRequest.objects.get().state == "refused"
    follow_create(follower=bob, followee=alice)
    assert FollowRequest.objects.filter(state="pending").count() == 1


def test_the_requester_cancels_by_unfollowing(alice, bob):
    follow_approval_set(member=alice, approval="always")
    follow_create(follower=bob, followee=alice)
    follow_delete(follower=bob, followee=alice)
    assert FollowRequest.objects.get().state == "cancelled"
    assert _kinds()[-1] == "follow_request.cancelled"
    assert follow_request_cancel(follower=bob, followee=alice) is False


def test_the_state_graph_refuses_undeclared_moves():
    with pytest.raises(IllegalTransition):
        FOLLOW_REQUEST.check("refused", "accepted")
    FOLLOW_REQUEST.check("pending", "accepted")


def test_choosing_never_accepts_every_waiting_request(alice, bob, make_user):
    follow_approval_set(member=alice, approval="always")
    carol = make_user("carol")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    assert follow_approval_set(member=alice, approval="never") == 2
    assert Follow.objects.filter(followee=alice).count() == 2
    assert not FollowRequest.objects.filter(state="pending").exists()


def test_removing_a_follower(alice, bob):
    follow_create(follower=bob, followee=alice)
    follower_remove(member=alice, follower=bob)
    assert not Follow.objects.exists()
    assert _kinds()[-1] == "follow.removed"
    with pytest.raises(NotFound):
        follower_remove(member=alice, follower=bob)


def test_a_block_severs_follows_both_ways_and_closes_requests(alice, bob, make_user):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=alice, followee=bob)
    carol = make_user("carol")
    follow_approval_set(member=carol, approval="always")
    follow_create(follower=carol, followee=alice)  # alice follows nobody-approves
    follow_create(follower=alice, followee=carol)  # a pending request to carol
    block_create(blocker=alice, blocked=bob)
    block_create(blocker=carol, blocked=alice)
    assert not Follow.objects.filter(follower__in=[alice, bob], followee__in=[alice, bob]).exists()
    assert FollowRequest.objects.get(follower=alice, followee=carol).state == "refused"
    assert Event.objects.get(kind="block.created", actor=alice).data == {"severed": 2}


def test_a_blocked_member_cannot_follow_comment_or_favourite_and_is_told_why(alice, bob, upload):
    photo = upload(alice, visibility="public")
    block_create(blocker=alice, blocked=bob)
    with pytest.raises(PermissionDenied, match="Alice Example has blocked you"):
        follow_create(follower=bob, followee=alice)
    with pytest.raises(PermissionDenied, match="has blocked you"):
        favourite_add(user=bob, photo_id=photo.pk)
    with pytest.raises(PermissionDenied, match="has blocked you"):
        comment_post(author=bob, photo_id=photo.pk, body="Hello")
    with pytest.raises(PermissionDenied, match="You have blocked bob"):
        follow_create(follower=alice, followee=bob)
    assert not Follow.objects.exists() and not photo.favourites.exists()
    assert not photo.comments.exists()


def test_the_refusal_speaks_german(alice, bob, upload):
    block_create(blocker=alice, blocked=bob)
    with translation.override("de"), pytest.raises(PermissionDenied) as refused:
        follow_create(follower=bob, followee=alice)
    assert "hat Sie blockiert" in refused.value.message


def test_unblocking_does_not_restore_follows(alice, bob):
    follow_create(follower=bob, followee=alice)
    block_create(blocker=alice, blocked=bob)
    block_delete(blocker=alice, blocked=bob)
    assert not Block.objects.exists() and not Follow.objects.exists()
    assert isinstance(follow_create(follower=bob, followee=alice), Follow)


def test_nobody_blocks_or_mutes_themselves(alice):
    with pytest.raises(ServiceError):
        block_create(blocker=alice, blocked=alice)
    with pytest.raises(ServiceError):
        mute_create(muter=alice, muted=alice)


def test_a_muted_member_leaves_the_feed_and_nothing_else_changes(alice, bob, upload, client):
    photo = upload(alice, visibility="public", title="Muted sunset")
    follow_create(follower=bob, followee=alice)
    assert list(feed_for(bob)) == [photo]
    mute_create(muter=bob, muted=alice)
    mute_create(muter=bob, muted=alice)
    assert Mute.objects.count() == 1
    assert list(feed_for(bob)) == []
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    client.force_login(bob)
    assert client.get(f"/photos/{photo.pk}/").status_code == 200
    mute_delete(muter=bob, muted=alice)
    assert list(feed_for(bob)) == [photo]
    assert _kinds()[-2:] == ["mute.created", "mute.deleted"] or "mute.deleted" in _kinds()
