"""Pasting a URL into search (issue #19): a profile URL finds the account, a post URL
stores and shows the post with its author (fetched from the real test peer), and a post
whose id or author is on another server, a collection, an error page or a private post
gives a message and stores nothing. No document that is not an actor becomes a
RemoteActor."""

import pytest
from django.urls import reverse

from federation.fetch import FetchRefused
from federation.lookup import remote_actor_find
from federation.models import Delivery, RemoteActor, RemotePost
from federation.remote_actors import actor_refresh
from tests.federation.peer import Peer

pytestmark = pytest.mark.django_db

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def note(peer, path: str, *, author: str, **extra) -> str:
    """Serves a public post with one image at `path`; returns its URL."""
    url = f"{peer.base}{path}"
    peer.documents[path] = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": url,
        "type": "Note",
        "attributedTo": author,
        "content": "<p>Morning fog over the lake</p>",
        "published": "2026-01-02T08:00:00Z",
        "to": [PUBLIC],
        "attachment": [
            {
                "type": "Image",
                "mediaType": "image/jpeg",
                "url": f"{peer.base}/media/fog.jpg",
                "name": "A foggy lake",
            }
        ],
        **extra,
    }
    return url


def search(client, query: str) -> str:
    page = client.get(reverse("search"), {"q": query})
    assert page.status_code == 200
    return page.content.decode()


def test_pasting_a_profile_url_finds_the_account(federating, peer, client, alice):
    bob = peer.actor("bob")
    bob["name"] = "Bob Elsewhere"  # the served document itself
    client.force_login(alice)

    html = search(client, bob["id"])

    actor = RemoteActor.objects.get(uri=bob["id"])
    assert actor.kind == "Person" and actor.username == "bob"
    assert "Bob Elsewhere" in html and reverse("remote_follow", args=[actor.pk]) in html
    assert not RemotePost.objects.exists()


def test_pasting_a_post_url_stores_and_shows_the_post_with_its_author(
    federating, peer, client, alice
):
    bob = peer.actor("bob")
    bob["name"] = "Bob Elsewhere"  # the served document itself
    url = note(peer, "/p/bob/1", author=bob["id"])
    client.force_login(alice)

    html = search(client, url)

    post = RemotePost.objects.get(uri=url)
    assert post.author.uri == bob["id"] and post.author.kind == "Person"
    assert post.text == "Morning fog over the lake"
    assert post.attachments[0]["name"] == "A foggy lake"
    assert "/p/bob/1" in peer.fetched and "/users/bob" in peer.fetched
    assert "Morning fog over the lake" in html and "Bob Elsewhere" in html
    assert "from 127.0.0.1" in html  # the origin
    assert f'href="{url}"' in html  # "View the original"
    assert 'src="/remote-media/' in html
    like = reverse("remote_post_like", args=[post.pk])
    assert like in html and reverse("remote_post_reply", args=[post.pk]) in html
    assert not RemoteActor.objects.filter(kind="Note").exists()

    assert client.post(like).status_code == 302  # the card's actions work
    like_sent = Delivery.objects.get().activity
    assert like_sent["type"] == "Like" and like_sent["object"] == url


def test_a_post_whose_id_is_on_another_server_is_refused_and_nothing_stored(
    federating, peer, client, alice
):
    bob = peer.actor("bob")
    note(peer, "/p/bob/2", author=bob["id"], id="https://elsewhere.example/p/2")
    client.force_login(alice)

    html = search(client, f"{peer.base}/p/bob/2")

    assert "names an id or an author on another server" in html
    assert not RemotePost.objects.exists() and not RemoteActor.objects.exists()


def test_a_post_whose_author_is_on_another_server_is_refused_and_nothing_stored(
    federating, peer, client, alice
):
    other = Peer()  # a second server (another port on 127.0.0.1)
    try:
        carol = other.actor("carol")
        url = note(peer, "/p/carol/3", author=carol["id"])
        client.force_login(alice)

        html = search(client, url)

        assert "names an id or an author on another server" in html
        assert other.fetched == []  # the named author was not even asked
        assert not RemotePost.objects.exists() and not RemoteActor.objects.exists()
    finally:
        other.close()


def test_a_collection_gives_a_message_and_stores_nothing(federating, peer, client, alice):
    peer.documents["/users/bob/outbox"] = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{peer.base}/users/bob/outbox",
        "type": "OrderedCollection",
        "totalItems": 3,
    }
    client.force_login(alice)

    html = search(client, f"{peer.base}/users/bob/outbox")

    assert "is neither an account nor a post: nothing was stored." in html
    assert not RemoteActor.objects.exists() and not RemotePost.objects.exists()


def test_a_missing_page_gives_a_message_and_stores_nothing(federating, peer, client, alice):
    client.force_login(alice)

    html = search(client, f"{peer.base}/p/gone/404")

    assert "Nothing could be fetched from" in html
    assert "/p/gone/404" in peer.fetched
    assert not RemoteActor.objects.exists() and not RemotePost.objects.exists()


def test_a_followers_only_post_is_not_stored(federating, peer, client, alice):
    bob = peer.actor("bob")
    url = note(peer, "/p/bob/4", author=bob["id"], to=[f"{bob['id']}/followers"])
    client.force_login(alice)

    html = search(client, url)

    assert "is not public or has no images" in html
    assert not RemotePost.objects.exists()


def test_no_remote_actor_of_kind_note_can_be_created(federating, peer, client, alice):
    bob = peer.actor("bob")
    url = note(peer, "/p/bob/5", author=bob["id"])

    with pytest.raises(FetchRefused):
        actor_refresh(url)  # the signature path's fetch of a "key owner"
    with pytest.raises(FetchRefused):
        remote_actor_find(url)  # the API's account lookup
    client.force_login(alice)
    search(client, url)  # the search page stores the post, its author as a Person

    assert not RemoteActor.objects.exclude(kind="Person").exists()
    assert list(RemoteActor.objects.values_list("uri", flat=True)) == [bob["id"]]
