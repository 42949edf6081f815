"""Previous and next in each list a photo can be opened from, among the photos the viewer
may see, by a keyset on the list's own order: no offset, no count."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.neighbours import (
    neighbours_in_album,
    neighbours_in_favourites,
    neighbours_in_search,
    neighbours_newest_first,
)
from photos.samples import sample_jpeg
from photos.selectors import explore_photos, photos_by, photos_tagged
from photos.services import album_create, album_set_photos
from social.audience_services import follow_request_accept
from social.models import FollowRequest
from social.selectors import feed_for
from social.services import favourite_add, follow_create


@pytest.fixture
def stream(alice, upload):
    """alice's photos, oldest first: public, public, PRIVATE, public, followers-only."""
    visibilities = ["public", "public", "private", "public", "followers"]
    return [
        upload(
            alice,
            sample_jpeg(48, 36, seed=i),
            title=f"zebra {i}",
            tags="zebra",
            visibility=visibility,
        )
        for i, visibility in enumerate(visibilities)
    ]


def pair(neighbours):
    return (
        neighbours.previous.pk if neighbours.previous else None,
        neighbours.next.pk if neighbours.next else None,
    )


def test_photostream_skips_a_private_photo_for_others_but_not_for_its_owner(alice, bob, stream):
    public_1, public_2, private, public_3, _followers = stream
    for_bob = neighbours_newest_first(photos_by(alice, bob), public_2)
    assert pair(for_bob) == (public_3.pk, public_1.pk)  # newest first: previous is newer
    for_alice = neighbours_newest_first(photos_by(alice, alice), public_2)
    assert pair(for_alice) == (private.pk, public_1.pk)


def test_photostream_ends_have_no_neighbour_beyond_them(alice, stream):
    rows = photos_by(alice, AnonymousUser())
    assert pair(neighbours_newest_first(rows, stream[3])) == (None, stream[1].pk)
    assert pair(neighbours_newest_first(rows, stream[0])) == (stream[1].pk, None)


def follow_accepted(follower, followee):
    """alice has followers-only photos, so a follow is a request she accepts."""
    if isinstance(follow_create(follower=follower, followee=followee), FollowRequest):
        follow_request_accept(followee=followee, follower=follower)


def test_a_follower_also_steps_through_followers_only_photos(alice, bob, stream):
    follow_accepted(bob, alice)
    rows = photos_by(alice, bob)
    assert pair(neighbours_newest_first(rows, stream[3])) == (stream[4].pk, stream[1].pk)


def test_a_photo_outside_the_list_has_no_neighbours(alice, bob, stream, upload):
    untagged = upload(alice, sample_jpeg(48, 36, seed=9), title="other")
    assert pair(neighbours_newest_first(photos_tagged("zebra", bob), untagged)) == (None, None)
    assert pair(neighbours_newest_first(photos_by(alice, bob), stream[2])) == (None, None)


def test_tag_explore_and_feed_lists(alice, bob, stream):
    follow_accepted(bob, alice)
    tagged = neighbours_newest_first(photos_tagged("zebra", bob), stream[3])
    assert pair(tagged) == (stream[4].pk, stream[1].pk)
    explore = neighbours_newest_first(explore_photos(bob), stream[3])
    assert pair(explore) == (None, stream[1].pk)  # followers-only is never on explore
    feed = neighbours_newest_first(feed_for(bob), stream[1])
    assert pair(feed) == (stream[3].pk, stream[0].pk)


def test_album_order_is_the_albums_and_skips_what_the_viewer_may_not_see(alice, bob, stream):
    album = album_create(owner=alice, title="Stripes")
    order = [stream[3], stream[2], stream[0], stream[1]]  # the owner's order, not by date
    album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in order])
    assert pair(neighbours_in_album(album, stream[3], bob)) == (None, stream[0].pk)
    assert pair(neighbours_in_album(album, stream[0], bob)) == (stream[3].pk, stream[1].pk)
    assert pair(neighbours_in_album(album, stream[0], alice)) == (stream[2].pk, stream[1].pk)
    assert pair(neighbours_in_album(album, stream[4], alice)) == (None, None)  # not in it


def test_favourites_go_newest_favourite_first(alice, bob, make_user, stream):
    carol = make_user("carol")
    for photo in (stream[0], stream[3], stream[1]):
        favourite_add(user=carol, photo_id=photo.pk)
    around = neighbours_in_favourites(carol, stream[3], bob)
    assert pair(around) == (stream[1].pk, stream[0].pk)
    stream[1].visibility = "private"
    stream[1].save()
    assert pair(neighbours_in_favourites(carol, stream[3], bob)) == (None, stream[0].pk)


def test_search_results_in_their_ranked_order(alice, bob, stream):
    around = neighbours_in_search("zebra", stream[1], bob)
    assert pair(around) == (stream[3].pk, stream[0].pk)  # equal rank: newest first
    assert pair(neighbours_in_search("zebra", stream[2], bob)) == (None, None)


def test_neighbours_are_a_keyset_read_with_no_offset_or_count(alice, bob, stream):
    album = album_create(owner=alice, title="Stripes")
    album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in stream])
    with CaptureQueriesContext(connection) as captured:
        neighbours_newest_first(photos_by(alice, bob), stream[1])
        neighbours_in_album(album, stream[1], bob)
    sql = " ".join(q["sql"] for q in captured).upper()
    assert len(captured) == 6  # membership or position, then one row each way, per list
    assert "OFFSET" not in sql and "COUNT(" not in sql
    # each EXISTS (the visibility rule's restricted owners) has a LIMIT 1 of its own
    assert sql.count("LIMIT 1") - sql.count("EXISTS(") == 6
