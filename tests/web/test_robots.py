"""A member's "ask search engines not to index my photos and profile" choice is served as
`<meta name="robots" content="noindex">` and `X-Robots-Tag: noindex` on their photo, album
and profile pages and on their photos' renditions, also through the anonymous page cache."""

import re

import pytest
from django.test import Client

from accounts.services import search_indexing_set
from photos.models import Photo
from photos.rendition_keys import rendition_key
from photos.services import album_create, album_set_photos

ROBOTS_META = '<meta name="robots" content="noindex">'


def robots(response) -> list[str]:
    assert response.status_code == 200
    return [word.strip() for word in response.get("X-Robots-Tag", "").split(",") if word]


@pytest.fixture
def pages(alice, upload):
    photo = upload(alice, title="Harbour")
    album = album_create(owner=alice, title="Coast")
    album_set_photos(actor=alice, album=album, photo_ids=[photo.pk])
    return {
        "photo": f"/photos/{photo.pk}/",
        "album": f"/albums/{album.pk}/",
        "profile": "/u/alice/",
        "favourites": "/u/alice/favourites/",
    }


@pytest.mark.parametrize("page", ["photo", "album", "profile", "favourites"])
def test_an_indexable_members_pages_say_nothing_about_robots(pages, page):
    response = Client().get(pages[page])
    assert "noindex" not in robots(response)
    assert 'name="robots"' not in response.content.decode()


@pytest.mark.parametrize("page", ["photo", "album", "profile", "favourites"])
def test_a_noindex_members_pages_say_noindex_in_meta_and_header(alice, pages, page):
    search_indexing_set(user=alice, noindex=True)
    response = Client().get(pages[page])
    assert robots(response)[0] == "noindex"
    assert ROBOTS_META in response.content.decode()


def test_the_choice_covers_the_owners_view_of_a_private_photo_too(alice, upload):
    photo = upload(alice, title="Mine", visibility="private")
    search_indexing_set(user=alice, noindex=True)
    owner = Client()
    owner.force_login(alice)
    assert "noindex" in robots(owner.get(f"/photos/{photo.pk}/"))


def test_other_members_pages_are_not_affected(alice, bob, upload):
    search_indexing_set(user=alice, noindex=True)
    photo = upload(bob, title="Bob's")
    assert "noindex" not in robots(Client().get(f"/photos/{photo.pk}/"))
    assert "noindex" not in robots(Client().get("/u/bob/"))


def rendition_url(photo_id: int) -> str:
    photo = Photo.objects.get(pk=photo_id)
    return f"/r/{photo.pk}/{rendition_key(photo)}/medium.jpg"


def test_renditions_carry_the_header_at_their_new_url(alice, upload):
    photo = upload(alice, title="Harbour")
    before = rendition_url(photo.pk)
    assert "noindex" not in robots(Client().get(before))
    search_indexing_set(user=alice, noindex=True)
    after = rendition_url(photo.pk)
    assert after != before  # a cached copy of the old answer is not reused
    assert Client().get(before).status_code == 404
    # The choice joins consent's "noai, noimageai", which stays.
    assert robots(Client().get(after)) == ["noindex", "noai", "noimageai"]
    assert robots(Client().get(f"/r/{photo.pk}/medium.jpg")) == ["noindex", "noai", "noimageai"]


def test_the_anonymous_page_cache_keeps_the_header(
    alice, pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        search_indexing_set(user=alice, noindex=True)
    visitor = Client()
    first = visitor.get(pages["profile"])
    again = visitor.get(pages["profile"])  # served from the page cache
    assert again.content == first.content
    assert "noindex" in robots(again)


@pytest.mark.parametrize("page", ["photo", "album", "profile"])
def test_the_page_cache_serves_no_stale_robots_answer_after_the_choice_changes(
    alice, pages, page, django_capture_on_commit_callbacks
):
    visitor = Client()
    assert "noindex" not in robots(visitor.get(pages[page]))
    assert "noindex" not in robots(visitor.get(pages[page]))  # cached
    with django_capture_on_commit_callbacks(execute=True):
        search_indexing_set(user=alice, noindex=True)
    response = visitor.get(pages[page])
    assert "noindex" in robots(response)
    assert ROBOTS_META in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        search_indexing_set(user=alice, noindex=False)
    response = visitor.get(pages[page])
    assert "noindex" not in robots(response)
    assert not re.search(r'name="robots"', response.content.decode())
