"""Paged web lists go by "Older" / "Newer" links on a keyset: walking them shows every
photo once and in order while photos are added; old `?page=N` links work for the first
pages and redirect beyond; an altered cursor answers 400; no page counts rows."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.models import Photo
from photos.selectors import explore_photos
from social.services import favourite_add, follow_create
from tests.moderation_fixtures import staff_login
from web import keyset_pagination

PHOTO_LINK = re.compile(r'href="/photos/(\d+)/[?"]')


@pytest.fixture(autouse=True)
def two_a_page(monkeypatch):
    monkeypatch.setattr(keyset_pagination, "PER_PAGE", 2)


def shown(response) -> list[int]:
    assert response.status_code == 200
    return [int(pk) for pk in PHOTO_LINK.findall(response.content.decode())]


def link(response, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def walk(client, path: str, between=lambda: None) -> tuple[list[int], list]:
    """Every page through the "Older" links; answers the photos seen and the pages."""
    pages = [client.get(path)]
    while older := link(pages[-1], "next"):
        between()
        assert "cursor=" in older and "page=" not in older
        pages.append(client.get(path + older))
    return [pk for page in pages for pk in shown(page)], pages


@pytest.fixture
def lists(alice, bob, as_user, many_photos):
    """Five photos of alice, tagged and favourited by bob, who follows her."""
    photos = many_photos(alice, 5, tags="harbour")
    follow_create(follower=bob, followee=alice)
    for photo in photos:
        favourite_add(user=bob, photo_id=photo.pk)
    return {"client": as_user(bob), "photos": photos}


PATHS = ["/", "/explore/", "/tags/harbour/", "/u/alice/", "/u/bob/favourites/"]


@pytest.mark.parametrize("path", PATHS)
def test_older_links_show_every_photo_once_in_order_while_photos_are_added(
    lists, path, alice, bob, many_photos
):
    client = lists["client"]
    first = shown(client.get(path))

    def add():
        (new,) = many_photos(alice, 1, tags="harbour")
        favourite_add(user=bob, photo_id=new.pk)

    seen, _ = walk(client, path, add)
    assert sorted(seen) == sorted(p.pk for p in lists["photos"])
    assert seen[:2] == first and len(seen) == len(set(seen)) == 5


def test_newer_links_walk_back_through_the_same_pages(lists):
    client = lists["client"]
    _, pages = walk(client, "/explore/")
    assert link(pages[0], "prev") is None
    page = pages[-1]
    for earlier in reversed(pages[:-1]):
        page = client.get("/explore/" + link(page, "prev"))
        assert shown(page) == shown(earlier)
    assert link(page, "prev") is None


def test_links_say_older_and_newer_and_keep_the_other_parameters(lists):
    client = lists["client"]
    first = client.get("/explore/?view=grid")
    assert "Older →" in first.content.decode() and "view=grid" in link(first, "next")
    second = client.get("/explore/" + link(first, "next"))
    assert "← Newer" in second.content.decode()


def test_an_old_page_number_still_works_within_fifty_pages(lists):
    client = lists["client"]
    order = list(explore_photos(None).values_list("pk", flat=True))
    second = client.get("/explore/?page=2")
    assert shown(second) == order[2:4]
    assert link(second, "prev") == "?"  # the first page, no cursor
    assert shown(client.get("/explore/" + link(second, "next"))) == order[4:]
    assert shown(client.get("/explore/?page=50")) == []


def test_a_page_emptied_meanwhile_links_back_to_the_first(lists):
    client = lists["client"]
    first = client.get("/explore/")
    shown_first = shown(first)
    Photo.objects.exclude(pk__in=shown_first).delete()
    emptied = client.get("/explore/" + link(first, "next"))
    assert shown(emptied) == [] and link(emptied, "next") is None
    assert shown(client.get("/explore/" + link(emptied, "prev"))) == shown_first


@pytest.mark.parametrize("page", ["51", "100000", "abc", "0", "-1"])
def test_an_old_page_number_past_fifty_redirects_to_the_first_page_with_a_message(lists, page):
    client = lists["client"]
    response = client.get(f"/tags/harbour/?page={page}", follow=True)
    assert response.redirect_chain == [("/tags/harbour/", 302)]
    assert "no longer kept" in response.content.decode()


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("cursor", ["nonsense", "eyJrIjpbMV0sImQiOiJhIn0:forged"])
def test_an_altered_cursor_answers_400(lists, path, cursor):
    assert lists["client"].get(path, {"cursor": cursor}).status_code == 400


def _owner_count(sql: str) -> bool:
    return re.search(r'AND "photos_photo"."owner_id" = \d+\)?$', sql) is not None


@pytest.mark.parametrize("path", PATHS)
def test_no_page_counts_rows(lists, path):
    client = lists["client"]
    older = link(client.get(path), "next")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path + older).status_code == 200
    counts = [q["sql"] for q in captured if re.search(r"COUNT\s*\(\s*\*", q["sql"], re.I)]
    # The profile's photo count reads the one member's photos (their index), nothing more
    # (tests/web/test_viewing_counts.py holds it to that index).
    assert not [sql for sql in counts if not _owner_count(sql)]


def test_the_moderation_queue_pages_by_next_and_previous(client, mod, lists, report):
    for photo in lists["photos"]:
        report(photo)
    staff_login(client, mod)
    first = client.get("/moderation/")
    assert "Next →" in first.content.decode() and link(first, "prev") is None
    ids = []
    page = first
    while True:
        ids += re.findall(r'href="/moderation/cases/(\d+)/"', page.content.decode())
        older = link(page, "next")
        if not older:
            break
        page = client.get("/moderation/" + older)
    assert len(ids) == len(set(ids)) == 5
    assert client.get("/moderation/?cursor=nonsense").status_code == 400
    assert client.get("/moderation/?page=51").status_code == 302
