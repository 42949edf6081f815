"""Interoperability: what Mastodon 4.x and Pixelfed really send (tests/federation/payloads/),
signed by the test peer, POSTed to Candid's inbox and processed, leaves the expected state."""

import json
from urllib.parse import urlsplit

import pytest

from federation.feed import remote_posts_for
from federation.following import follow_id, remote_follow
from federation.models import (
    Delivery,
    InboxMessage,
    OutgoingFollow,
    RemoteActor,
    RemoteFollow,
    RemoteLike,
    RemotePost,
    RemoteReply,
)
from federation.processing import inbox_message_process
from federation.remote_actors import actor_refresh, public_key_for
from federation.selectors import federated_photo
from tests.federation.keys import remote_keys
from tests.federation.recorded import key_name, payload, post, serve, serve_object

pytestmark = pytest.mark.django_db


def deliver(peer, client, activity: dict, **options) -> str:
    response = post(peer, client, activity, **options)
    assert response.status_code == 202, response.content
    return inbox_message_process(InboxMessage.objects.latest("pk").pk)


def following(peer, alice, actor_file: str) -> RemoteActor:
    """alice follows the actor of `actor_file`, and its server has accepted."""
    actor = actor_refresh(serve(peer, actor_file)["id"])
    follow = remote_follow(follower=alice, followee=actor)
    OutgoingFollow.objects.filter(pk=follow.pk).update(state=OutgoingFollow.State.ACCEPTED)
    return actor


@pytest.fixture
def photo(alice, upload):
    photo = upload(alice, visibility="public", title="Harbour")
    assert federated_photo(photo.pk) is not None
    return photo


def photo_uri(photo) -> str:
    return f"https://candid.test/photos/{photo.pk}/"


# Mastodon 4.x


def test_mastodon_person_with_toot_terms_follows_and_unfollows(federating, peer, client, alice):
    mona = serve(peer, "mastodon/actor.json")
    assert deliver(peer, client, payload(peer, "mastodon/follow.json")) == "accepted"
    actor = RemoteActor.objects.get(uri=mona["id"])
    assert actor.kind == "Person" and actor.display_name == "Mona"
    assert actor.shared_inbox == f"{peer.base}/inbox"
    assert RemoteFollow.objects.get(follower=actor).state == RemoteFollow.State.ACCEPTED
    accept = Delivery.objects.get().activity
    assert accept["type"] == "Accept"
    assert accept["object"]["id"] == f"{peer.base}/0f6e3c5a-1b2d-4e8f-9a7b-6c5d4e3f2a1b"

    assert deliver(peer, client, payload(peer, "mastodon/undo-follow.json")) == "follow undone"
    assert not RemoteFollow.objects.exists()


def test_mastodon_instance_actor_is_an_application_whose_key_is_found(federating, peer):
    document = serve(peer, "mastodon/instance-actor.json")
    pem = public_key_for(document["publicKey"]["id"], refresh=True)
    assert pem == remote_keys(key_name(document["id"]))[1]
    assert RemoteActor.objects.get(uri=document["id"]).kind == "Application"


def test_mastodon_accept_of_our_follow(federating, peer, client, alice):
    mona = actor_refresh(serve(peer, "mastodon/actor.json")["id"])
    follow = remote_follow(follower=alice, followee=mona)
    accept = payload(peer, "mastodon/accept.json", FOLLOW=follow_id(follow))
    assert deliver(peer, client, accept) == "follow accepted"
    assert OutgoingFollow.objects.get().state == OutgoingFollow.State.ACCEPTED


def test_mastodon_reject_of_our_follow_ends_it(federating, peer, client, alice):
    mona = actor_refresh(serve(peer, "mastodon/actor.json")["id"])
    follow = remote_follow(follower=alice, followee=mona)
    reject = payload(peer, "mastodon/reject.json", FOLLOW=follow_id(follow))
    assert deliver(peer, client, reject) == "follow rejected"
    assert not OutgoingFollow.objects.exists()


def test_mastodon_note_with_document_attachment_created_edited_deleted(
    federating, peer, client, alice
):
    following(peer, alice, "mastodon/actor.json")
    assert deliver(peer, client, payload(peer, "mastodon/create-note.json")) == "post stored"
    post_ = RemotePost.objects.get()
    assert post_.url == f"{peer.base}/@mona/112233"
    assert post_.text.startswith("Morning at the harbour #harbour")
    [image] = post_.attachments
    assert image["name"] == "Fishing boats moored in morning fog"
    assert (image["width"], image["height"]) == (1600, 1067)
    assert image["blurhash"].startswith("UBL_")
    assert image["url"].startswith("https://files.mastodon.example/")

    assert deliver(peer, client, payload(peer, "mastodon/update-note.json")) == "post updated"
    post_.refresh_from_db()
    assert post_.text == "Morning at the harbour, Hamburg"
    assert post_.attachments[0]["name"].endswith("Hamburg")

    assert deliver(peer, client, payload(peer, "mastodon/delete-note.json")) == "removed"
    assert not RemotePost.objects.exists()


def test_mastodon_compacted_create_is_read(federating, peer, client, alice):
    following(peer, alice, "mastodon/actor.json")
    activity = payload(peer, "mastodon/create-note-compacted.json")
    assert isinstance(activity["object"]["to"], str)
    assert deliver(peer, client, activity) == "post stored"
    post_ = RemotePost.objects.get()
    assert post_.url == f"{peer.base}/@mona/112255"
    assert post_.attachments[0]["name"] == "A wooden pier at dusk"


def test_a_create_naming_its_post_by_uri_alone_has_it_fetched(federating, peer, client, alice):
    following(peer, alice, "mastodon/actor.json")
    activity = payload(peer, "mastodon/create-note-compacted.json")
    note = activity["object"]
    peer.documents[urlsplit(note["id"]).path] = {"@context": activity["@context"], **note}
    activity["object"] = note["id"]
    assert deliver(peer, client, activity) == "post stored"
    assert RemotePost.objects.get().attachments[0]["name"] == "A wooden pier at dusk"


def test_a_create_naming_by_uri_what_is_not_a_post_stores_nothing(federating, peer, client, alice):
    following(peer, alice, "mastodon/actor.json")
    activity = payload(peer, "mastodon/create-note-compacted.json")
    activity["object"] = f"{peer.base}/users/mona/statuses/404"
    assert deliver(peer, client, activity).startswith("ignored: ")
    assert not RemotePost.objects.exists()


def test_mastodon_reply_to_a_photo_here(federating, peer, client, alice, photo):
    serve(peer, "mastodon/actor.json")
    reply = payload(peer, "mastodon/create-reply.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, reply) == "reply stored"
    assert RemoteReply.objects.get(photo=photo).text == "@alice Lovely light!"
    edit = payload(peer, "mastodon/update-reply.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, edit) == "reply updated"
    assert RemoteReply.objects.get().text == "@alice Lovely light! (edited: the fog, too)"


def test_mastodon_like_and_undo(federating, peer, client, alice, photo):
    serve(peer, "mastodon/actor.json")
    assert deliver(peer, client, payload(peer, "mastodon/like.json", PHOTO=photo_uri(photo))) == (
        "like stored"
    )
    assert RemoteLike.objects.get().photo == photo
    undo = payload(peer, "mastodon/undo-like.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, undo) == "like undone"
    assert not RemoteLike.objects.exists()


def test_mastodon_update_person_and_self_delete(federating, peer, client, alice):
    serve(peer, "mastodon/actor.json")
    deliver(peer, client, payload(peer, "mastodon/follow.json"))
    update = payload(peer, "mastodon/update-person.json")
    update["object"]["publicKey"]["publicKeyPem"] = remote_keys("users-mona")[1]
    assert deliver(peer, client, update) == "actor updated"
    assert RemoteActor.objects.get().display_name == "Mona Lindqvist"

    assert deliver(peer, client, payload(peer, "mastodon/delete-actor.json")) == "actor removed"
    assert not RemoteActor.objects.exists() and not RemoteFollow.objects.exists()


def test_mastodon_move_follows_the_new_account_and_keeps_history(federating, peer, client, alice):
    old = following(peer, alice, "mastodon/actor.json")
    deliver(peer, client, payload(peer, "mastodon/create-note.json"))
    new = serve(peer, "mastodon/actor-new.json")
    Delivery.objects.all().delete()

    assert deliver(peer, client, payload(peer, "mastodon/move.json")) == "1 follow moved"
    follow = OutgoingFollow.objects.get(follower=alice)
    assert follow.followee.uri == new["id"] and follow.state == OutgoingFollow.State.PENDING
    sent = {d.activity["type"]: d for d in Delivery.objects.all()}
    assert sent["Follow"].activity["object"] == new["id"]
    assert sent["Follow"].inbox == new["inbox"]
    assert sent["Undo"].activity["object"]["object"] == old.uri
    assert RemotePost.objects.get().author == old  # history kept


def test_a_move_to_an_account_that_does_not_name_the_old_one_is_refused(
    federating, peer, client, alice
):
    following(peer, alice, "mastodon/actor.json")
    impostor = serve(peer, "mastodon/actor-new.json")
    del impostor["alsoKnownAs"]
    outcome = deliver(peer, client, payload(peer, "mastodon/move.json"))
    assert outcome.startswith("refused")
    assert OutgoingFollow.objects.get().followee.uri.endswith("/users/mona")


def test_mastodon_announce_of_a_followed_account_stores_the_fetched_post(
    federating, peer, client, alice
):
    mona = following(peer, alice, "mastodon/actor.json")
    serve(peer, "pixelfed/actor.json")
    serve_object(peer, "pixelfed/note.json")
    assert deliver(peer, client, payload(peer, "mastodon/announce.json")) == "shared post stored"
    shared = RemotePost.objects.get()
    assert shared.author.uri == f"{peer.base}/users/pia" and shared.shared_by == mona
    assert list(remote_posts_for(alice)) == [shared]

    undo = payload(peer, "mastodon/undo-announce.json")
    assert deliver(peer, client, undo) == "share undone"
    assert not remote_posts_for(alice).exists()


def test_an_announce_of_an_announce_is_not_followed(federating, peer, client, alice):
    following(peer, alice, "mastodon/actor.json")
    announce = payload(peer, "mastodon/announce.json")
    loop = dict(announce, id=announce["object"], object=announce["id"])
    peer.documents["/p/pia/700000000000000001"] = loop
    outcome = deliver(peer, client, announce)
    assert outcome == "ignored: the object is a Announce, not a post"
    assert not RemotePost.objects.exists()


def test_an_announce_whose_object_cannot_be_fetched_is_ignored(federating, peer, client, alice):
    following(peer, alice, "mastodon/actor.json")
    outcome = deliver(peer, client, payload(peer, "mastodon/announce.json"))
    assert outcome.startswith("ignored:") and "404" in outcome
    assert not RemotePost.objects.exists()


# Pixelfed


def test_pixelfed_follow_without_id(federating, peer, client, alice):
    serve(peer, "pixelfed/actor.json")
    activity = payload(peer, "pixelfed/follow.json")
    assert "id" not in activity
    assert deliver(peer, client, activity) == "accepted"
    accept = Delivery.objects.get().activity
    assert accept["object"] == activity


def test_pixelfed_accept_with_a_null_follow_id(federating, peer, client, alice):
    pia = actor_refresh(serve(peer, "pixelfed/actor.json")["id"])
    remote_follow(follower=alice, followee=pia)
    accept = payload(peer, "pixelfed/accept.json")
    assert accept["object"]["id"] is None
    assert deliver(peer, client, accept) == "follow accepted"
    assert OutgoingFollow.objects.get().state == OutgoingFollow.State.ACCEPTED


def test_pixelfed_note_with_images_null_alt_and_offset_times(federating, peer, client, alice):
    following(peer, alice, "pixelfed/actor.json")
    assert deliver(peer, client, payload(peer, "pixelfed/create-note.json")) == "post stored"
    post_ = RemotePost.objects.get()
    assert post_.published.isoformat() == "2024-05-01T10:00:00+00:00"
    assert [a["name"] for a in post_.attachments] == ["", "A ferry leaving the landing stage"]
    assert [a["width"] for a in post_.attachments] == [1440, 1080]
    assert list(remote_posts_for(alice)) == [post_]

    assert deliver(peer, client, payload(peer, "pixelfed/delete-note.json")) == "removed"
    assert not RemotePost.objects.exists()


def test_pixelfed_like_undo_and_self_delete(federating, peer, client, alice, photo):
    serve(peer, "pixelfed/actor.json")
    like = payload(peer, "pixelfed/like.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, like) == "like stored"
    undo = payload(peer, "pixelfed/undo-like.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, undo) == "like undone"
    deliver(peer, client, like)
    assert deliver(peer, client, payload(peer, "pixelfed/delete-actor.json")) == "actor removed"
    assert not RemoteLike.objects.exists()


def test_pixelfed_2024_move_puts_the_new_account_first_and_is_signed_by_the_old(
    federating, peer, client, alice
):
    old = following(peer, alice, "pixelfed/actor.json")
    serve(peer, "pixelfed/actor-moved.json")
    new = serve(peer, "pixelfed/actor-new.json")
    move = payload(peer, "pixelfed/move.json")
    assert move["actor"] == new["id"] and move["target"] == old.uri
    assert deliver(peer, client, move, signer=old.uri) == "1 follow moved"
    assert OutgoingFollow.objects.get(follower=alice).followee.uri == new["id"]


def test_a_move_signed_by_the_new_account_alone_is_refused(federating, peer, client, alice):
    old = following(peer, alice, "pixelfed/actor.json")
    serve(peer, "pixelfed/actor-new.json")
    outcome = deliver(peer, client, payload(peer, "pixelfed/move.json"))
    assert outcome.startswith("refused")
    assert OutgoingFollow.objects.get(follower=alice).followee == old


def test_payload_files_are_json_objects():
    from tests.federation.recorded import PAYLOADS

    assert len(list(PAYLOADS.glob("*/*.json"))) >= 30
    for path in PAYLOADS.glob("*/*.json"):
        assert isinstance(json.loads(path.read_text()), dict), path


def test_mastodon_flag_from_its_instance_actor_is_received_and_kept(
    federating, peer, client, alice, photo
):
    """A report is signed by Mastodon's `Application` actor; Candid verifies and stores it,
    and files it as a notice (tests/federation/test_flags.py has the rest)."""
    serve(peer, "mastodon/instance-actor.json")
    flag = payload(peer, "mastodon/flag.json", PHOTO=photo_uri(photo))
    response = post(peer, client, flag)
    assert response.status_code == 202
    message = InboxMessage.objects.get()
    assert message.actor_uri == flag["actor"] and message.activity_type == "Flag"
    assert inbox_message_process(message.pk).startswith("notice N-")
    assert InboxMessage.objects.get().state == InboxMessage.State.PROCESSED
