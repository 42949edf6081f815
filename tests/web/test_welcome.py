"""A visitor's first look at `/`: the community's recent and popular public photos, what
Candid promises, and links to the rules and the transparency reports, in both languages,
at a cost that does not grow with the community."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.models import Visibility
from social import popular
from social.popular import popular_photos
from social.services import favourite_add


@pytest.fixture(autouse=True)
def no_whole_page_cache(settings):
    settings.CANDID_ANON_PAGE_SECONDS = 0


def test_a_visitor_sees_recent_and_popular_public_photos_only(client, alice, bob, many_photos):
    public = many_photos(alice, 3, visibility=Visibility.PUBLIC)
    (hidden,) = many_photos(alice, 1, visibility=Visibility.FOLLOWERS)
    favourite_add(user=bob, photo_id=public[0].pk)
    response = client.get("/")
    assert response.status_code == 200  # no redirect to explore any more
    page = response.content.decode()
    assert all(f'href="/photos/{p.pk}/' in page for p in public)
    assert f'href="/photos/{hidden.pk}/' not in page
    popular_part = page.split('id="popular-heading"')[1]
    assert f'href="/photos/{public[0].pk}/' in popular_part
    assert f'href="/photos/{public[1].pk}/' not in popular_part


def test_the_welcome_says_what_candid_promises_and_links_rules_and_transparency(client, db):
    page = client.get("/").content.decode()
    assert "statement of reasons" in page and "Every notice counts" in page
    assert "train AI" in page
    assert 'href="/rules/"' in page and 'href="/transparency/"' in page
    assert 'href="/accounts/signup/"' in page


def test_the_welcome_is_in_german_for_a_german_visitor(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Was Candid verspricht" in page and "Jede Meldung zählt" in page
    assert '<html lang="de">' in page


def test_every_page_links_the_transparency_reports_in_its_footer(client, alice):
    assert 'href="/transparency/"' in client.get("/explore/").content.decode()
    client.force_login(alice)
    assert 'href="/transparency/"' in client.get("/").content.decode()


def test_popular_counts_only_the_newest_favourites(alice, make_user, many_photos, monkeypatch):
    old_star, new_star, other = many_photos(alice, 3)
    fans = [make_user(f"fan{i}") for i in range(4)]
    for fan in fans[:3]:
        favourite_add(user=fan, photo_id=old_star.pk)
    for fan in fans[:2]:
        favourite_add(user=fan, photo_id=new_star.pk)
    favourite_add(user=fans[3], photo_id=other.pk)
    monkeypatch.setattr(popular, "POPULAR_WINDOW", 3)
    assert popular_photos(None) == [new_star, other]
    monkeypatch.setattr(popular, "POPULAR_WINDOW", 100)
    assert popular_photos(None) == [old_star, new_star, other]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_welcome_costs_the_same_queries_for_a_small_and_a_larger_community(
    client, alice, make_user, many_photos
):
    def grow(n: int):
        for photo in many_photos(alice, n):
            favourite_add(user=make_user(), photo_id=photo.pk)

    grow(3)
    small = _queries(client)
    grow(20)
    larger = _queries(client)
    assert larger == small <= 5
    assert _queries(client) < small  # the grid is cached until the content changes
