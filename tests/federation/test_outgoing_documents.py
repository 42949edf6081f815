"""Candid's own outgoing documents: each is valid JSON-LD whose every property means
something (pyld expansion with the bundled contexts keeps it; an undefined term would be
dropped silently), and carries what Mastodon needs to show it (its ActivityPub::Activity::
Create and process_status: an id on the actor's host, attributedTo = actor, content,
published, to/cc with the public address, attachments with url and an image mediaType)."""

from urllib.parse import urlsplit

import pytest

from federation.documents import AS_PUBLIC
from federation.following import remote_follow
from federation.handlers import follow_answer
from federation.interactions import remote_post_like, remote_post_reply
from federation.jsonld import expanded
from federation.models import Delivery, RemoteActor, RemoteFollow, RemotePost
from federation.sync import events_follow
from photos.services import photo_update

pytestmark = pytest.mark.django_db
AS = "https://www.w3.org/ns/activitystreams#"


@pytest.fixture
def pixelfed_bob(alice):
    actor = RemoteActor.objects.create(
        uri="https://pixelfed.example/users/bob",
        domain="pixelfed.example",
        inbox="https://pixelfed.example/users/bob/inbox",
        shared_inbox="https://pixelfed.example/f/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )
    RemoteFollow.objects.create(
        follower=actor,
        followee=alice,
        state="accepted",
        activity={"type": "Follow", "actor": actor.uri, "object": "https://candid.test/u/alice/"},
    )
    return actor


def undefined_terms(value) -> set[str]:
    """Properties no context defines: ActivityStreams' `@vocab: "_:"` turns them into
    blank-node names instead of dropping them."""
    if isinstance(value, list):
        return set().union(*map(undefined_terms, value)) if value else set()
    if not isinstance(value, dict):
        return set()
    own = {key for key in value if key.startswith("_:")}
    return own.union(*map(undefined_terms, value.values()))


def kept_whole(document: dict) -> dict:
    """The expansion, after checking that every property means something."""
    [top] = expanded(document)
    assert len(top) == len(document) - 1, sorted(set(document) - {"@context"})
    assert not undefined_terms(top)
    return top


def sent(kind: str) -> dict:
    return [d.activity for d in Delivery.objects.order_by("pk") if d.activity["type"] == kind][-1]


def test_the_actor_expands_and_has_what_mastodon_needs(federating, ap_get, alice):
    actor = ap_get("/u/alice/").json()
    top = kept_whole(actor)
    assert top["@type"] == [AS + "Person"]
    for field in ("inbox", "outbox", "followers", "preferredUsername", "url", "endpoints"):
        assert actor[field]
    assert actor["publicKey"]["owner"] == actor["id"]
    assert "https://w3id.org/security#publicKeyPem" in str(top)


def test_create_update_delete_of_a_photo_carry_what_mastodon_displays(
    federating, alice, pixelfed_bob, upload
):
    photo = upload(
        alice, visibility="public", title="Harbour", description="Fog.", alt_text="Boats in fog"
    )
    events_follow()
    create = sent("Create")
    kept_whole(create)
    note = create["object"]
    assert note["attributedTo"] == create["actor"]
    assert urlsplit(note["id"]).hostname == urlsplit(create["actor"]).hostname
    assert note["type"] == "Note" and note["content"] and note["published"].endswith("Z")
    assert AS_PUBLIC in note["to"] and note["cc"]
    [image] = note["attachment"]
    assert image["type"] == "Image" and image["mediaType"].startswith("image/")
    assert image["url"].startswith("https://candid.test/") and image["name"] == "Boats in fog"
    assert image["width"] and image["height"]
    consent = expanded(create)[0][AS + "object"][0]
    assert "urn:candid:consent" in consent and "http://www.w3.org/ns/tdmrep#reservation" in consent

    photo_update(
        actor=alice,
        photo=photo,
        title="Harbour at dawn",
        description=photo.description,
        tags=[],
        licence=photo.licence,
        visibility="public",
        show_location=photo.show_location,
    )
    events_follow()
    update = sent("Update")
    kept_whole(update)
    assert update["object"]["id"] == note["id"] and "dawn" in update["object"]["content"]

    photo_update(
        actor=alice,
        photo=photo,
        title=photo.title,
        description=photo.description,
        tags=[],
        licence=photo.licence,
        visibility="private",
        show_location=photo.show_location,
    )
    events_follow()
    delete = sent("Delete")
    kept_whole(delete)
    assert delete["object"] == {"id": note["id"], "type": "Tombstone"}


def test_accept_follow_like_and_reply_expand(federating, alice, pixelfed_bob):
    follow_answer(RemoteFollow.objects.get(), "Accept")
    accept = sent("Accept")
    kept_whole(accept)
    assert accept["object"]["actor"] == pixelfed_bob.uri

    remote_follow(follower=alice, followee=pixelfed_bob)
    follow = sent("Follow")
    kept_whole(follow)
    assert follow["id"] and follow["object"] == pixelfed_bob.uri

    post = RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1",
        author=pixelfed_bob,
        published="2026-01-01T00:00:00Z",
    )
    remote_post_like(user=alice, post=post)
    like = sent("Like")
    kept_whole(like)
    assert like["object"] == post.uri and like["id"]

    remote_post_reply(user=alice, post=post, text="Lovely <light>")
    create = sent("Create")
    kept_whole(create)
    reply = create["object"]
    assert reply["inReplyTo"] == post.uri and reply["attributedTo"] == create["actor"]
    assert reply["content"] == "<p>Lovely &lt;light&gt;</p>" and reply["published"]
    assert AS_PUBLIC in reply["to"] and pixelfed_bob.uri in reply["cc"]
