"""Consent at the border (issue 20): a remote person who is not `indexable` (Mastodon's
choice; Candid's for members who refuse AI training) has their replies to a photo here
kept off what crawlers read: the public photo page and the public API list the reply by
author and link, without its text; the text never reaches the sitemap or the feeds."""

import pytest
from django.urls import reverse

from federation.models import RemoteActor, RemoteReply
from federation.selectors import actor_indexable

pytestmark = pytest.mark.django_db


def remote(name: str, **document) -> RemoteActor:
    return RemoteActor.objects.create(
        uri=f"https://mastodon.example/users/{name}", domain="mastodon.example", username=name,
        inbox=f"https://mastodon.example/users/{name}/inbox", fetched_at="2026-01-01T00:00:00Z",
        document={"id": f"https://mastodon.example/users/{name}", **document},
    )  # fmt: skip


@pytest.fixture
def replies(federating, alice, upload):
    photo = upload(alice, visibility="public", title="Harbour")
    for n, (actor, text) in enumerate(
        [
            (remote("open", indexable=True), "Lovely light"),
            (remote("private", indexable=False), "Private words"),
            (remote("silent"), "Server did not say"),
        ]
    ):
        RemoteReply.objects.create(
            uri=f"{actor.uri}/statuses/{n}", url=f"{actor.uri}/statuses/{n}.html", author=actor,
            photo=photo, text=text, published="2026-01-02T00:00:00Z",
        )  # fmt: skip
    return photo


def test_indexable_false_is_the_refusal_and_silence_is_not():
    assert actor_indexable(RemoteActor(document={"indexable": True}))
    assert actor_indexable(RemoteActor(document={}))
    assert not actor_indexable(RemoteActor(document={"indexable": False}))


def test_the_photo_page_leaves_out_the_text_of_a_reply_whose_author_is_not_indexable(
    client, replies
):
    html = client.get(reverse("photo", args=[replies.pk])).content.decode()
    assert "Lovely light" in html and "Server did not say" in html
    assert "Private words" not in html
    assert "@private@mastodon.example" in html
    assert 'href="https://mastodon.example/users/private/statuses/1.html"' in html
    assert "keep their posts out of search engines" in html
    german = client.get(reverse("photo", args=[replies.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert "aus Suchmaschinen herauszuhalten" in german.content.decode()


def test_the_public_api_gives_no_text_of_a_reply_whose_author_is_not_indexable(client, replies):
    items = client.get(f"/api/v1/photos/{replies.pk}/remote-replies").json()["items"]
    by_author = {item["author"]: item for item in items}
    assert by_author["@private@mastodon.example"]["text"] == ""
    assert by_author["@private@mastodon.example"]["indexable"] is False
    assert by_author["@open@mastodon.example"]["text"] == "Lovely light"


def test_no_reply_text_reaches_the_sitemap_or_the_feeds(client, alice, replies):
    for url in ("/sitemap.xml", f"/u/{alice.username}/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
        assert b"Private words" not in body
