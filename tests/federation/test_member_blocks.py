"""A member's own block and mute of accounts on other servers (issue #19, "remote actors
can be muted or blocked by members"): what a block ends and refuses, what a mute hides,
from the web, the API and the inbox, and that nobody undoes another member's choice."""

import pytest
from django.urls import reverse

from core.errors import NotFound
from core.models import Event
from federation.member_blocks import (
    remote_block_create,
    remote_block_delete,
    remote_mute_create,
    remote_mute_delete,
)
from federation.models import (
    Delivery,
    MemberRemoteBlock,
    MemberRemoteMute,
    OutgoingFollow,
    RemoteActor,
    RemoteFollow,
    RemoteLike,
    RemotePost,
    RemoteReply,
)
from tests.api.conftest import api, token  # noqa: F401  (fixtures)
from tests.federation.recorded import payload, serve
from tests.federation.test_interop import deliver, photo, photo_uri  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def mona(federating, peer):
    """Mona on a Mastodon server (the test peer), known here."""
    from federation.remote_actors import actor_refresh

    return actor_refresh(serve(peer, "mastodon/actor.json")["id"])


@pytest.fixture
def dora(federating):
    return RemoteActor.objects.create(
        uri="https://pixelfed.example/users/dora",
        domain="pixelfed.example",
        username="dora",
        inbox="https://pixelfed.example/users/dora/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )


def _post(author, n: int, **extra) -> RemotePost:
    return RemotePost.objects.create(
        uri=f"{author.uri}/posts/{n}",
        author=author,
        text=f"Post {n} by {author.username}",
        attachments=[{"url": f"{author.uri}/img/{n}.jpg", "name": "", "width": 4, "height": 3}],
        published=f"2026-01-0{n}T00:00:00Z",
        **extra,
    )


def _follows(member, actor) -> OutgoingFollow:
    return OutgoingFollow.objects.create(follower=member, followee=actor, state="accepted")


def _feed_texts(client, api, member) -> tuple[str, list[str]]:
    client.force_login(member)
    html = client.get("/").content.decode()
    items = api(member).get("/feed").json()["items"]
    return html, [i["remote"]["text"] for i in items if i["kind"] == "remote"]


# Follows


def test_a_blocked_accounts_follow_ends_with_reject_and_its_new_follow_is_rejected(
    peer, client, alice, mona
):
    assert deliver(peer, client, payload(peer, "mastodon/follow.json")) == "accepted"
    Delivery.objects.all().delete()  # the Accept
    client.force_login(alice)

    answer = client.post(reverse("remote_block", args=[mona.pk]), follow=True)

    assert "You blocked @mona@127.0.0.1" in answer.content.decode()
    assert MemberRemoteBlock.objects.filter(member=alice, actor=mona).exists()
    assert not RemoteFollow.objects.exists()
    reject = Delivery.objects.get().activity
    assert reject["type"] == "Reject" and reject["object"]["type"] == "Follow"
    assert reject["object"]["actor"] == mona.uri
    event = Event.objects.get(kind="federation.remote_block_created")
    assert event.actor == alice and event.data["follower_ended"] is True

    again = deliver(peer, client, payload(peer, "mastodon/follow.json"))

    assert again == "rejected: the member blocked the account"
    assert not RemoteFollow.objects.exists()
    assert [d.activity["type"] for d in Delivery.objects.order_by("pk")] == ["Reject", "Reject"]


def test_blocking_ends_the_members_own_follow_with_undo_and_refuses_a_new_one(
    peer, client, alice, mona
):
    from core.errors import ServiceError
    from federation.following import remote_follow

    _follows(alice, mona)

    remote_block_create(member=alice, actor=mona)

    assert not OutgoingFollow.objects.filter(follower=alice).exists()
    undo = Delivery.objects.get().activity
    assert undo["type"] == "Undo" and undo["object"]["object"] == mona.uri
    with pytest.raises(ServiceError):
        remote_follow(follower=alice, followee=mona)
    assert not OutgoingFollow.objects.exists()


def test_a_mute_ends_no_follow_and_tells_nobody(peer, client, alice, mona):
    assert deliver(peer, client, payload(peer, "mastodon/follow.json")) == "accepted"
    _follows(alice, mona)
    sent = Delivery.objects.count()

    remote_mute_create(member=alice, actor=mona)

    assert RemoteFollow.objects.filter(follower=mona, followee=alice).exists()
    assert OutgoingFollow.objects.filter(follower=alice, followee=mona).exists()
    assert Delivery.objects.count() == sent
    assert Event.objects.filter(kind="federation.remote_mute_created", actor=alice).exists()


# The feed


def test_a_blocked_accounts_posts_leave_the_members_feed_but_not_anothers(
    client, api, alice, bob, dora
):
    carol = RemoteActor.objects.create(
        uri="https://pixelfed.example/users/carol",
        domain="pixelfed.example",
        username="carol",
        inbox="https://pixelfed.example/users/carol/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )
    for member in (alice, bob):
        _follows(member, dora)
        _follows(member, carol)
    _post(dora, 1)
    _post(dora, 2, shared_by=carol)  # brought by an account alice still follows
    _post(carol, 3)

    remote_block_create(member=alice, actor=dora)

    html, texts = _feed_texts(client, api, alice)
    assert "Post 1 by dora" not in html and "Post 2 by dora" not in html
    assert "Post 3 by carol" in html
    assert texts == ["Post 3 by carol"]
    html, texts = _feed_texts(client, api, bob)
    assert "Post 1 by dora" in html and "Post 2 by dora" in html
    assert sorted(texts) == ["Post 1 by dora", "Post 2 by dora", "Post 3 by carol"]

    remote_block_delete(member=alice, actor=dora)  # the shared post comes back

    _html, texts = _feed_texts(client, api, alice)
    assert "Post 2 by dora" in texts


def test_a_muted_accounts_posts_leave_the_feed_and_come_back_on_unmute(client, api, alice, dora):
    _follows(alice, dora)
    _post(dora, 1)
    client.force_login(alice)

    answer = client.post(reverse("remote_mute", args=[dora.pk]), follow=True)

    assert "You muted @dora@pixelfed.example" in answer.content.decode()
    html, texts = _feed_texts(client, api, alice)
    assert "Post 1 by dora" not in html and texts == []
    assert OutgoingFollow.objects.filter(follower=alice, followee=dora).exists()

    client.post(reverse("remote_unmute", args=[dora.pk]))

    html, texts = _feed_texts(client, api, alice)
    assert "Post 1 by dora" in html and texts == ["Post 1 by dora"]


# Replies and likes on the member's photos


def test_a_blocked_accounts_replies_and_likes_are_not_shown_nor_taken_in(
    peer, client, api, alice, mona, photo, django_capture_on_commit_callbacks
):
    RemoteReply.objects.create(
        uri=f"{mona.uri}/statuses/1",
        author=mona,
        photo=photo,
        text="Before the block",
        published="2026-01-02T00:00:00Z",
    )
    RemoteLike.objects.create(actor=mona, photo=photo)
    url = reverse("photo", args=[photo.pk])
    assert "Before the block" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # moves the cached page's version
        remote_block_create(member=alice, actor=mona)

    for viewer in (None, alice):  # the owner's choice about their photo: for everyone
        if viewer is not None:
            client.force_login(viewer)
        html = client.get(url).content.decode()
        assert "Before the block" not in html and "like from other servers" not in html
    assert api().get(f"/photos/{photo.pk}/remote-replies").json()["items"] == []
    assert api().get(f"/photos/{photo.pk}/fediverse").json() == {"likes": 0}
    reply = payload(peer, "mastodon/create-reply.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, reply) == "ignored: the photo's owner blocked the account"
    like = payload(peer, "mastodon/like.json", PHOTO=photo_uri(photo))
    assert deliver(peer, client, like) == "ignored: the photo's owner blocked the account"
    assert RemoteReply.objects.count() == 1 and RemoteLike.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        remote_block_delete(member=alice, actor=mona)

    assert "Before the block" in client.get(url).content.decode()
    assert deliver(peer, client, reply) == "reply stored"


def test_a_muted_accounts_replies_are_hidden_from_the_muter_alone(
    client, api, alice, bob, dora, photo
):
    RemoteReply.objects.create(
        uri=f"{dora.uri}/r/1",
        author=dora,
        photo=photo,
        text="Muted voice",
        published="2026-01-02T00:00:00Z",
    )
    url = reverse("photo", args=[photo.pk])
    assert "Muted voice" in client.get(url).content.decode()  # the shared parts, cached

    remote_mute_create(member=bob, actor=dora)

    client.force_login(bob)
    assert "Muted voice" not in client.get(url).content.decode()
    assert api(bob).get(f"/photos/{photo.pk}/remote-replies").json()["items"] == []
    client.force_login(alice)
    assert "Muted voice" in client.get(url).content.decode()
    assert len(api(alice).get(f"/photos/{photo.pk}/remote-replies").json()["items"]) == 1
    client.logout()
    assert "Muted voice" in client.get(url).content.decode()


# Only the member's own choice


def test_a_member_cannot_unblock_or_unmute_for_another(client, api, alice, bob, dora):
    remote_block_create(member=alice, actor=dora)
    remote_mute_create(member=alice, actor=dora)

    with pytest.raises(NotFound):
        remote_block_delete(member=bob, actor=dora)
    with pytest.raises(NotFound):
        remote_mute_delete(member=bob, actor=dora)
    client.force_login(bob)
    answer = client.post(reverse("remote_unblock", args=[dora.pk]), follow=True)
    assert "You have not blocked @dora@pixelfed.example" in answer.content.decode()
    assert api(bob).delete("/users/dora@pixelfed.example/block").status_code == 404
    assert api(bob).delete("/users/dora@pixelfed.example/mute").status_code == 404

    assert MemberRemoteBlock.objects.filter(member=alice, actor=dora).exists()
    assert MemberRemoteMute.objects.filter(member=alice, actor=dora).exists()
    assert not Event.objects.filter(kind__startswith="federation.remote_", actor=bob).exists()


def test_bad_requests_change_nothing(client, api, alice, dora):
    client.force_login(alice)
    assert client.get(reverse("remote_block", args=[dora.pk])).status_code == 405
    assert client.post(reverse("remote_block", args=[dora.pk + 99])).status_code == 404
    assert api(alice).post("/users/nobody@nowhere.example/block").status_code == 404
    assert api(alice, "read").post("/users/dora@pixelfed.example/block").status_code in (401, 403)
    client.logout()
    assert client.post(reverse("remote_block", args=[dora.pk])).status_code == 302  # sign in
    assert not MemberRemoteBlock.objects.exists()


def test_the_api_blocks_and_mutes_by_address(api, alice, dora):
    _follows(alice, dora)
    me = api(alice)

    assert me.post("/users/dora@pixelfed.example/block").status_code == 204
    assert me.post("/users/dora@pixelfed.example/mute").status_code == 204

    assert MemberRemoteBlock.objects.filter(member=alice, actor=dora).exists()
    assert MemberRemoteMute.objects.filter(member=alice, actor=dora).exists()
    assert not OutgoingFollow.objects.exists()
    assert me.delete("/users/dora@pixelfed.example/block").status_code == 204
    assert me.delete("/users/dora@pixelfed.example/mute").status_code == 204
    assert not MemberRemoteBlock.objects.exists() and not MemberRemoteMute.objects.exists()


# The card and the privacy settings


def test_the_privacy_page_lists_blocked_and_muted_accounts_in_german(client, alice, dora):
    remote_block_create(member=alice, actor=dora)
    remote_mute_create(member=alice, actor=dora)
    client.force_login(alice)

    html = client.get("/settings/privacy/", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert "Auf anderen Servern" in html and "@dora@pixelfed.example" in html
    assert reverse("remote_unblock", args=[dora.pk]) in html
    assert reverse("remote_unmute", args=[dora.pk]) in html
    assert "Ein blockiertes Konto auf einem anderen Server" in html
    answer = client.post(
        reverse("remote_unblock", args=[dora.pk]),
        {"next": "/settings/privacy/"},
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    )
    assert "Sie haben die Blockierung von @dora@pixelfed.example aufgehoben." in (
        answer.content.decode()
    )


def test_the_search_card_offers_block_and_mute(federating, peer, client, alice):
    from tests.web.test_federation_pages import webfinger

    address = webfinger(peer, "erin")
    client.force_login(alice)
    html = client.get(reverse("search"), {"q": address}).content.decode()
    actor = RemoteActor.objects.get(username="erin")
    assert reverse("remote_block", args=[actor.pk]) in html
    assert reverse("remote_mute", args=[actor.pk]) in html

    remote_block_create(member=alice, actor=actor)

    html = client.get(reverse("search"), {"q": address}, HTTP_ACCEPT_LANGUAGE="de").content
    html = html.decode()
    assert reverse("remote_unblock", args=[actor.pk]) in html and "Blockiert" in html
    assert reverse("remote_follow", args=[actor.pk]) not in html


def test_the_members_export_holds_their_choices_and_erasure_removes_them(alice, bob, dora):
    from federation.privacy import erase, export

    remote_block_create(member=alice, actor=dora)
    remote_mute_create(member=alice, actor=dora)
    remote_mute_create(member=bob, actor=dora)
    files = {}

    class Writer:
        def write_json(self, name, data):
            files[name] = data

    from federation.services import images_direct_set

    images_direct_set(user=alice, direct=True)
    export(alice, Writer())

    assert files["federation/choices.json"] == {"findable": True, "images_direct": True}
    assert [row["actor"] for row in files["federation/blocked.json"]] == [dora.uri]
    assert [row["actor"] for row in files["federation/muted.json"]] == [dora.uri]
    counts = erase(alice, holds=None)
    assert counts["remote_blocks_deleted"] == 1 and counts["remote_mutes_deleted"] == 1
    assert not MemberRemoteBlock.objects.exists()
    assert MemberRemoteMute.objects.get().member == bob
