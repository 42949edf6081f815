"""Federation on the web pages (issue #19): finding and following accounts on other
servers from the search page, their posts in the home feed, likes and replies to them,
and the replies and likes from other servers on a photo page."""

from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

from federation.models import (
    Delivery,
    OutgoingFollow,
    RemoteActor,
    RemoteLike,
    RemotePost,
    RemoteReply,
)
from tests.federation.conftest import federating, peer  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def webfinger(peer, name: str) -> str:
    """Serves `name`'s actor and its WebFinger answer; returns the address."""
    document = peer.actor(name)
    document["name"] = f"{name.title()} Remote"  # the served document itself
    host = urlsplit(peer.base).netloc
    query = urlencode({"resource": f"acct:{name}@{host}"})
    peer.documents[f"/.well-known/webfinger?{query}"] = {
        "subject": f"acct:{name}@{host}",
        "links": [{"rel": "self", "type": "application/activity+json", "href": document["id"]}],
    }
    return f"@{name}@{host}"


@pytest.fixture
def bob_remote():
    return RemoteActor.objects.create(
        uri="https://pixelfed.example/users/bob",
        domain="pixelfed.example",
        username="bob",
        inbox="https://pixelfed.example/users/bob/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )


def test_searching_an_address_shows_the_account_and_following_sends_a_follow(
    federating, peer, client, alice
):
    address = webfinger(peer, "carol")
    client.force_login(alice)

    page = client.get(reverse("search"), {"q": address})

    assert page.status_code == 200
    html = page.content.decode()
    assert "On another server" in html and "Carol Remote" in html and address in html
    actor = RemoteActor.objects.get(username="carol")
    follow_url = reverse("remote_follow", args=[actor.pk])
    assert follow_url in html

    answer = client.post(follow_url, {"next": f"/search/?q={address}"}, follow=True)

    follow = OutgoingFollow.objects.get(follower=alice, followee=actor)
    assert follow.state == OutgoingFollow.State.PENDING
    assert Delivery.objects.filter(activity__type="Follow").exists()
    assert "Requested" in answer.content.decode()

    client.post(reverse("remote_unfollow", args=[actor.pk]))
    assert not OutgoingFollow.objects.filter(follower=alice).exists()


def test_an_unknown_address_is_a_message_not_an_error(federating, peer, client, alice):
    client.force_login(alice)
    host = urlsplit(peer.base).netloc

    page = client.get(reverse("search"), {"q": f"@nobody@{host}"})

    assert page.status_code == 200
    assert f"No account found at @nobody@{host}." in page.content.decode()


def test_no_lookup_for_visitors_or_when_federation_is_off(settings, client, alice):
    settings.CANDID_FEDERATION = False
    client.force_login(alice)
    assert "On another server" not in client.get("/search/?q=@bob@example.org").content.decode()


def test_remote_posts_appear_in_the_home_feed_with_origin_and_link(
    federating, client, alice, bob_remote
):
    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1",
        url="https://pixelfed.example/p/bob/1.html",
        author=bob_remote,
        text="Morning fog over the lake",
        attachments=[{"url": "https://pixelfed.example/img/1.jpg", "name": "A foggy lake"}],
        published="2026-01-02T00:00:00Z",
    )
    RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/2",
        author=bob_remote,
        text="Hidden text",
        summary="Spiders",
        sensitive=True,
        published="2026-01-01T00:00:00Z",
    )
    client.force_login(alice)

    html = client.get("/").content.decode()

    assert "@bob@pixelfed.example" in html and "from pixelfed.example" in html
    assert 'src="/remote-media/' in html and 'alt="A foggy lake"' in html
    assert "https://pixelfed.example/img/1.jpg" not in html  # through Candid's media proxy
    assert 'href="https://pixelfed.example/p/bob/1.html"' in html
    assert "Morning fog over the lake" in html
    assert "<details" in html and "Spiders" in html
    assert html.index("Morning fog") < html.index("Hidden text")  # newest first


def test_like_and_reply_queue_deliveries(federating, client, alice, bob_remote):
    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    post = RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1", author=bob_remote, published="2026-01-02T00:00Z"
    )
    client.force_login(alice)

    assert client.post(reverse("remote_post_like", args=[post.pk])).status_code == 302
    client.post(reverse("remote_post_reply", args=[post.pk]), {"text": "Lovely light"})
    client.post(reverse("remote_post_reply", args=[post.pk]), {"text": "   "})

    kinds = [d.activity["type"] for d in Delivery.objects.order_by("pk")]
    assert kinds == ["Like", "Create"]
    assert Delivery.objects.get(activity__type="Create").activity["object"]["content"] == (
        "<p>Lovely light</p>"
    )


def test_a_removed_post_or_one_of_a_suspended_account_cannot_be_liked(
    federating, client, alice, bob_remote
):
    """Any public post held here may be liked (one found by pasting its URL into search is
    in no feed), but not one moderation removed or whose author is suspended here."""
    removed = RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1",
        author=bob_remote,
        published="2026-01-02T00:00Z",
        removed_at="2026-01-03T00:00Z",
    )
    carol = RemoteActor.objects.create(
        uri="https://pixelfed.example/users/carol",
        domain="pixelfed.example",
        inbox="https://pixelfed.example/users/carol/inbox",
        fetched_at="2026-01-01T00:00:00Z",
        terminated_at="2026-01-02T00:00:00Z",
    )
    hidden = RemotePost.objects.create(
        uri="https://pixelfed.example/p/carol/1", author=carol, published="2026-01-02T00:00Z"
    )
    client.force_login(alice)
    assert client.post(reverse("remote_post_like", args=[removed.pk])).status_code == 404
    assert client.post(reverse("remote_post_like", args=[hidden.pk])).status_code == 404
    assert not Delivery.objects.exists()


def test_the_photo_page_shows_replies_and_likes_from_other_servers(
    federating, client, alice, bob_remote, upload
):
    photo = upload(alice)
    RemoteReply.objects.create(
        uri="https://pixelfed.example/r/1",
        url="https://pixelfed.example/r/1.html",
        author=bob_remote,
        photo=photo,
        text="What a view",
        published="2026-01-02T00:00:00Z",
    )
    RemoteReply.objects.create(
        uri="https://pixelfed.example/r/2",
        author=bob_remote,
        photo=photo,
        text="Removed spam",
        published="2026-01-02T00:00:00Z",
        removed_at="2026-01-03T00:00:00Z",
    )
    RemoteLike.objects.create(actor=bob_remote, photo=photo)

    html = client.get(reverse("photo", args=[photo.pk])).content.decode()

    assert "Replies from other servers" in html and "What a view" in html
    assert "@bob@pixelfed.example" in html and 'href="https://pixelfed.example/r/1.html"' in html
    assert "Removed spam" not in html
    assert "1 like from other servers" in html


def test_german_pages(federating, client, alice, bob_remote):
    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1", author=bob_remote, published="2026-01-02T00:00Z"
    )
    client.force_login(alice)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "von pixelfed.example" in html and "Original ansehen" in html


def test_a_reply_arriving_later_shows_on_the_cached_photo_page(
    federating, client, alice, bob_remote, upload, django_capture_on_commit_callbacks
):
    from federation import addresses
    from federation.interactions import reply_received

    photo = upload(alice)
    url = reverse("photo", args=[photo.pk])
    assert "Replies from other servers" not in client.get(url).content.decode()  # now cached

    with django_capture_on_commit_callbacks(execute=True):  # as the worker's commit
        outcome = reply_received(
            bob_remote,
            {
                "id": "https://pixelfed.example/r/9",
                "inReplyTo": addresses.photo_id(photo.pk),
                "content": "<p>Arrived later</p>",
                "published": "2026-01-02T00:00:00Z",
            },
        )

    assert outcome == "reply stored"
    assert "Arrived later" in client.get(url).content.decode()


def test_the_merged_feed_pages_by_its_cursor_and_refuses_a_forged_one(
    federating, client, alice, bob_remote
):
    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    for day in range(1, 33):  # one more than a page
        RemotePost.objects.create(
            uri=f"https://pixelfed.example/p/bob/{day}",
            author=bob_remote,
            text=f"Post of day {day:02d}",
            published=f"2026-01-{day if day <= 31 else 31:02d}T{day % 24:02d}:00:00Z",
        )
    client.force_login(alice)

    first = client.get("/")
    older = first.context["next_cursor"]
    assert older and "Post of day 01" not in first.content.decode()
    second = client.get("/", {"after": older}).content.decode()
    assert "Post of day 01" in second and "Post of day 32" not in second
    assert client.get("/", {"after": "forged"}).status_code == 400


def test_the_merged_feed_costs_the_same_for_more_posts(
    federating, client, alice, bob_remote, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    client.force_login(alice)
    client.get("/")  # the session and the first request's own reads

    def cost(n: int) -> int:
        for i in range(n):
            RemotePost.objects.create(
                uri=f"https://pixelfed.example/p/{n}/{i}",
                author=bob_remote,
                published="2026-01-02T00:00Z",
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    assert cost(2) == cost(10)


def test_visitors_get_no_remote_lookup(federating, client):
    page = client.get("/search/?q=@bob@example.org")
    assert page.status_code == 200 and "On another server" not in page.content.decode()


def test_img_src_stays_candids_own_when_federating():
    import subprocess
    import sys

    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='candid.settings'; django.setup();"
        "from django.conf import settings;"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )

    def img_src(federation: str) -> str:
        env = {**__import__("os").environ, "CANDID_FEDERATION": federation, "DEBUG": "1"}
        run = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", script], env=env, capture_output=True, text=True
        )
        return run.stdout.strip()

    assert img_src("1") == img_src("0") == "[\"'self'\"]"


def test_images_of_a_server_whose_media_is_rejected_are_not_shown(
    federating, client, alice, bob_remote
):
    from federation.models import DomainBlock

    carol = RemoteActor.objects.create(
        uri="https://mastodon.example/users/carol",
        domain="mastodon.example",
        username="carol",
        inbox="https://mastodon.example/users/carol/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )
    DomainBlock.objects.create(
        domain="pixelfed.example", kind="reject_media", public_reason="Unlabelled gore"
    )
    OutgoingFollow.objects.create(follower=alice, followee=carol, state="accepted")
    RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1",
        author=bob_remote,
        shared_by=carol,
        text="Shared along",
        attachments=[{"url": "https://pixelfed.example/img/1.jpg", "name": "Something"}],
        published="2026-01-02T00:00:00Z",
    )
    client.force_login(alice)

    html = client.get("/").content.decode()

    assert "Shared along" in html and "shared by @carol@mastodon.example" in html
    assert "https://pixelfed.example/img/1.jpg" not in html
    assert "does not show images from there" in html

    from accounts.services import token_create
    from tests.api.conftest import ApiClient

    api = ApiClient(token_create(user=alice, name="t", scopes=["read"])[1])
    [item] = api.get("/feed").json()["items"]
    assert item["remote"]["text"] == "Shared along" and item["remote"]["images"] == []


def test_a_blocked_server_is_not_looked_up(federating, peer, client, alice):
    from federation.models import DomainBlock

    address = webfinger(peer, "carol")
    DomainBlock.objects.create(domain="127.0.0.1", kind="block", public_reason="Spam")
    client.force_login(alice)

    html = client.get(reverse("search"), {"q": address}).content.decode()

    assert "This server does not federate with 127.0.0.1." in html
    assert not RemoteActor.objects.exists() and peer.received == []


def test_a_liked_post_shows_as_liked_and_the_like_can_be_undone(
    federating, client, alice, bob_remote, django_capture_on_commit_callbacks
):
    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    post = RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1", author=bob_remote, published="2026-01-02T00:00Z"
    )
    client.force_login(alice)
    like_url, unlike_url = (
        reverse(n, args=[post.pk]) for n in ("remote_post_like", "remote_post_unlike")
    )
    assert like_url in client.get("/").content.decode()

    client.post(like_url)
    client.post(like_url)  # a second press sends nothing more
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Das gefällt Ihnen." in html and unlike_url in html and like_url not in html

    client.post(unlike_url)
    client.post(unlike_url)
    assert like_url in client.get("/").content.decode()
    sent = [d.activity for d in Delivery.objects.order_by("pk")]
    assert [a["type"] for a in sent] == ["Like", "Undo"]
    assert sent[1]["object"]["id"] == sent[0]["id"] and sent[1]["object"]["type"] == "Like"


def test_the_api_feed_says_liked_and_delete_takes_the_like_back(federating, alice, bob_remote):
    from accounts.services import token_create
    from tests.api.conftest import ApiClient

    OutgoingFollow.objects.create(follower=alice, followee=bob_remote, state="accepted")
    post = RemotePost.objects.create(
        uri="https://pixelfed.example/p/bob/1", author=bob_remote, published="2026-01-02T00:00Z"
    )
    api = ApiClient(token_create(user=alice, name="t", scopes=["read", "write"])[1])
    assert api.get("/feed").json()["items"][0]["remote"]["liked"] is False
    assert api.post(f"/remote-posts/{post.pk}/like").status_code == 204
    assert api.get("/feed").json()["items"][0]["remote"]["liked"] is True
    assert api.delete(f"/remote-posts/{post.pk}/like").status_code == 204
    assert api.get("/feed").json()["items"][0]["remote"]["liked"] is False
    assert [d.activity["type"] for d in Delivery.objects.order_by("pk")] == ["Like", "Undo"]
