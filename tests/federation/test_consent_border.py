"""Consent at the border (issue 20): a remote person who is not `indexable` (Mastodon's
opt-out of search; Candid's for members who refuse AI training) has their replies to a
photo here shown as Candid shows its own members' public content, with the refusal carried:
kept out of search snippets, the page marked noai, the API saying so; the text never
reaches the sitemap or the feeds."""

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


def test_the_photo_page_carries_the_refusal_of_a_reply_whose_author_is_not_indexable(
    client, replies
):
    html = client.get(reverse("photo", args=[replies.pk])).content.decode()
    assert "<p data-nosnippet>Private words</p>" in html
    assert "<p>Lovely light</p>" in html and "<p>Server did not say</p>" in html
    assert '<meta name="robots" content="noai, noimageai">' in html


def test_a_photo_page_without_such_replies_is_not_marked(client, replies):
    RemoteReply.objects.filter(author__username="private").delete()
    html = client.get(reverse("photo", args=[replies.pk])).content.decode()
    assert "noai" not in html and "data-nosnippet" not in html


def test_the_public_api_says_which_replies_are_not_indexable(client, replies):
    items = client.get(f"/api/v1/photos/{replies.pk}/remote-replies").json()["items"]
    by_author = {item["author"]: item["indexable"] for item in items}
    assert by_author == {
        "@open@mastodon.example": True,
        "@private@mastodon.example": False,
        "@silent@mastodon.example": True,
    }


def test_no_reply_text_reaches_the_sitemap_or_the_feeds(client, alice, replies):
    for url in ("/sitemap.xml", f"/u/{alice.username}/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response) if response.streaming else response.content
        assert b"Private words" not in body
