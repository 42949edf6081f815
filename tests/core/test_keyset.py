"""Keyset pages (core.keyset): every row once and in order, whatever is added meanwhile or
however many rows share a time; cursors that this list did not hand out are refused."""

import base64
import json
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.keyset import CursorError, keyset_page
from photos.models import Photo
from photos.selectors import albums_visible_to, explore_photos
from photos.services import album_create
from social.selectors import comments_on, followers_of
from social.services import comment_post, follow_create


@pytest.fixture
def photos(alice, upload):
    """Five photos, the middle three taken at the very same moment (ties on created_at)."""
    made = [upload(alice, title=f"P{n}") for n in range(5)]
    same = timezone.now() - timedelta(hours=1)
    Photo.objects.filter(pk__in=[p.pk for p in made[1:4]]).update(created_at=same)
    return made


def order_of(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def walk(queryset, size: int, between=lambda: None) -> list[int]:
    """Every page by cursor from the first, calling `between` before each next page."""
    page = keyset_page(queryset, size=size)
    seen = [row.pk for row in page.items]
    while page.next_cursor:
        between()
        page = keyset_page(queryset, cursor=page.next_cursor, size=size)
        seen += [row.pk for row in page.items]
    return seen


def test_paging_by_cursor_gives_every_row_once_in_order_despite_ties_and_new_rows(
    alice, photos, upload
):
    expected = order_of(explore_photos(None))
    added = []
    seen = walk(explore_photos(None), 2, lambda: added.append(upload(alice, title="New")))
    assert len(added) == 2
    assert seen == expected  # newest-first: the new photos come before the start


def test_rows_added_at_the_end_of_an_oldest_first_list_are_reached_once(alice, bob, photo):
    for n in range(4):
        comment_post(author=bob, photo_id=photo.pk, body=f"Comment {n}")
    added = []

    def comment():
        added.append(comment_post(author=alice, photo_id=photo.pk, body="Late").pk)

    seen = walk(comments_on(photo), 2, comment)
    assert seen == order_of(comments_on(photo))
    assert len(seen) == len(set(seen)) == 4 + len(added)


def test_previous_cursors_walk_back_through_the_same_pages(photos):
    pages = [keyset_page(explore_photos(None), size=2)]
    while pages[-1].next_cursor:
        pages.append(keyset_page(explore_photos(None), cursor=pages[-1].next_cursor, size=2))
    assert pages[0].previous_cursor is None
    back = pages[-1]
    for earlier in reversed(pages[:-1]):
        back = keyset_page(explore_photos(None), cursor=back.previous_cursor, size=2)
        assert [r.pk for r in back.items] == [r.pk for r in earlier.items]
    assert back.previous_cursor is None


def test_an_order_through_a_relation_pages_by_the_related_rows_time(alice, make_user):
    fans = [make_user(f"fan{n}") for n in range(5)]
    for fan in fans:
        follow_create(follower=fan, followee=alice)
    assert walk(followers_of(alice), 2) == [fan.pk for fan in reversed(fans)]


def test_offset_pages_hand_out_cursors_that_continue_where_they_end(photos):
    expected = order_of(explore_photos(None))
    first = keyset_page(explore_photos(None), size=2, offset=1)
    assert [r.pk for r in first.items] == expected[1:3]
    rest = keyset_page(explore_photos(None), cursor=first.next_cursor, size=10)
    assert [r.pk for r in rest.items] == expected[3:]
    back = keyset_page(explore_photos(None), cursor=first.previous_cursor, size=10)
    assert [r.pk for r in back.items] == expected[:1]


def test_a_page_reads_one_query_and_counts_nothing(photos):
    first = keyset_page(explore_photos(None), size=2)
    with CaptureQueriesContext(connection) as captured:
        keyset_page(explore_photos(None), cursor=first.next_cursor, size=2)
    assert len(captured) == 1
    assert "COUNT(" not in captured[0]["sql"].upper()


def test_a_cursor_from_another_list_is_refused(alice, photos):
    album_create(owner=alice, title="One")
    album_create(owner=alice, title="Two")
    album_cursor = keyset_page(albums_visible_to(None).order_by("-created_at"), size=1).next_cursor
    with pytest.raises(CursorError):
        keyset_page(explore_photos(None), cursor=album_cursor, size=2)
    oldest_first = keyset_page(explore_photos(None).order_by("created_at"), size=1).next_cursor
    with pytest.raises(CursorError):
        keyset_page(explore_photos(None), cursor=oldest_first, size=2)


def signed(payload) -> str:
    """A cursor signed as the photo list signs them, holding anything: what the strict
    reading behind the signature refuses (should the secret ever leak)."""
    encoded = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    salt = "core.keyset:photos.Photo:-DateTimeField,-BigAutoField"
    return signing.Signer(salt=salt).sign(encoded)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "a" * 2000,
        "eyJrIjpbXSwiZCI6ImEifQ:forged",
        "\x00:\x00",
        signed({"k": ["2026-01-01T00:00:00+00:00", 1], "d": "a", "x": 1}),
        signed({"k": ["2026-01-01T00:00:00+00:00"], "d": "a"}),
        signed({"k": ["2026-01-01T00:00:00+00:00", 1], "d": "sideways"}),
        signed({"k": ["2026-01-01T00:00:00", 1], "d": "a"}),  # naive time
        signed({"k": ["yesterday", 1], "d": "a"}),
        signed({"k": ["2026-01-01T00:00:00+00:00", True], "d": "a"}),
        signed({"k": ["2026-01-01T00:00:00+00:00", 2**70], "d": "a"}),
        signed({"k": ["2026-01-01T00:00:00+00:00", "1"], "d": "a"}),
        signed({"k": [None, 1], "d": "a"}),
        signed(["2026-01-01T00:00:00+00:00", 1]),
    ],
)
def test_a_malformed_cursor_is_refused_with_a_message(photos, cursor):
    with pytest.raises(CursorError) as refused:
        keyset_page(explore_photos(None), cursor=cursor, size=2)
    assert "cursor" in refused.value.message


def test_a_well_formed_signed_cursor_is_read(photos):
    """The forging helper above signs as the list does: its refusals are the strict
    reading's, not the signature's."""
    *earlier, last = order_of(explore_photos(None))
    moment = Photo.objects.get(pk=last).created_at.isoformat()
    page = keyset_page(explore_photos(None), cursor=signed({"k": [moment, last], "d": "b"}), size=5)
    assert [r.pk for r in page.items] == earlier


def test_an_order_by_a_computed_score_pages_too(photos):
    """As a search ranked by relevance would: the score ties, the id breaks them."""
    score = ExpressionWrapper(F("id") % 2 * 0.5, output_field=FloatField())
    ranked = explore_photos(None).annotate(score=score).order_by("-score")
    assert walk(ranked, 2) == order_of(ranked.order_by("-score", "-id"))
