"""bench/scale.py times a deep explore page as a member reaches it: by "Older" links, at
the keyset URL they lead to (an old `?page=N` link that deep only redirects); and it times
the two sizes request by request in turn."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client

from bench.scale import _targets, deep_page, interleaved_ms
from bench.scaledata import grow
from photos.selectors import explore_photos
from web.keyset_pagination import PER_PAGE

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="bench/scaledata is PostgreSQL's"
)


def _photo_ids(page_html: str) -> list[int]:
    return list(dict.fromkeys(int(pk) for pk in re.findall(r'href="/photos/(\d+)/[?"]', page_html)))


@pytest.mark.django_db
@on_postgres
def test_the_deep_page_is_the_explore_page_that_many_older_links_on():
    grow(photos=300, vacuum=False)
    client = Client()
    url = deep_page(client, "/explore/", 4)
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert url.startswith("/explore/?cursor=")
    expected = list(explore_photos(AnonymousUser()).values_list("pk", flat=True))
    assert _photo_ids(response.content.decode()) == expected[3 * PER_PAGE : 4 * PER_PAGE]


@pytest.mark.django_db
@on_postgres
def test_a_list_too_short_for_the_deep_page_is_a_clear_error():
    grow(photos=300, vacuum=False)
    with pytest.raises(ValueError, match="no older page"):
        deep_page(Client(), "/explore/", 20)


def test_the_sizes_are_timed_request_by_request_in_turn():
    """A load that comes and goes falls on both sizes: A B, B A, ... not A A A, B B B."""
    calls = []

    def fetch(size):
        calls.append(size)
        return size / 10 + len(calls) % 2  # ms, a figure per call to take the median of

    medians = interleaved_ms([10, 3000], fetch, 4)
    assert calls == [10, 3000, 10, 3000, 3000, 10, 10, 3000, 3000, 10]
    assert set(medians) == {10, 3000}
    assert 1 <= medians[10] <= 2 and 300 <= medians[3000] <= 301


def test_a_request_of_seconds_is_timed_once():
    calls = []

    def fetch(size):
        calls.append(size)
        return 5000.0 if size == 3000 else 2.0

    assert interleaved_ms([10, 3000], fetch, 15) == {10: 2.0, 3000: 5000.0}
    assert calls == [10, 3000]


@pytest.mark.django_db
@on_postgres
def test_the_timed_photo_and_member_are_the_same_at_both_sizes():
    """The larger size's newest photo has other comments (at 3M one by the viewer, drawn
    for them alone): both sizes time the first fill's newest public photo instead."""
    rows = ["profile, signed out", "photo, signed in", "api comments, signed out"]
    rows += ["api photos by user, signed in", "api followers, signed out"]
    grow(photos=300, vacuum=False)
    small = _targets(300, False, ["profile", "photo", "comments", "followers"], first_size=300)
    grow(photos=900, vacuum=False)
    large = _targets(900, False, ["profile", "photo", "comments", "followers"], first_size=300)
    assert [small[row][1] for row in rows] == [large[row][1] for row in rows]
    assert small["photo, signed in"][1] == "/photos/300/"
