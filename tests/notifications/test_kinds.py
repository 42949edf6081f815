"""Each kind of notification is written by the service that causes it, in its transaction,
to the right member, and never to the one who acted."""

import pytest
from django.db import transaction

from consent.services.depicted import depicted_request_submit
from moderation.services.targets import Target
from notifications.kinds import Kind
from notifications.mentions import mentioned_names
from notifications.models import Notification
from notifications.selectors import notifications_for
from notifications.services import notify_follow_request, notify_mail_copy
from notifications.texts import path_of, sentence
from photos.services import photo_update
from social.services import comment_post, favourite_add, follow_create


def received(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return list(rows.filter(kind=kind) if kind else rows)


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night")


def test_a_new_follower_is_notified_with_a_link_to_their_profile(alice, bob):
    follow_create(follower=bob, followee=alice)
    [n] = received(alice, Kind.FOLLOW)
    assert n.actor == bob and sentence(n) == "bob started following you."
    assert path_of(n) == "/u/bob/"
    follow_create(follower=bob, followee=alice)  # again: no second notification
    assert len(received(alice)) == 1


def test_a_follow_request_is_a_kind_of_its_own(alice, bob):
    notify_follow_request(requester=bob, recipient=alice)
    [n] = received(alice, Kind.FOLLOW_REQUEST)
    assert sentence(n) == "bob asked to follow you."


def test_a_favourite_notifies_the_owner_and_links_to_the_photo(alice, bob, photo):
    favourite_add(user=bob, photo_id=photo.pk)
    [n] = received(alice, Kind.FAVOURITE)
    assert n.photo == photo
    assert sentence(n) == "bob added your photo “Harbour at night” to their favourites."
    assert path_of(n) == f"/photos/{photo.pk}/"


def test_nobody_is_notified_of_what_they_did_themselves(alice, photo):
    favourite_add(user=alice, photo_id=photo.pk)
    comment_post(author=alice, photo_id=photo.pk, body="My own harbour, @alice")
    assert received(alice) == []


def test_a_rolled_back_favourite_notifies_no_one(alice, bob, photo):
    with pytest.raises(RuntimeError), transaction.atomic():
        favourite_add(user=bob, photo_id=photo.pk)
        raise RuntimeError
    assert received(alice) == []


def test_a_comment_notifies_the_owner_and_links_to_the_comment(alice, bob, photo):
    comment = comment_post(author=bob, photo_id=photo.pk, body="Lovely light")
    [n] = received(alice, Kind.COMMENT)
    assert n.comment == comment
    assert path_of(n) == f"/photos/{photo.pk}/#comment-{comment.pk}"


def test_earlier_commenters_hear_of_a_reply_but_not_the_author(alice, bob, make_user, photo):
    carol, dave = make_user("carol"), make_user("dave")
    comment_post(author=bob, photo_id=photo.pk, body="First")
    comment_post(author=carol, photo_id=photo.pk, body="Second")
    comment_post(author=dave, photo_id=photo.pk, body="Third")
    assert sorted(n.actor.username for n in received(bob, Kind.REPLY)) == ["carol", "dave"]
    assert [n.actor.username for n in received(carol, Kind.REPLY)] == ["dave"]
    assert received(dave) == []
    # The owner hears each as a comment, never also as a reply.
    assert len(received(alice, Kind.COMMENT)) == 3 and received(alice, Kind.REPLY) == []


def test_a_mention_in_a_comment_notifies_the_member_named(alice, bob, make_user, photo):
    carol = make_user("carol")
    comment_post(author=bob, photo_id=photo.pk, body="Look, @Carol. And @nobody here.")
    [n] = received(carol)
    assert n.kind == Kind.MENTION
    assert sentence(n) == "bob mentioned you on “Harbour at night”."


def test_a_mentioned_earlier_commenter_gets_one_notification(alice, bob, make_user, photo):
    carol = make_user("carol")
    comment_post(author=carol, photo_id=photo.pk, body="Nice")
    comment_post(author=bob, photo_id=photo.pk, body="@carol agreed")
    assert [n.kind for n in received(carol)] == [Kind.MENTION]


def test_a_mention_in_a_description_notifies_once_even_after_edits(alice, bob, upload):
    photo = upload(alice, title="Pier", description="With @bob at the pier")
    assert [n.kind for n in received(bob)] == [Kind.MENTION]
    fields = dict(tags="", licence="arr", visibility="public", show_location=False)
    photo_update(actor=alice, photo=photo, title="Pier", description="With @bob!", **fields)
    assert len(received(bob)) == 1


def test_a_mention_on_a_photo_the_member_cannot_see_is_not_sent(alice, bob, upload):
    upload(alice, title="Private", description="@bob", visibility="private")
    assert received(bob) == []


def test_a_notification_about_a_photo_made_private_is_no_longer_shown(alice, bob, photo):
    comment_post(author=bob, photo_id=photo.pk, body="Nice")
    comment_post(author=alice, photo_id=photo.pk, body="Thanks")
    assert len(notifications_for(bob)) == 1
    fields = dict(tags="", licence="arr", show_location=False, description="")
    photo_update(actor=alice, photo=photo, title="Pier", visibility="private", **fields)
    assert list(notifications_for(bob)) == []
    assert len(notifications_for(alice)) == 1  # the owner still sees it


def test_a_statement_of_reasons_also_appears_in_app(
    alice, report, decide, django_capture_on_commit_callbacks, upload
):
    photo = upload(alice, title="Harbour")
    notice = report(Target("photo", photo))
    with django_capture_on_commit_callbacks(execute=True):
        decide(notice.case)
    [n] = received(alice, Kind.MODERATION)
    assert n.title.startswith("Candid:") and n.url == "/moderation/mine/"
    assert sentence(n) == n.title


def test_a_members_notice_confirmation_appears_in_app(
    alice, bob, report, upload, django_capture_on_commit_callbacks
):
    photo = upload(alice, title="Harbour")
    with django_capture_on_commit_callbacks(execute=True):
        notice = report(Target("photo", photo))
    [n] = received(bob, Kind.MODERATION)
    assert notice.reference in n.title


def test_a_depicted_person_request_appears_in_app_for_the_owner_and_staff(
    alice, make_user, upload, django_capture_on_commit_callbacks
):
    staff = make_user("mod", role="moderator")
    photo = upload(alice, title="Harbour")
    with django_capture_on_commit_callbacks(execute=True):
        request = depicted_request_submit(
            photo=photo, name="Dana", email="dana@example.org", relation="self"
        )
    [owners] = received(alice, Kind.MODERATION)
    assert owners.url == f"/photos/{photo.pk}/" and owners.title
    [staffs] = received(staff, Kind.MODERATION)
    assert staffs.url == f"/dataset-check/requests/{request.pk}/"


def test_mentions_are_names_after_an_at_sign_not_addresses():
    text = "Thanks @bob. Write to carol@example.org, cc @Bob and @dave_k!"
    assert mentioned_names(text) == ["bob", "dave_k"]


def test_the_same_moderation_message_copied_twice_is_kept_once(alice, bob):
    context = {"ruleset": None}
    for _ in range(2):
        notify_mail_copy(
            to=[alice.email, bob.email, "stranger@example.org"],
            template="moderation/email/rules_changed",
            context=context,
            url="/rules/",
        )
    assert len(received(alice, Kind.MODERATION)) == len(received(bob, Kind.MODERATION)) == 1
