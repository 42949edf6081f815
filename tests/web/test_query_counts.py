"""No N+1 queries: each page's query count is the same with 5 photos as with 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.models import Visibility
from photos.services import album_create, album_set_photos
from social.models import Comment, Follow
from social.services import favourite_add


@pytest.fixture
def site(alice, bob, upload, small_jpeg, django_capture_on_commit_callbacks):
    """A site that can grow: grow(n) adds n photos by alice (tagged, in her album,
    favourited, commented on), some followers-only; bob follows alice and is logged in.
    Each growth is committed, as on a live site (what is cached under the content
    generation, like the unread badge, is then read afresh)."""
    Follow.objects.create(follower=bob, followee=alice)
    album = album_create(owner=alice, title="Everything")
    photos = []

    def grow(n: int):
        with django_capture_on_commit_callbacks(execute=True):
            _grow(n)

    def _grow(n: int):
        for _ in range(n):
            i = len(photos)
            vis = Visibility.FOLLOWERS if i % 3 == 0 else Visibility.PUBLIC
            photo = upload(
                alice, small_jpeg(seed=i), title=f"zebra {i}", tags=f"zebra t{i}", visibility=vis
            )
            photos.append(photo)
            favourite_add(user=alice, photo_id=photo.pk)
            Comment.objects.create(photo=photos[0], author=bob, body=f"comment {i}")
            photos[0].tags.add(*photo.tags.all())
        album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in photos])

    return {"grow": grow, "album": album, "photos": photos}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# (page, most queries allowed, photo links shown with 20 photos: 13 public, 7 followers-only;
# the photo page links only to its own "I am in this photo" form and its large view)
# Grid and photo pages read the content version first (web/grid_cache.py, web/photo_parts.py):
# one query more when cold; the photo page also reads who commented (delete buttons) and
# the viewer's own favourite apart from the shared photo row. Cold, explore asks whether a
# signed-in viewer has a block either way (their grid then leaves those photos out), and
# the profile reads the viewer's relation to the member (follow, request, block, mute)
# apart from the member's row. The frame's unread badge counts once per content
# generation (notifications/badge.py): one query on each.
PAGES = [
    ("/explore/", 6, 13),
    ("/", 5, 20),
    ("/search/?q=zebra", 8, 20),  # photos (newest id, keys, rows), people, tags
    ("/tags/zebra/", 5, 20),
    # with the photo count (the owner's photos only) and the relation; the follow counts
    # come with the member's row
    ("/u/alice/", 9, 20),
    ("/u/alice/favourites/", 5, 20),
    ("album", 5, 20),
    # the parts, once per version the consent (3) for its headers, the comments kept from
    # an import (Flickr); the tags once, and the thread once even for a commenter (bob)
    ("photo", 12, 2),
]


@pytest.mark.parametrize("url, limit, shown", PAGES)
def test_page_query_count_does_not_grow_with_the_number_of_photos(
    client, bob, site, django_assert_max_num_queries, url, limit, shown
):
    client.force_login(bob)
    site["grow"](5)
    target = {
        "album": f"/albums/{site['album'].pk}/",
        "photo": f"/photos/{site['photos'][0].pk}/",
    }.get(url, url)
    with django_assert_max_num_queries(limit):
        with_five = count_queries(client, target)
    site["grow"](15)
    with django_assert_max_num_queries(limit):
        with_twenty = count_queries(client, target)
    assert with_five == with_twenty
    html = client.get(target).content.decode()
    assert html.count('href="/photos/') == shown
    if url == "photo":
        assert html.count('class="comment"') == 20


def test_album_edit_query_count_does_not_grow(client, alice, site, django_assert_max_num_queries):
    client.force_login(alice)
    url = f"/albums/{site['album'].pk}/edit/"
    site["grow"](5)
    with django_assert_max_num_queries(7):
        with_five = count_queries(client, url)
    site["grow"](15)
    assert count_queries(client, url) == with_five
